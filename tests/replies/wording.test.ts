import { readFileSync } from 'node:fs';
import type { Article } from '../../src/library/article';
import { SentenceIndex } from '../../src/search/sentenceIndex';
import { describe, expect, it } from 'vitest';
import { TopicMatcher } from '../../src/alerts/topicMatcher';
import { Library } from '../../src/library/library';
import { feedAddedText } from '../../src/replies/feeds';
import { seedArticle } from '../helpers/seed';

describe('wording', () => {
  it('agrees with its numbers when a feed is added', () => {
    expect(feedAddedText(1, 1)).toMatch(/^1 item already in the feed was recorded .* every minute\.$/);
    expect(feedAddedText(0, 15)).toMatch(/^0 items already in the feed were recorded .* every 15 minutes\.$/);
    expect(feedAddedText(2, 2)).toMatch(/^2 items .* were recorded .* every 2 minutes\.$/);
  });

  it('gives example topics in the README that match the shipped article', () => {
    const readme = readFileSync('README.md', 'utf8');
    const row = readme.split('\n').find((line) => line.startsWith('| `/subscribe'))!;
    const shortQuery = /\(a short query: ([^;)]+)/.exec(row)![1]!;
    const examples = [...shortQuery.matchAll(/"([^"]+)"/g)].map((m) => m[1]!);
    expect(examples.length).toBeGreaterThan(1);
    const library = new Library(new SentenceIndex<Article>(), [seedArticle()]);
    for (const topic of examples) {
      const matcher = new TopicMatcher();
      matcher.add('example', topic, 0.7);
      expect(matcher.match(library.indexFor(null), library.list()[0]!), topic).toHaveLength(1);
    }
  });
});
