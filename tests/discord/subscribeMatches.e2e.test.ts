import { describe, expect, it } from 'vitest';
import { articlesDir, MANAGE_CHANNELS, startHarness } from '../helpers/bot';

const story = (n: number) =>
  `---\ntitle: Strait patrol ${n} raises tension${n === 11 ? ' @everyone *now*' : ''}\ndate: 2024-05-${String(n).padStart(2, '0')}\nsource: Wire\n---\n` +
  `Chinese warships sailed through the Taiwan Strait on day ${n}, the defence ministry said.\n\nOfficials called it a provocation.\n`;
const buttonIds = (components: unknown[] | undefined): string[] =>
  ((components ?? []) as { components: { custom_id: string }[] }[]).flatMap((row) => row.components.map((c) => c.custom_id));

describe('the /subscribe preview’s whole list', () => {
  it('a button lists every match beside the reply, for the person who pressed it, a page at a time', async () => {
    const files = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`strait-${i + 1}.md`, story(i + 1)]));
    const harness = await startHarness({ ARTICLES_DIR: articlesDir(files) });
    const ok = await harness.fake.sendCommand('subscribe', { topic: 'Taiwan Strait' }, { permissions: MANAGE_CHANNELS }).waitForReply();
    expect(ok.data.embeds![0]!.description).toContain('would have matched 11 of the 12 articles');
    const [all] = buttonIds(ok.data.components);
    expect(all).toMatch(/^subscribe:all:/);

    const first = await harness.fake.clickButton(all!, { permissions: MANAGE_CHANNELS }).waitForReply();
    // Beside the /subscribe reply, which keeps its confirmation.
    expect(first.type).not.toBe('update');
    expect(first.ephemeral).toBe(true);
    const firstText = first.data.embeds![0]!.description!;
    expect(firstText.match(/Strait patrol \d+ raises tension/g)).toHaveLength(8);
    expect(first.data.embeds![0]!.footer!.text).toMatch(/^Page 1 of 2/);

    const [next] = buttonIds(first.data.components);
    const second = await harness.fake.clickButton(next!, { permissions: MANAGE_CHANNELS }).waitForReply();
    expect(second.type).toBe('update');
    const secondText = second.data.embeds![0]!.description!;
    expect(secondText.match(/Strait patrol \d+ raises tension/g)).toHaveLength(3);
    // Every match once over the two pages.
    const titles = new Set(
      [...firstText.matchAll(/Strait patrol (\d+)/g), ...secondText.matchAll(/Strait patrol (\d+)/g)].map((m) => m[1]),
    );
    expect(titles.size).toBe(11);
    // Titles are article text: escaped and unable to mention anyone, as in every reply.
    expect(`${firstText}${secondText}`).toContain('raises tension @\u200beveryone \\*now\\*');
    expect(`${firstText}${secondText}`).not.toContain('@everyone');

    // A press after the topic is dropped says so rather than listing it.
    await harness.fake.sendCommand('unsubscribe', { topic: 'Taiwan Strait' }, { permissions: MANAGE_CHANNELS }).waitForReply();
    const gone = await harness.fake.clickButton(next!, { permissions: MANAGE_CHANNELS }).waitForReply();
    expect(gone.data.embeds![0]!.description).toContain('no longer follows that topic');
  });
});
