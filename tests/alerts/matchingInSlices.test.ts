import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AlertService, defaultAlertLimits } from '../../src/alerts/alertService';
import { AlertStore } from '../../src/alerts/alertStore';
import type { Article } from '../../src/library/article';
import { Library } from '../../src/library/library';
import { silentLogger } from '../../src/log';
import { SentenceIndex } from '../../src/search/sentenceIndex';
import { TopicMatcher } from '../../src/alerts/topicMatcher';
import { FILLER, story } from './newsLibrary';

const GUILD = '2000000000000000001';
const COUNTRIES = ['France', 'Germany', 'Poland', 'Spain', 'Italy'];
const long = (i: number) =>
  story(
    `new-${i}`,
    `Budget talks in ${COUNTRIES[i % COUNTRIES.length]} (${i})`,
    Array.from({ length: 40 }, (_, s) =>
      s % 3 === 2
        ? FILLER[(i + s) % FILLER.length]!
        : `Ministers in ${COUNTRIES[(i + s) % COUNTRIES.length]} agreed budget plan ${i}-${s} after talks on farm subsidies.`,
    ),
  );

describe('matching many new articles at once (catching up at start, a feed poll)', () => {
  it('lets a timer run between articles, and still matches them all', async () => {
    const library = new Library(new SentenceIndex<Article>(), [story('seed', 'Council meets', FILLER)]);
    const alerts = await AlertService.open(
      new AlertStore(mkdtempSync(join(tmpdir(), 'pd-alerts-')), silentLogger),
      library,
      defaultAlertLimits,
      silentLogger,
    );
    for (const topic of ['Europe', 'France', 'budget talks', 'farm subsidies', 'Germany', 'Spain OR Italy'])
      await alerts.subscribe({ guildId: GUILD, channelId: 'c1' }, topic, 0.5, 'u');
    await alerts.catchUp([]);
    const items = Array.from({ length: 60 }, (_, i) => ({ article: long(i), owner: null }));
    for (const { article } of items) library.add(article, null);

    let timerRan = false;
    setTimeout(() => {
      timerRan = true;
    }, 0);
    // Asked before each article: whether the timer had run by then.
    const seen: boolean[] = [];
    const queued = await alerts.onArticles(items, () => {
      seen.push(timerRan);
      return false;
    });
    expect(seen).toHaveLength(60);
    expect(seen.at(-1)).toBe(true);
    expect(queued).toBeGreaterThanOrEqual(120);
  });

  it('matches one article against many topics giving the loop turns, with the matches of one pass, even when topics go meanwhile', async () => {
    const library = new Library(
      new SentenceIndex<Article>(),
      Array.from({ length: 60 }, (_, i) => long(i)),
    );
    const index = library.indexFor(null);
    const weight = (term: string) => index.idf(term) || index.unseenIdf();
    const matcher = new TopicMatcher();
    const topics = [...COUNTRIES, 'Europe', 'budget talks', 'farm subsidies', 'ministers', 'budget plan'];
    for (let i = 0; i < 300; i++) matcher.add(`t${i}`, topics[i % topics.length]!, 0.5, weight);
    const article = long(7);
    const onePass = matcher.match(index, article);
    expect(onePass.length).toBeGreaterThan(100);

    const order: string[] = [];
    const timer = new Promise<void>((resolve) => setTimeout(resolve, 0)).then(() => {
      order.push('timer');
      // Unsubscribed while the article is matched: those topics are left out, the rest matched as before.
      for (let i = 0; i < 300; i += 2) matcher.remove(`t${i}`);
    });
    const sliced = matcher.matchInSlices(index, article).then((matches) => {
      order.push('matched');
      return matches;
    });
    const [matches] = await Promise.all([sliced, timer]);
    expect(order).toEqual(['timer', 'matched']);
    const kept = (m: { topicId: string }) => Number(m.topicId.slice(1)) % 2 === 1;
    expect(matches.filter(kept).map((m) => [m.topicId, m.score])).toEqual(onePass.filter(kept).map((m) => [m.topicId, m.score]));
    expect(matches.filter(kept).length).toBeGreaterThan(50);
  });
});
