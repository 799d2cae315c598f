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

const COUNTRIES = ['France', 'Germany', 'Poland', 'Spain', 'Italy', 'the United States'];

/** A library where "Europe" has hundreds of candidates to read in full: each article names a European country in most sentences. */
function bigLibrary(): Article[] {
  return Array.from({ length: 400 }, (_, i) => {
    const country = COUNTRIES[i % COUNTRIES.length]!;
    const sentences = Array.from({ length: 24 }, (_, s) =>
      s % 3 === 2
        ? FILLER[(i + s) % FILLER.length]!
        : `Ministers in ${country} agreed budget plan ${i}-${s} after talks on farm subsidies.`,
    );
    return story(`a${i}`, `Budget talks in ${country} (${i})`, sentences);
  });
}

describe('the /subscribe preview on a large library', () => {
  it('lets a timer run before it is done, and previews what one pass does', async () => {
    const library = new Library(new SentenceIndex<Article>(), bigLibrary());
    const alerts = await AlertService.open(
      new AlertStore(mkdtempSync(join(tmpdir(), 'pd-preview-')), silentLogger),
      library,
      defaultAlertLimits,
      silentLogger,
    );
    const order: string[] = [];
    const timer = new Promise<void>((resolve) => setTimeout(resolve, 0)).then(() => order.push('timer'));
    // Promise.resolve: before the preview read in slices it returned its result at once, having held the loop all along.
    const preview = Promise.resolve(alerts.preview('Europe', 0.7)).then((result) => {
      order.push('preview');
      return result;
    });
    const [result] = await Promise.all([preview, timer]);
    expect(order).toEqual(['timer', 'preview']);
    const onePass = TopicMatcher.preview(library.indexFor(null), 'Europe', 0.7);
    expect(onePass.length).toBeGreaterThan(200);
    expect(result.matchingArticles).toBe(onePass.length);
    expect(result.examples.map((e) => [e.article.id, e.reason, e.quote])).toEqual(
      onePass.slice(0, 3).map((m) => [m.article.id, m.reason, m.hits[0]]),
    );
  });

  it('gives the same matches read in slices as in one pass, on a topic of each kind', async () => {
    const index = new Library(new SentenceIndex<Article>(), bigLibrary()).indexFor(null);
    for (const topic of ['United States', 'France', 'budget talks', '"farm subsidies" -Poland', 'Spain OR Italy']) {
      const sliced = await TopicMatcher.previewInSlices(index, topic, 0.7);
      const whole = TopicMatcher.preview(index, topic, 0.7);
      expect(sliced.length, topic).toBeGreaterThan(0);
      expect(sliced.map((m) => [m.article.id, m.score, m.reason])).toEqual(whole.map((m) => [m.article.id, m.score, m.reason]));
    }
  });

  it('leaves out the articles deleted while it reads, and fails on none of their sentences', async () => {
    const library = new Library(new SentenceIndex<Article>(), bigLibrary());
    const index = library.indexFor(null);
    const previewing = TopicMatcher.previewInSlices(index, 'Europe', 0.7);
    await new Promise((resolve) => setTimeout(resolve, 0));
    const deleted = Array.from({ length: 400 }, (_, i) => `a${i}`).filter((_, i) => i % 4 === 1);
    for (const id of deleted) expect(library.remove(id)).toBe(true);
    const result = await previewing;
    expect(result.length).toBeGreaterThan(100);
    expect(result.filter((m) => deleted.includes(m.article.id))).toEqual([]);
    for (const m of result) for (const hit of m.hits) expect(index.sentence(hit.sentence).article).toBe(m.article);
  });

  it('counts a name only where it is capitalised, yet still previews an article the name fires on by its headline alone', () => {
    const articles = [
      story('gregoire', 'Gregoire wins Washington state’s closest ever governor’s race', [
        'The election was the closest in state history.',
        'Under state law, a result this close is recounted by hand.',
        ...FILLER,
      ]),
      story('policy', 'How we use your data', [
        'Contact us about your data.',
        'Write to us at any time.',
        'Tell us what you need.',
        ...FILLER,
      ]),
      ...Array.from({ length: 20 }, (_, i) => story(`filler-${i}`, `Council report ${i}`, FILLER)),
    ];
    const index = new Library(new SentenceIndex<Article>(), articles).indexFor(null);
    const matcher = new TopicMatcher();
    matcher.add('us', 'United States', 0.7, (term) => index.idf(term) || index.unseenIdf());
    const fired = articles.filter((a) => matcher.match(index, a).length > 0).map((a) => a.id);
    expect(fired).toEqual(['gregoire']);
    expect(TopicMatcher.preview(index, 'United States', 0.7).map((m) => m.article.id)).toEqual(fired);
  });
});
