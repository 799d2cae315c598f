import { describe, expect, it } from 'vitest';
import { answerScoring, rankSentences } from '../../src/answer/rank';
import type { Article } from '../../src/library/article';
import { makeArticle } from '../../src/library/makeArticle';
import type { ScoringOptions } from '../../src/search/scoring';
import { RANKING_FEATURES, rankingWeights, SentenceIndex } from '../../src/search/sentenceIndex';

const articles = [
  makeArticle(
    'alliance',
    'Japan and the United States agreed to strengthen their alliance in 1951.\n\nThe alliance faces threats from North Korea. It fired two ballistic missiles into the sea on Sunday.\nThey landed near Hokkaido.',
    { title: 'Japan US alliance' },
    'test',
  ),
  makeArticle(
    'trade',
    'Britain asked to join the trade agreement earlier this year.\n\nMüller said the trade agreement would help farmers in Bavaria. He signed it in 2019.',
    { title: 'Trade' },
    'test',
  ),
  makeArticle(
    'korea',
    'North Korea launched missiles again. Seoul said two of them fell into the sea.',
    { title: 'North Korea missiles' },
    'test',
  ),
];

const index = new SentenceIndex<Article>();
for (const article of articles) index.add(article);

describe('ranking explained (index and re-reading)', () => {
  const scoring: ScoringOptions = { ...(answerScoring as ScoringOptions), coverageBonus: 0.7, depthWeight: -0.3, relatedBonus: 0 };
  for (const [question, articleId] of [
    ['When did North Korea fire missiles into the sea?', undefined],
    ['Who said the trade agreement would help farmers?', undefined],
    ['how many missiles did North Korea fire', 'alliance'],
  ] as const) {
    it(`gives evidence that, weighted, adds up to each score ("${question}")`, () => {
      const hits = rankSentences(index, question, { limit: 10, articleId, scoring, explain: true });
      expect(hits.length).toBeGreaterThan(1);
      const weights = rankingWeights(scoring);
      for (const hit of hits) {
        expect(hit.features).toHaveLength(RANKING_FEATURES.length);
        const total = weights.reduce((sum, weight, i) => sum + hit.features![i]! * weight, 0);
        expect(total).toBeCloseTo(hit.score, 9);
      }
    });
  }

  it('changes no score or order, and leaves features off without it', () => {
    const question = 'When did North Korea fire missiles into the sea?';
    const plain = rankSentences(index, question, { limit: 10, scoring });
    const explained = rankSentences(index, question, { limit: 10, scoring, explain: true });
    expect(explained.map((hit) => [hit.sentence, hit.score])).toEqual(plain.map((hit) => [hit.sentence, hit.score]));
    expect(plain.every((hit) => hit.features === undefined)).toBe(true);
    // Both a paragraph's first sentence and a later one are among the hits, so depth is measured, not constant.
    const depth = RANKING_FEATURES.indexOf('depth');
    expect(explained.some((hit) => hit.features![depth] === 0)).toBe(true);
    expect(explained.some((hit) => hit.features![depth]! > 0)).toBe(true);
  });

  it('puts a paragraph lead first when depthWeight alone separates two equal sentences', () => {
    const twin = new SentenceIndex();
    twin.add(
      makeArticle(
        'twin',
        'The council approved the budget on Monday.\n\nThe mayor spoke first at the meeting. The council approved the budget on Monday.',
        { title: 'Twin' },
        'test',
      ),
    );
    const ids = (depthWeight: number) =>
      twin.search(SentenceIndex.queryTerms('council budget'), { limit: 3, scoring: { depthWeight } }).map((hit) => hit.sentence);
    // Sentences 0 and 2 are identical; 2 sits second in its paragraph.
    expect(ids(-1)[0]).toBe(0);
    expect(ids(1)[0]).toBe(2);
  });
});
