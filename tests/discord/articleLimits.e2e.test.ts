import { describe, expect, it } from 'vitest';
import { MANAGE_GUILD, startHarness } from '../helpers/bot';

const text = (reply: { data: unknown }) => JSON.stringify(reply.data);
const sub = (name: string, options: { type: number; name: string; value: string | boolean; focused?: boolean }[]) => [
  { type: 1, name, options },
];
const buttonIds = (components: unknown[] | undefined): string[] =>
  ((components ?? []) as { components: { custom_id: string }[] }[]).flatMap((row) => row.components.map((c) => c.custom_id));

const memo = (title: string) =>
  `---\ntitle: ${title}\ndate: 2024-05-03\n---\nThe port authority will close the Zanzibar ferry terminal for repairs in June.\n\nOfficials said the closure would last three weeks.\n`;

describe('article ids within Discord’s limits', () => {
  it('an article added under a 120-character file name is offered, read, paged and removed like any other', async () => {
    const harness = await startHarness({ FEEDS_ALLOW_PRIVATE: 'true' });
    const { fake } = harness;
    const longName = `${'Minutes of the harbour board meeting on the ferry terminal closure and the repairs '.repeat(2).slice(0, 117)}.md`;
    expect(longName.length).toBe(120);
    const added = await fake
      .sendCommand('article', sub('add', [{ type: 11, name: 'file', value: fake.uploadAttachment(longName, memo('Harbour board')) }]), {
        permissions: MANAGE_GUILD,
      })
      .waitForReply();
    expect(added.data.embeds![0]!.title, text(added)).toBe('Added: Harbour board');
    // The reply breaks a long word with zero-width spaces so it wraps.
    const id = added.data.embeds![0]!.fields!.find((f) => f.name === 'Id')!.value.replace(/\u200b/g, '');
    expect(id.length, id).toBeLessThanOrEqual(80);
    expect(id.startsWith('minutes-of-the-harbour-board')).toBe(true);

    // Discord refuses a whole list for one value over 100 characters: every list that offers the article must be accepted.
    for (const [name, options] of [
      ['article', sub('read', [{ type: 3, name: 'id', value: 'harbour', focused: true }])],
      ['article', sub('remove', [{ type: 3, name: 'id', value: '', focused: true }])],
      ['ask', [{ type: 3, name: 'article', value: 'harbour', focused: true }]],
    ] as const) {
      const handle = fake.sendAutocomplete(name, [...options], { permissions: MANAGE_GUILD });
      const callback = await handle.waitForCallback();
      expect(
        callback.data?.choices?.map((c) => c.value),
        JSON.stringify(callback.data),
      ).toContain(id);
    }

    // The Whole article button is there (a custom id over 100 characters would be dropped) and opens the article.
    const read = await fake.sendCommand('article', sub('read', [{ type: 3, name: 'id', value: id }])).waitForReply();
    const [whole] = buttonIds(read.data.components);
    expect(whole).toBe(`article:read:${id}:1`);
    expect(text(await fake.clickButton(whole!).waitForReply())).toContain('for repairs in June');

    // Saved under its id, it loads as the same article after a restart.
    await harness.restart();
    const again = await fake.sendCommand('article', sub('read', [{ type: 3, name: 'id', value: id }])).waitForReply();
    expect(again.data.embeds![0]!.title).toContain('Harbour board');

    // Two removals at once: one removes it, the other finds no such article rather than failing.
    const removals = [0, 1].map(() =>
      fake.sendCommand('article', sub('remove', [{ type: 3, name: 'id', value: id }]), { permissions: MANAGE_GUILD }).waitForReply(),
    );
    const replies = (await Promise.all(removals)).map((reply) => reply.data.embeds![0]!.description ?? '');
    expect(replies.filter((reply) => reply.includes('Removed “Harbour board”'))).toHaveLength(1);
    expect(replies.filter((reply) => reply.includes('no article of its own with that id'))).toHaveLength(1);
    expect(harness.logs.filter((l) => l.event === 'command_failed')).toEqual([]);
  });
});
