import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/library/article';
import { SentenceIndex } from '../../src/search/sentenceIndex';
import { TopicMatcher } from '../../src/alerts/topicMatcher';
import { Library } from '../../src/library/library';
import { FILLER, story } from './newsLibrary';

// An alert quotes the sentences that decided it, as the topic was matched there (a country for a region, a
// capital for a country), and its reason names what matched; the user tester's France story fired "Europe"
// with no quote and "the topic is in the headline", though neither the headline nor the body says "Europe".
const articles = [
  story('france-vote', 'France sets date for constitution vote', [
    'French voters will decide on 29 May whether to back the new treaty.',
    'President Jacques Chirac said France had to lead the way.',
    ...FILLER.slice(0, 5),
    'Polls in Paris suggest the No camp is gaining ground.',
  ]),
  story('baghdad', 'Bombs hit market', [
    'Two bombs hit a market in central Baghdad on Sunday.',
    'Police in Baghdad said the death toll was rising.',
    ...FILLER.slice(0, 6),
  ]),
  story('brussels', 'Brussels summit ends in deadlock', [
    'Leaders meeting in Brussels failed to agree the budget on Friday.',
    'Talks in Brussels will resume next month.',
    ...FILLER.slice(0, 5),
  ]),
  story('brown-budget', 'Brown delivers his ninth budget', [...FILLER.slice(0, 8)]),
  ...FILLER.map((_, i) => story(`other-${i}`, `Council news ${i}`, FILLER.slice(i).concat(FILLER.slice(0, i)))),
];
const library = new Library(new SentenceIndex<Article>(), articles);
const index = library.indexFor(null);
const weight = (term: string) => index.idf(term) || index.unseenIdf();

function matchOf(topic: string, articleId: string) {
  const matcher = new TopicMatcher();
  matcher.add('t', topic, 0.7, weight);
  return matcher.match(index, library.get(articleId)!)[0];
}
const quoted = (hits: { sentence: number }[]) =>
  hits.map((hit) => {
    const { article, start, end } = index.sentence(hit.sentence);
    return article.text.slice(start, end);
  });

describe('what an alert quotes and says', () => {
  it('quotes the sentences naming the country that fired a region, and names the country in the reason', () => {
    const match = matchOf('Europe', 'france-vote');
    expect(match).toBeDefined();
    const quotes = quoted(match!.hits);
    expect(quotes.length).toBeGreaterThan(0);
    for (const quote of quotes) expect(quote).toMatch(/France|French|Paris/);
    expect(quotes[0]).toBe('French voters will decide on 29 May whether to back the new treaty.');
    expect(match!.reason).toContain('France is in Europe');
    // The headline says France, not Europe: the reason says what is there.
    expect(match!.reason).not.toContain('the topic is in the headline');
    expect(match!.reason).toContain('France is in the headline');
  });

  it('names the place as the headline writes it', () => {
    const match = matchOf('Europe', 'brussels');
    expect(match!.reason).toContain('Brussels is in the headline');
    expect(match!.reason).toContain('Belgium is in Europe');
  });

  it('quotes the same sentences in the /subscribe preview, with the same reason', () => {
    const previewed = TopicMatcher.preview(index, 'Europe', 0.7).find((m) => m.article.id === 'france-vote');
    const match = matchOf('Europe', 'france-vote')!;
    expect(previewed!.reason).toBe(match.reason);
    expect(quoted(previewed!.hits)).toEqual(quoted(match.hits));
  });

  it('quotes sentences naming a country by its capital', () => {
    const match = matchOf('Iraq', 'baghdad');
    expect(quoted(match!.hits)).toEqual([
      'Two bombs hit a market in central Baghdad on Sunday.',
      'Police in Baghdad said the death toll was rising.',
    ]);
    expect(match!.reason).toContain('via: Baghdad');
  });

  it('quotes the lead when only the headline holds the topic, never the headline itself', () => {
    const match = matchOf('Brown', 'brown-budget');
    expect(match!.reason).toContain('the topic is in the headline');
    expect(quoted(match!.hits)).toEqual([FILLER[0]]);
  });
});
