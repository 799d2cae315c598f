import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AlertService, defaultAlertLimits } from '../../src/alerts/alertService';
import { AlertStore } from '../../src/alerts/alertStore';
import { TopicMatcher } from '../../src/alerts/topicMatcher';
import type { Article } from '../../src/library/article';
import { Library } from '../../src/library/library';
import { silentLogger } from '../../src/log';
import { SentenceIndex } from '../../src/search/sentenceIndex';
import { FILLER, story } from './newsLibrary';

// An article's matching pauses between topics (matchInSlices); a file edited or deleted meanwhile must not
// throw away the batch (a TypeError lost every article's alerts) nor quote the new text at the old one's places.
const GUILD = '2000000000000000001';
const COUNTRIES = ['France', 'Germany', 'Poland', 'Spain', 'Italy'];
const TOPICS = [...COUNTRIES, 'Europe', 'budget talks', 'farm subsidies', 'ministers', 'budget plan'];
const long = (i: number, sentences = 40) =>
  story(
    `new-${i}`,
    `Budget talks in ${COUNTRIES[i % COUNTRIES.length]} (${i})`,
    Array.from({ length: sentences }, (_, s) =>
      s % 3 === 2
        ? FILLER[(i + s) % FILLER.length]!
        : `Ministers in ${COUNTRIES[(i + s) % COUNTRIES.length]} agreed budget plan ${i}-${s} after talks on farm subsidies.`,
    ),
  );
// The same id, another story: Italy only, its sentences at other places than the first version's.
const rewritten = (article: Article) =>
  story(article.id, 'Italy cuts farm subsidies', [
    ...FILLER.slice(0, 4),
    'Italy will cut farm subsidies by a tenth from next year, ministers in Rome said.',
    ...FILLER.slice(4),
    'Farmers in Italy protested against the farm subsidies cut.',
  ]);

/** Many topics, so that matching one article pauses (as in the bot with hundreds of subscriptions). */
async function setUp() {
  const library = new Library(
    new SentenceIndex<Article>(),
    Array.from({ length: 60 }, (_, i) => long(i)),
  );
  const store = new AlertStore(mkdtempSync(join(tmpdir(), 'pd-race-')), silentLogger);
  const alerts = await AlertService.open(store, library, defaultAlertLimits, silentLogger);
  for (let i = 0; i < 120; i++) await alerts.subscribe({ guildId: GUILD, channelId: `c${i}` }, TOPICS[i % TOPICS.length]!, 0.5, 'u');
  await alerts.catchUp([]);
  // The first one long, so that its matching takes several slices however fast the machine.
  const batch = [long(70, 600), long(71), long(72)];
  for (const article of batch) library.add(article, null);
  const deliveries = async (articleId: string) => (await store.file(GUILD)).data.deliveries.filter((d) => d.articleId === articleId);
  /** Matches the batch with `change` run at the first pause, which is inside the first article's matching (its first slice is spent there). */
  const matchWhile = async (change: () => void) => {
    let changed = false;
    setImmediate(() => {
      change();
      changed = true;
    });
    const seen: boolean[] = [];
    const queued = await alerts.onArticles(
      batch.map((article) => ({ article, owner: null })),
      () => {
        seen.push(changed);
        return false;
      },
    );
    expect(seen.slice(0, 2)).toEqual([false, true]);
    return queued;
  };
  /** What one uninterrupted pass matches for the article as now indexed, as alert rows (subscription, quoted text). */
  const onePass = async (article: Article) => {
    const index = library.indexFor(null);
    const matcher = new TopicMatcher();
    const subscriptions = (await store.file(GUILD)).data.subscriptions;
    const weight = (term: string) => index.idf(term) || index.unseenIdf();
    for (const s of subscriptions) matcher.add(s.id, s.topic, s.minScore, weight);
    return matcher
      .match(index, article)
      .map((m) => [m.topicId, m.hits.map((hit) => quoted(article, index.sentence(hit.sentence)))] as const)
      .sort(([a], [b]) => a.localeCompare(b));
  };
  return { library, alerts, batch, deliveries, matchWhile, onePass };
}

const quoted = (article: Article, span: { start: number; end: number }) => article.text.slice(span.start, span.end);

describe('an article edited or deleted while its alert matching pauses', () => {
  it('deleted: no error, no alert for it, the rest of the batch alerts', async () => {
    const { library, batch, deliveries, matchWhile } = await setUp();
    const [gone, ...rest] = batch;
    await matchWhile(() => library.remove(gone!.id, null));
    expect(await deliveries(gone!.id)).toEqual([]);
    for (const article of rest) expect((await deliveries(article.id)).length).toBeGreaterThan(20);
  });

  it('replaced: the old version does not alert, the rest of the batch does, and the new version alerts on its own quoting its own sentences', async () => {
    const { library, alerts, batch, deliveries, matchWhile, onePass } = await setUp();
    const [old, ...rest] = batch;
    const fresh = rewritten(old!);
    await matchWhile(() => library.add(fresh, null));
    expect(await deliveries(old!.id)).toEqual([]);
    for (const article of rest) expect((await deliveries(article.id)).length).toBeGreaterThan(20);

    await alerts.onArticles([{ article: fresh, owner: null }]);
    const expected = await onePass(fresh);
    expect(expected.length).toBeGreaterThan(10);
    const rows = (await deliveries(fresh.id))
      .map((d) => [d.subscriptionId, d.quotes.map((q) => quoted(fresh, q))] as const)
      .sort(([a], [b]) => a.localeCompare(b));
    expect(rows).toEqual(expected);
  });

  it('the matcher itself gives no matches for a version replaced during a pause', async () => {
    const { library, batch } = await setUp();
    const index = library.indexFor(null);
    const weight = (term: string) => index.idf(term) || index.unseenIdf();
    const matcher = new TopicMatcher();
    for (let i = 0; i < 120; i++) matcher.add(`t${i}`, TOPICS[i % TOPICS.length]!, 0.5, weight);
    const [first] = batch;
    let replaced = false;
    setImmediate(() => {
      library.add(rewritten(first!), null);
      replaced = true;
    });
    const sliced = await matcher.matchInSlices(index, first!).then((matches) => ({ matches, paused: replaced }));
    // Its first matching reads the topics' related words: it pauses, and the replacement runs at that pause.
    expect(sliced.paused).toBe(true);
    expect(sliced.matches).toEqual([]);
    // Not for want of matches: put back, the same version fires many topics in one pass.
    library.add(first!, null);
    expect(matcher.match(index, first!).length).toBeGreaterThan(20);
  });
});
