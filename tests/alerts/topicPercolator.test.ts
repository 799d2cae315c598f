import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AlertService, defaultAlertLimits } from '../../src/alerts/alertService';
import { AlertStore } from '../../src/alerts/alertStore';
import { TopicMatcher } from '../../src/alerts/topicMatcher';
import type { Article } from '../../src/library/article';
import { SentenceIndex } from '../../src/search/sentenceIndex';
import { Library } from '../../src/library/library';
import { makeArticle } from '../../src/library/makeArticle';
import { silentLogger } from '../../src/log';
import { termOf } from '../../src/search/analyzer';

/**
 * The percolator's mechanics, not its scoring (aboutness.ts, MATCHING.md):
 * which stored topics a new article is even judged against, and how adding,
 * replacing and removing a topic change that.
 */
const article = (id: string, title: string, text: string) => makeArticle(id, text, { title }, 'test');
const strait = article(
  'strait',
  'Warships in the Taiwan Strait',
  'Chinese warships sailed through the Taiwan Strait on Monday. The defence ministry said the patrol was routine.',
);
const budget = article(
  'budget',
  'Budget vote delayed',
  'The government delayed the budget vote until June. Ministers said the talks would go on.',
);
const pensions = article('pensions', 'Pension age to rise', 'The state pension age will rise to 67, the government said on Tuesday.');

/** Every word weighs the same, but "government", which is common (as a word said in every article would be). */
const weight = (term: string) => (term === termOf('government') ? 0.1 : 1);

function matcherWith(topics: Record<string, string>, minScore = 0.7): TopicMatcher {
  const matcher = new TopicMatcher();
  for (const [id, topic] of Object.entries(topics)) matcher.add(id, topic, minScore, weight);
  return matcher;
}

describe('TopicMatcher: the candidate step', () => {
  it('judges an article only against the topics that share a word with it', () => {
    const matcher = matcherWith({ taiwan: 'Taiwan Strait', vote: 'budget vote', pension: 'pensions', farming: 'farm subsidies' });
    expect(matcher.candidates(strait).sort()).toEqual(['taiwan']);
    expect(matcher.candidates(budget).sort()).toEqual(['vote']);
    expect(matcher.candidates(pensions).sort()).toEqual(['pension']);
  });

  it('shares words by stem: "patrols" is a candidate for an article saying "patrol"', () => {
    expect(matcherWith({ p: 'naval patrols' }).candidates(strait)).toEqual(['p']);
  });

  it('files a place under its demonym too: "China" is a candidate for an article saying "Chinese"', () => {
    expect(matcherWith({ c: 'China' }).candidates(strait)).toEqual(['c']);
  });

  it('files a topic under either side of an OR', () => {
    const matcher = matcherWith({ either: 'Taiwan Strait OR budget vote' });
    expect(matcher.candidates(strait)).toEqual(['either']);
    expect(matcher.candidates(budget)).toEqual(['either']);
    expect(matcher.candidates(pensions)).toEqual([]);
  });

  it('leaves out a word too common to make a match alone: "government" does not make every article a candidate', () => {
    const matcher = matcherWith({ g: 'government pensions' });
    expect(matcher.candidates(pensions)).toEqual(['g']);
    // The budget story says "government" but not "pension": the common word alone cannot reach min_score.
    expect(matcher.candidates(budget)).toEqual([]);
    // At a low enough min_score, the common word alone could reach it, so it is filed under it too.
    expect(matcherWith({ g: 'government pensions' }, 0.05).candidates(budget)).toEqual(['g']);
  });

  it('a topic that is not a candidate never matches, however low its min_score', () => {
    const library = new Library(new SentenceIndex<Article>(), [strait, budget, pensions]);
    const matcher = matcherWith({ farming: 'farm subsidies' }, 0.05);
    for (const a of [strait, budget, pensions]) expect(matcher.match(library.indexFor(null), a)).toEqual([]);
  });
});

describe('TopicMatcher: adding, replacing and removing topics', () => {
  it('counts the topics held, and forgets a removed one', () => {
    const matcher = matcherWith({ taiwan: 'Taiwan Strait', vote: 'budget vote' });
    expect(matcher.size).toBe(2);
    matcher.remove('taiwan');
    expect(matcher.size).toBe(1);
    expect(matcher.candidates(strait)).toEqual([]);
    expect(matcher.candidates(budget)).toEqual(['vote']);
    // Removing what is not there changes nothing.
    matcher.remove('taiwan');
    expect(matcher.size).toBe(1);
  });

  it('adding an id again replaces its topic: the old words no longer make it a candidate', () => {
    const matcher = matcherWith({ t: 'Taiwan Strait' });
    matcher.add('t', 'budget vote', 0.7, weight);
    expect(matcher.size).toBe(1);
    expect(matcher.candidates(strait)).toEqual([]);
    expect(matcher.candidates(budget)).toEqual(['t']);
  });

  it('keeps other topics filed under a shared word when one is removed', () => {
    const matcher = matcherWith({ a: 'Taiwan Strait', b: 'Taiwan' });
    matcher.remove('a');
    expect(matcher.candidates(strait)).toEqual(['b']);
  });
});

describe('AlertService keeps the matcher in step with the subscriptions', () => {
  const G = '2000000000000000001';
  const open = async (dataDir: string, library: Library) =>
    AlertService.open(new AlertStore(dataDir, silentLogger), library, defaultAlertLimits, silentLogger);

  it('subscribe adds a topic, a resubscription does not add it twice, unsubscribe removes it; a restart files the stored ones again', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pd-percolator-'));
    const library = new Library(new SentenceIndex<Article>(), [budget, pensions]);
    const alerts = await open(dataDir, library);
    await alerts.subscribe({ guildId: G, channelId: 'c1' }, 'Taiwan Strait', undefined, 'u');
    await alerts.subscribe({ guildId: G, channelId: 'c1' }, 'taiwan strait', 0.5, 'u');
    await alerts.subscribe({ guildId: G, channelId: 'c2' }, 'budget vote', undefined, 'u');
    expect(alerts.topicCount).toBe(2);
    expect(await alerts.unsubscribe({ guildId: G, channelId: 'c2' }, 'Budget Vote')).toMatchObject({ topic: 'budget vote' });
    expect(alerts.topicCount).toBe(1);
    await alerts.stop();

    const again = await open(dataDir, library);
    expect(again.topicCount).toBe(1);
    library.add(strait);
    library.add(article('vote-2', 'Budget vote held', 'The budget vote was held on Friday after a long delay.'));
    // Only the stored topic alerts: the removed one is not filed any more.
    expect(
      await again.onArticles([
        { article: strait, owner: null },
        { article: library.get('vote-2')!, owner: null },
      ]),
    ).toBe(1);
    expect((await again.list({ guildId: G, channelId: 'c1' }))[0]).toMatchObject({ waiting: 1 });
    await again.stop();
  });
});
