import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/library/article';
import { SentenceIndex } from '../../src/search/sentenceIndex';
import { TopicMatcher } from '../../src/alerts/topicMatcher';
import { Library } from '../../src/library/library';
import { FILLER, story } from './newsLibrary';

const filler = FILLER.slice(0, 6);

const library = new Library(new SentenceIndex<Article>(), [
  story('pensions-reform', 'Pension age to rise under reform plan', [
    'The state pension age will rise to 67 under plans published on Monday.',
    'Ministers said pensions had to reflect longer lives.',
    ...filler.slice(0, 3),
    'Unions said millions of workers would lose out on their pensions.',
    ...filler.slice(3),
  ]),
  story('child-support', 'Child support agency to be scrapped', [
    'The Child Support Agency is to be replaced by a new body, ministers said.',
    'The agency has been criticised for failing to collect payments from absent parents.',
    ...filler,
    'The Work and Pensions Secretary said the new body would start next year.',
  ]),
  story('brown-budget', 'Brown sets out spending plans', [
    'Chancellor Gordon Brown set out his spending plans on Wednesday.',
    'Mr Brown said the economy was strong.',
    ...filler.slice(0, 4),
    'Brown told MPs that borrowing would fall.',
  ]),
  story('defence', 'Defence review published', [
    'Defence Secretary Des Browne published the review on Thursday.',
    'Mr Browne said the armed forces needed new ships.',
    ...filler,
    'The review was printed on brown paper.',
  ]),
  story('baghdad', 'Iraqi police take over Baghdad patrols', [
    'Iraqi police took over patrols in central Baghdad on Sunday.',
    'Iraqi officials said the handover went smoothly.',
    ...filler,
  ]),
  ...filler.map((_, i) => story(`other-${i}`, `Council news ${i}`, filler.slice(i).concat(filler.slice(0, i)))),
]);
const weight = (term: string) => library.indexFor(null).idf(term) || library.indexFor(null).unseenIdf();

function firing(topic: string, minScore = 0.6): string[] {
  const matcher = new TopicMatcher();
  matcher.add('t', topic, minScore, weight);
  return library
    .indexFor(null)
    .articles()
    .filter((article) => matcher.match(library.indexFor(null), article).length > 0)
    .map((article) => article.id)
    .sort();
}

describe('TopicMatcher: a topic fires when an article is about it', () => {
  it('fires on the article whose headline and sentences carry the topic, not on a passing mention in a job title', () => {
    expect(firing('pensions')).toEqual(['pensions-reform']);
  });

  it('reads a capitalised topic word as a name: Gordon Brown, not Des Browne nor brown paper', () => {
    expect(firing('Brown')).toEqual(['brown-budget']);
  });

  it('lets a place reach its demonym: "Iraq" fires on a story about Iraqi police', () => {
    expect(firing('Iraq')).toEqual(['baghdad']);
  });

  it('says why in one line, and quotes the sentences that hold the topic', () => {
    const matcher = new TopicMatcher();
    matcher.add('t', 'pensions', 0.6, weight);
    const [match] = matcher.match(library.indexFor(null), library.get('pensions-reform')!);
    expect(match!.reason).toBe('the topic is in the headline, in the lead, in 3 of 9 sentences');
    expect(match!.score).toBe(1);
    const quoted = match!.hits.map((hit) => library.indexFor(null).sentence(hit.sentence).index);
    expect(quoted).toEqual([0, 1, 5]);
  });

  it('min_score is the strictness: a topic half of whose weight is prominent fires at 0.3, not at 0.9', () => {
    // "pension" is prominent in the child-support story only through its one mention; "agency" carries it.
    expect(firing('agency pensions', 0.3)).toContain('child-support');
    expect(firing('agency pensions', 0.9)).not.toContain('child-support');
  });

  it('previews which library articles would have fired, best first, with the reason', () => {
    const preview = TopicMatcher.preview(library.indexFor(null), 'Brown', 0.6);
    expect(preview.map((m) => m.article.id)).toEqual(['brown-budget']);
    expect(preview[0]!.reason).toMatch(/^the topic is in the headline/);
    // The same decision as for a new article: everything the matcher fires, and nothing else.
    for (const topic of ['pensions', 'Iraq', 'agency pensions']) {
      expect(
        TopicMatcher.preview(library.indexFor(null), topic, 0.3)
          .map((m) => m.article.id)
          .sort(),
      ).toEqual(firing(topic, 0.3));
    }
  });
});

describe('TopicMatcher: the percolator drops only what judging would drop', () => {
  it('fires, with many topics sharing words and one removed and added back, exactly what a preview of each topic finds', () => {
    const index = library.indexFor(null);
    const topics = [
      'pensions',
      'Brown',
      'Iraq',
      'pension age',
      'child support agency',
      'Iraqi police patrols',
      'brown paper review',
      'spending plans',
      'committee figures',
      'absent parents payments',
    ];
    for (const minScore of [0.3, 0.5, 0.7, 0.9]) {
      const matcher = new TopicMatcher();
      topics.forEach((topic, i) => {
        matcher.add(`t${i}`, topic, minScore, weight);
      });
      matcher.remove('t1');
      matcher.add('t1', topics[1]!, minScore, weight);
      const fired = index
        .articles()
        .flatMap((article) => matcher.match(index, article).map((m) => `${m.topicId} ${article.id} ${m.score}`));
      const previewed = topics.flatMap((topic, i) =>
        TopicMatcher.preview(index, topic, minScore).map((m) => `t${i} ${m.article.id} ${m.score}`),
      );
      expect(fired.sort()).toEqual(previewed.sort());
      if (minScore === 0.5) expect(fired.length).toBeGreaterThan(3);
    }
  });
});
