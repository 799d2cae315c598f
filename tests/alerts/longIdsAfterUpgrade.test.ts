import { describe, expect, it } from 'vitest';
import { currentProcessedKey, renameLongIds } from '../../src/alerts/longArticleIds';
import type { AlertFile, Delivery } from '../../src/alerts/types';
import { articleIdFromFileName } from '../../src/library/article';
import { CHANNEL, deliveryHarness, GUILD } from './deliveryHarness';
import { FILLER, story } from './newsLibrary';

// An older version kept a long file name's whole id; the library now cuts it. The alert records hold the old id.
const oldId = `farmers-${'protest-against-subsidy-cuts-'.repeat(4)}monday`;
const newId = articleIdFromFileName(oldId);
const farmers = (id: string) =>
  story(id, 'Farmers protest', [
    'Farmers blocked roads in protest on Monday.',
    'The farmers said the subsidy cuts would ruin them.',
    ...FILLER.slice(0, 4),
  ]);

describe('article ids cut by an upgrade', () => {
  it('the id really changes', () => expect(newId).not.toBe(oldId));

  it('an article matched before the upgrade does not alert again, and its waiting alert still goes out', async () => {
    const h = await deliveryHarness();
    await h.alerts.subscribe({ guildId: GUILD, channelId: CHANNEL }, 'farmers', undefined, 'u');
    // Matched by the old version: one alert waits, not yet posted.
    await h.land(farmers(oldId));
    expect((await h.rows()).map((d) => [d.articleId, d.status])).toEqual([[oldId, 'pending']]);
    // The upgrade: the same file now reads as the cut id.
    h.library.remove(oldId);
    h.library.add(farmers(newId));
    await h.restart();
    expect(await h.alerts.catchUp([{ article: farmers(newId), owner: null }])).toBe(0);
    h.start();
    await h.alerts.idle();
    expect(Object.fromEntries(h.fake.shown())).toEqual({ [newId]: 1 });
    expect((await h.rows()).map((d) => [d.articleId, d.status])).toEqual([[newId, 'sent']]);
    // A later edit of the file does not alert the subscription again either.
    expect(await h.alerts.onArticle(farmers(newId))).toBe(0);
    await h.alerts.stop();
  });
});

describe('renameLongIds', () => {
  it('renames the rows and the scheduled digest pages that list them, and leaves short ids alone', () => {
    const row = (articleId: string) => ({ key: `s1:${articleId}`, subscriptionId: 's1', articleId }) as Delivery;
    const data = {
      subscriptions: [],
      deliveries: [row(oldId), row('short-id')],
      digests: [{ pages: [[`s1:${oldId}`, 's1:short-id']] }],
    } as unknown as AlertFile;
    expect(renameLongIds(data)).toBe(true);
    expect(data.deliveries.map((d) => [d.key, d.articleId])).toEqual([
      [`s1:${newId}`, newId],
      ['s1:short-id', 'short-id'],
    ]);
    expect(data.digests![0]!.pages).toEqual([[`s1:${newId}`, 's1:short-id']]);
    expect(renameLongIds(data)).toBe(false);
  });

  it('reads processed keys, a server’s own included, by the cut id', () => {
    expect(currentProcessedKey(oldId)).toBe(newId);
    expect(currentProcessedKey(`${GUILD}/${oldId}`)).toBe(`${GUILD}/${newId}`);
    expect(currentProcessedKey('short-id')).toBe('short-id');
  });
});
