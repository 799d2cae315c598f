import { describe, expect, it } from 'vitest';
import { articlesDir, startHarness } from '../helpers/bot';
import { expectWithinDiscordRules } from '../helpers/discordRules';

const read = (id: string) => [{ type: 1, name: 'read', options: [{ type: 3, name: 'id', value: id }] }];
const file = (title: string, day: number) =>
  `---\ntitle: ${title}\ndate: 2004-12-${String(day).padStart(2, '0')}\n---\nThe Home Secretary spoke to reporters on day ${day}.\n`;

// Twelve titles hold "Blunkett", each near the 300-character limit, so the list of choices is as long as it can be.
const blunkett = Object.fromEntries(
  Array.from({ length: 12 }, (_, i) => [`blunkett-${i + 1}.md`, file(`Blunkett story ${i + 1}: ${'a long headline '.repeat(17)}`, i + 1)]),
);

describe('/article read with part of a title', () => {
  it('opens the one article that matches, lists them when several do, and says so when none does', async () => {
    const harness = await startHarness({
      ARTICLES_DIR: articlesDir({
        ...blunkett,
        'fockers-1.md': file("'Fockers' set to meet another weekend title", 20),
        'fockers-2.md': file("'Meet the Fockers' tops the box office", 21),
        'budget.md': file('Budget', 22),
        'budget-vote.md': file('Budget vote delayed', 23),
      }),
    });
    const { fake } = harness;

    const several = await fake.sendCommand('article', read('Blunkett')).waitForReply();
    expectWithinDiscordRules(several.data);
    expect(several.data.flags).toBe(64);
    const embed = several.data.embeds![0]!;
    expect(embed.title).toBe('12 articles match “Blunkett”');
    // Newest first, ten of them, each with its id; the rest counted.
    expect(embed.description).toContain('blunkett-12: Blunkett story 12');
    expect(embed.description).toContain('blunkett-3: Blunkett story 3');
    expect(embed.description).not.toContain('blunkett-2:');
    expect(embed.footer!.text).toMatch(/^… and 2 more/);

    const two = (await fake.sendCommand('article', read('fockers')).waitForReply()).data.embeds![0]!;
    expect(two.title).toBe('2 articles match “fockers”');
    expect(two.description).toContain('fockers-1:');
    expect(two.description).toContain('fockers-2:');

    // The one article matching, and the one whose whole title it is, open.
    const one = (await fake.sendCommand('article', read('tops the box')).waitForReply()).data.embeds![0]!;
    expect(one.title).toBe("'Meet the Fockers' tops the box office");
    const exact = (await fake.sendCommand('article', read('budget')).waitForReply()).data.embeds![0]!;
    expect(exact.title).toBe('Budget');

    const none = (await fake.sendCommand('article', read('Prescott')).waitForReply()).data.embeds![0]!;
    expect(none.description).toMatch(/No article matches “Prescott”/);
  });
});
