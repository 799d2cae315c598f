import { describe, expect, it, vi } from 'vitest';
import { CHANNEL, deliveryHarness, farmStory, GUILD, HOUR } from './deliveryHarness';

// A post is retried as exactly the post first tried: same rows, same nonce. Discord answers a repeated nonce with the
// earlier message (enforce_nonce), so a row added to a retried post would count as sent unseen, and a post retried
// under another nonce would show its rows twice. A post that was never tried holds no nonce: its rows may still join a digest.
async function subscribed() {
  const h = await deliveryHarness({ retryBaseMs: 30_000 });
  await h.alerts.subscribe({ guildId: GUILD, channelId: CHANNEL }, 'farmers', undefined, 'u');
  return h;
}

const T = Date.parse('2024-05-01T10:00:00Z');
const counts = (shown: Map<string, number>) => Object.fromEntries([...shown].sort(([a], [b]) => a.localeCompare(b)));

describe('an alert post retried after its answer was lost', () => {
  it('an alert tried alone is retried alone: alerts that arrived meanwhile are shown, not hidden behind its nonce', async () => {
    const h = await subscribed();
    h.start();
    h.fake.loseAnswers = 1;
    await h.land(farmStory(1));
    expect(h.fake.messages).toHaveLength(1);
    // Stopped (a SIGTERM, a deploy) before the retry; three more alerts arrive while it is down.
    await h.alerts.stop();
    await h.restart();
    for (const n of [2, 3, 4]) await h.land(farmStory(n));
    h.clock.now = T + HOUR;
    h.start();
    await h.alerts.idle();
    expect(counts(h.fake.shown())).toEqual({ 'farm-1': 1, 'farm-2': 1, 'farm-3': 1, 'farm-4': 1 });
    expect((await h.rows()).map((d) => d.status)).toEqual(['sent', 'sent', 'sent', 'sent']);
    await h.alerts.stop();
  });

  it('a crash between the post and its record: the post is repeated as it was, and later alerts are shown', async () => {
    const h = await subscribed();
    h.start();
    h.fake.hang = true;
    h.library.add(farmStory(1));
    await h.alerts.onArticle(farmStory(1));
    // The process dies while the post is in flight: Discord took it, nothing was recorded after.
    await vi.waitFor(() => expect(h.fake.messages).toHaveLength(1));
    h.fake.hang = false;
    await h.restart();
    for (const n of [2, 3, 4]) await h.land(farmStory(n));
    h.start();
    await h.alerts.idle();
    expect(counts(h.fake.shown())).toEqual({ 'farm-1': 1, 'farm-2': 1, 'farm-3': 1, 'farm-4': 1 });
    expect((await h.rows()).every((d) => d.status === 'sent')).toBe(true);
    await h.alerts.stop();
  });

  it('a burst digest is retried with its own rows: new alerts go in a post of their own', async () => {
    const h = await subscribed();
    for (const n of [1, 2, 3, 4]) await h.land(farmStory(n));
    h.fake.loseAnswers = 1;
    h.start();
    await h.alerts.idle();
    expect(h.fake.messages).toHaveLength(1);
    expect('digest' in h.fake.messages[0]!.posted).toBe(true);
    // Four more arrive while the loop is away (stopped, or busy with other channels), and the retry falls due.
    await h.alerts.stop();
    for (const n of [5, 6, 7, 8]) await h.land(farmStory(n));
    h.clock.now = T + HOUR;
    h.start();
    await h.alerts.idle();
    expect(counts(h.fake.shown())).toEqual(Object.fromEntries([1, 2, 3, 4, 5, 6, 7, 8].map((n) => [`farm-${n}`, 1])));
    expect((await h.rows()).every((d) => d.status === 'sent')).toBe(true);
    // Each digest counts once against the limits: two posts.
    expect(new Set((await h.rows()).map((d) => d.digest)).size).toBe(2);
    await h.alerts.stop();
  });

  it('a burst digest whose oldest article left the library before the retry: the rest are not shown twice', async () => {
    const h = await subscribed();
    for (const n of [1, 2, 3, 4]) await h.land(farmStory(n));
    h.fake.loseAnswers = 1;
    h.start();
    await h.alerts.idle();
    h.library.remove('farm-1');
    await h.at(T + HOUR);
    expect(counts(h.fake.shown())).toEqual({ 'farm-1': 1, 'farm-2': 1, 'farm-3': 1, 'farm-4': 1 });
    expect(h.fake.messages).toHaveLength(1);
    const rows = await h.rows();
    expect(rows.map((d) => [d.articleId, d.status])).toEqual([
      ['farm-1', 'skipped'],
      ['farm-2', 'sent'],
      ['farm-3', 'sent'],
      ['farm-4', 'sent'],
    ]);
    expect(rows[1]!.messageId).toBe(h.fake.messages[0]!.id);
    await h.alerts.stop();
  });

  it('alerts held by the channel’s limit are not tied to a post: once it frees, they go out together with later ones as one digest', async () => {
    const h = await deliveryHarness({ perHour: 1 });
    await h.alerts.subscribe({ guildId: GUILD, channelId: CHANNEL }, 'farmers', undefined, 'u');
    // Two alerts wait when the loop first runs: both posts are recorded, then the limit holds the second.
    for (const n of [1, 2]) await h.land(farmStory(n));
    h.start();
    await h.alerts.idle();
    for (const n of [3, 4, 5]) await h.land(farmStory(n));
    expect(h.fake.messages).toHaveLength(1);
    const held = (await h.rows()).filter((d) => d.status === 'pending');
    expect(held.map((d) => [d.articleId, d.postNonce])).toEqual([2, 3, 4, 5].map((n) => [`farm-${n}`, undefined]));
    await h.at(T + HOUR + 1000);
    expect(h.fake.messages).toHaveLength(2);
    const second = h.fake.messages[1]!.posted;
    expect('digest' in second ? second.digest.map((e) => e.article.id) : []).toEqual([2, 3, 4, 5].map((n) => `farm-${n}`));
    expect(counts(h.fake.shown())).toEqual(Object.fromEntries([1, 2, 3, 4, 5].map((n) => [`farm-${n}`, 1])));
    expect((await h.rows()).every((d) => d.status === 'sent')).toBe(true);
    await h.alerts.stop();
  });
  it('a burst digest that failed before this version recorded post nonces is retried whole: Discord’s message stands, no row is shown twice', async () => {
    const h = await subscribed();
    for (const n of [1, 2, 3, 4]) await h.land(farmStory(n));
    // As the older version left it: the digest went out under its oldest row's nonce, its answer was lost, and the
    // failure was written on every row; no postNonce.
    const rows = await h.rows();
    // Only the articles' ids matter to the fake channel's count of what it showed.
    await h.fake.poster(CHANNEL, { digest: rows.map((d) => ({ article: { id: d.articleId } })) } as never, rows[0]!.nonce);
    await (await h.store.file(GUILD)).update((data) => {
      for (const d of data.deliveries)
        Object.assign(d, {
          attempts: 1,
          nextAttemptAt: new Date(T + 30_000).toISOString(),
          note: 'retrying: Discord did not answer in time',
        });
    });
    await h.restart();
    h.clock.now = T + HOUR;
    h.start();
    await h.alerts.idle();
    expect(h.fake.messages).toHaveLength(1);
    expect(counts(h.fake.shown())).toEqual({ 'farm-1': 1, 'farm-2': 1, 'farm-3': 1, 'farm-4': 1 });
    expect((await h.rows()).map((d) => [d.status, d.messageId])).toEqual([1, 2, 3, 4].map(() => ['sent', 'm1']));
    await h.alerts.stop();
  });
});
