import { describe, expect, it } from 'vitest';
import type { AlertMessage, ScheduledDigestMessage } from '../../src/alerts/alertService';
import type { Article } from '../../src/library/article';
import { alertReply } from '../../src/replies/alert';
import { scheduledDigestReply } from '../../src/replies/scheduledDigest';
import { CHANNEL, deliveryHarness, farmStory, GUILD, HOUR, OTHER_GUILD } from './deliveryHarness';
import { FILLER, story } from './newsLibrary';

// An alert row keeps where its quotes were; the article can be replaced under its id before the alert is
// posted (hours behind the hourly limit, a week in a digest). The reviewer's alert, cut from the new text at
// the old places, quoted "Update: police said 4,000 farmers joined the march in the" and "capital, more than expected. Farm ".
const T = Date.parse('2024-05-01T10:00:00Z');
const MARCHED = 'Thousands of farmers marched on the capital on Monday against the subsidy cuts.';
const RUIN = 'The farmers said the cuts would ruin small farms.';
const march = story('march', 'Farmers march on the capital', [MARCHED, RUIN, ...FILLER.slice(0, 4)]);
// Edited while its alert waits: a new lead before the old one, and the farmers' words cut.
const updated = story('march', 'Farmers march on the capital', [
  'Update: police said 4,000 farmers joined the march in the capital, more than expected.',
  'Farm leaders asked for talks.',
  MARCHED,
  ...FILLER.slice(0, 4),
]);
// Rewritten: none of the sentences that matched is left.
const rewritten = story('march', 'Farm leaders meet ministers', ['Farm leaders asked for talks with ministers.', ...FILLER.slice(0, 5)]);

const sentencesOf = (article: Article) => article.sentences.map((s) => article.text.slice(s.start, s.end));

/** An hourly limit of 1, spent on another alert: the march story's alert waits an hour, while its file is edited. */
async function waitingAlert() {
  const h = await deliveryHarness({ perHour: 1 });
  await h.alerts.subscribe({ guildId: GUILD, channelId: CHANNEL }, 'farmers', undefined, 'u');
  h.start();
  await h.land(farmStory(1));
  await h.land(march);
  const [, row] = await h.rows();
  expect(row).toMatchObject({ articleId: 'march', status: 'pending', note: expect.stringContaining('hourly alert limit') });
  expect(row!.quotes.map((q) => march.text.slice(q.start, q.end))).toEqual([MARCHED, RUIN]);
  return h;
}

/** The alert the march story got once the hour passed, as the channel shows it. */
async function postedAfterAnHour(h: Awaited<ReturnType<typeof waitingAlert>>) {
  await h.at(T + HOUR + 1000);
  const message = h.fake.messages.at(-1)!;
  expect(h.fake.messages).toHaveLength(2);
  const alert = message.posted as AlertMessage;
  expect(alert.article.id).toBe('march');
  return { alert, reply: alertReply(alert, 'read') };
}

describe('an alert posted after its article was replaced', () => {
  it('quotes the matched sentences the article still holds, at their new places, and says one is gone', async () => {
    const h = await waitingAlert();
    await h.land(updated);
    const { alert, reply } = await postedAfterAnHour(h);
    expect(reply.quotes!.map((q) => q.text)).toEqual([MARCHED]);
    expect(alert.quotes.map((q) => updated.text.slice(q.start, q.end))).toEqual([MARCHED]);
    expect(reply.quotes![0]!.citation).toContain('Farmers march on the capital');
    expect(reply.text).toContain('The article has changed since it matched: 1 matching sentence is no longer in it.');
    await h.alerts.stop();
  });

  it('quotes the lead, saying why, when none of the matched sentences is left', async () => {
    const h = await waitingAlert();
    await h.land(rewritten);
    const { reply } = await postedAfterAnHour(h);
    expect(reply.title).toBe('Farm leaders meet ministers');
    expect(reply.quotes!.map((q) => q.text)).toEqual(['Farm leaders asked for talks with ministers.']);
    expect(reply.text!.join('\n')).toContain('no longer holds the sentences that matched; its lead instead');
    await h.alerts.stop();
  });

  it('an unchanged article is quoted as matched, with nothing said about changes', async () => {
    const h = await waitingAlert();
    const { reply } = await postedAfterAnHour(h);
    expect(reply.quotes!.map((q) => q.text)).toEqual([MARCHED, RUIN]);
    expect(reply.text).toHaveLength(1);
    await h.alerts.stop();
  });

  it('a row written before quotes kept their text still loads and posts, quoting only whole sentences of the current text', async () => {
    const h = await waitingAlert();
    await h.alerts.stop();
    const file = await h.store.file(GUILD);
    await file.update((data) => {
      for (const row of data.deliveries) row.quotes = row.quotes.map(({ articleId, start, end }) => ({ articleId, start, end }));
    });
    await h.store.flush();
    await h.restart();
    expect((await h.rows())[1]!.quotes[0]).not.toHaveProperty('text');
    await h.land(updated);
    h.start();
    const { reply } = await postedAfterAnHour(h);
    const quoted = reply.quotes!.map((q) => q.text);
    expect(quoted.length).toBeGreaterThan(0);
    for (const text of quoted) expect(sentencesOf(updated)).toContain(text);
    await h.alerts.stop();
  });

  it('a daily digest quotes the article as it is when the digest is posted', async () => {
    const h = await deliveryHarness();
    await h.alerts.subscribe({ guildId: GUILD, channelId: CHANNEL }, 'farmers', undefined, 'u', { mode: 'daily' });
    h.start();
    await h.land(march);
    expect((await h.rows()).map((d) => d.status)).toEqual(['collected']);
    await h.land(updated);
    await h.at(Date.parse('2024-05-02T08:00:00Z'));
    const [message] = h.fake.messages;
    const page = scheduledDigestReply(message!.posted as ScheduledDigestMessage);
    expect(page.quotes!.map((q) => q.text)).toEqual([MARCHED]);
    await h.alerts.stop();
  });
});

describe('a shared article under an id a server uses for its own', () => {
  it('does not alert that server (it sees its own article under the id), and alerts the others', async () => {
    const h = await deliveryHarness();
    await h.alerts.subscribe({ guildId: GUILD, channelId: CHANNEL }, 'farmers', undefined, 'u');
    await h.alerts.subscribe({ guildId: OTHER_GUILD, channelId: 'c2' }, 'farmers', undefined, 'u');
    h.start();
    // The server's /article add budget.md, then the operator's budget.md in the articles folder.
    const own = story('budget', 'Council budget', ['The council set its budget for the roads.', ...FILLER.slice(0, 5)]);
    await h.land(own, GUILD);
    const shared = story('budget', 'Farmers and the budget', [MARCHED, RUIN, ...FILLER.slice(0, 4)]);
    await h.land(shared);
    expect(await h.rows(GUILD)).toEqual([]);
    expect((await h.rows(OTHER_GUILD)).map((d) => [d.articleId, d.status])).toEqual([['budget', 'sent']]);
    expect(h.fake.shown(CHANNEL).size).toBe(0);
    expect(h.fake.shown('c2').get('budget')).toBe(1);
    await h.alerts.stop();
  });
});
