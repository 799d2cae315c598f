import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/library/article';
import { SentenceIndex } from '../../src/search/sentenceIndex';
import { DEFAULT_MIN_CONFIDENCE, ask, mostlyUnknown, searchedQuestion } from '../../src/answer/ask';
import { lookup } from '../../src/answer/lookup';
import { Library } from '../../src/library/library';
import { makeArticle } from '../../src/library/makeArticle';
import { seedArticle } from '../helpers/seed';

const library = new Library(new SentenceIndex<Article>(), [seedArticle()]);
const seed = library.list()[0]!;

describe('ask on the shipped article', () => {
  const questions = [
    'What did Hayashi and Blinken agree on?',
    'What did they discuss about North Korea?',
    'Who chairs the CPTPP working group?',
    'What did Kishida promise in his speech?',
    'How long are cost-sharing agreements usually signed for?',
  ];

  it.each(questions)('quotes verbatim with a citation: %s', (question) => {
    const answer = ask(library.indexFor(null), question);
    expect(answer).toMatchObject({ tier: 'answer', answered: true });
    expect(answer.quotes.length).toBeGreaterThan(0);
    expect(answer.quotes.length).toBeLessThanOrEqual(3);
    for (const quote of answer.quotes) {
      expect(seed.text.slice(quote.start, quote.end)).toBe(quote.text);
      expect(quote).toMatchObject({ articleId: seed.id, title: seed.title, date: null });
    }
    expect(answer.confidence).toBeGreaterThanOrEqual(DEFAULT_MIN_CONFIDENCE);
  });

  it('finds the specific sentence', () => {
    expect(ask(library.indexFor(null), 'Who chairs the CPTPP working group?').quotes[0]!.text).toBe(
      'Tokyo chairs the CPTPP London membership working group.',
    );
  });

  it.each(['What is the capital of Brazil?', 'recipe for chocolate cake', 'How do I bake sourdough bread?'])(
    'gives an honest no-answer to an off-topic question: %s',
    (question) => {
      const answer = ask(library.indexFor(null), question);
      expect(answer).toMatchObject({ tier: 'none', answered: false, quotes: [], confidence: 0 });
      expect(answer.reason).toMatch(/no-match|weak/);
    },
  );

  it('declines a question about a name no article mentions, however well its other words match', () => {
    const answer = ask(library.indexFor(null), 'What did Hayashi and Blinken agree on about Brazil?');
    expect(answer).toMatchObject({ answered: false, reason: 'no-match', unknownName: 'Brazil' });
    expect(ask(library.indexFor(null), 'What did Hayashi and Blinken agree on?').answered).toBe(true);
  });

  it('declines a question made only of stop words, or empty', () => {
    expect(ask(library.indexFor(null), 'what is it that they did?').reason).toBe('no-terms');
    expect(ask(library.indexFor(null), '   ').reason).toBe('empty');
  });

  it('gives no quotes, only suggestions, when the confidence is below the floor', () => {
    const answer = ask(library.indexFor(null), 'what did the foreign ministers say about the sea');
    // The best sentence holds more than a quarter of the question; before the floor this was offered as uncertain.
    expect(answer).toMatchObject({ tier: 'none', answered: false, quotes: [], reason: 'not-close' });
    expect(answer.suggestions).toContain(seed.title);
    expect(ask(library.indexFor(null), 'what did the foreign ministers say about the sea', { minConfidence: 0 }).tier).toBe('answer');
  });

  it.each([
    ['best pizza in london', 'best, pizza'],
    ['where is the best sushi in tokyo', 'best, sushi'],
    ['tokyo weather', 'weather'],
  ])('names the things no article speaks of when they are half the question: %s', (question, words) => {
    expect(ask(library.indexFor(null), question)).toMatchObject({ tier: 'none', reason: 'no-match', unknownName: words, quotes: [] });
  });

  it.each(['who won the world cup?', 'when is the next eclipse'])(
    'offers passages as uncertain at most when words no article uses carry most of the question, a verb among them: %s',
    (question) => {
      const answer = ask(library.indexFor(null), question);
      expect(answer).toMatchObject({ answered: false, reason: 'weak', tier: 'uncertain' });
      expect(answer.confidence).toBeLessThanOrEqual(DEFAULT_MIN_CONFIDENCE);
    },
  );

  it('weighs a question by what its words carry: an unknown verb beside a known name is not most of it', () => {
    const index = library.indexFor(null);
    expect(mostlyUnknown(index, 'who won the world cup')).toBe(true);
    expect(mostlyUnknown(index, 'what happened in liverpool')).toBe(false);
    expect(mostlyUnknown(index, 'who attended the meeting')).toBe(false);
    // Nothing known: no sentence is found at all, and the reply says so.
    expect(mostlyUnknown(index, 'swimming')).toBe(false);
  });

  it.each([
    ['what did they say about china', 'tell me about china'],
    ['what did they say about the olympics', 'tell me about the olympics'],
    ['what did they say about the boycott', 'tell me about the boycott'],
    ['how did beijing react to the boycott', 'beijing boycott'],
  ])('answers "%s" as it answers "%s": a verb of reporting is no search word', (asked, plain) => {
    const index = library.indexFor(null);
    const answer = ask(index, asked);
    expect(answer.tier).toBe('answer');
    expect(answer.quotes[0]!.text).toBe(ask(index, plain).quotes[0]!.text);
  });

  it('does not decline for a verb the library does not use', () => {
    const answer = ask(library.indexFor(null), 'what happened in liverpool');
    expect(answer.tier).not.toBe('none');
    expect(answer.quotes[0]!.text).toContain('Liverpool');
  });

  it('offers a best sentence holding under a quarter of the question as uncertain at most, whatever the confidence', () => {
    const spread = new Library(new SentenceIndex<Article>(), [
      makeArticle(
        'spread',
        'The harbour reopened on Monday. The ferry resumed its crossings. The lighthouse was repainted. The pier was extended. The customs office moved inland.',
        { title: 'Harbour news' },
        'test',
      ),
    ]);
    const answer = ask(spread.indexFor(null), 'harbour ferry lighthouse pier customs', { minConfidence: 0 });
    expect(answer).toMatchObject({ tier: 'uncertain', answered: false, reason: 'weak' });
    expect(answer.quotes.length).toBeGreaterThan(0);
  });

  it('offers partial evidence as uncertain passages, with suggestions, never as the answer', () => {
    const answer = ask(library.indexFor(null), 'what did hayashi and truss say about the olympics, the pacific, security and korea');
    expect(answer).toMatchObject({ tier: 'uncertain', answered: false, reason: 'weak' });
    expect(answer.quotes.length).toBeGreaterThan(0);
    for (const quote of answer.quotes) expect(seed.text.slice(quote.start, quote.end)).toBe(quote.text);
    expect(answer.confidence).toBeLessThan(DEFAULT_MIN_CONFIDENCE);
    expect(answer.suggestions).toContain(seed.title);
  });

  it('answers only when the confidence reaches minConfidence, and is uncertain below it', () => {
    const question = 'Who chairs the CPTPP working group?';
    const { confidence } = ask(library.indexFor(null), question);
    expect(confidence).toBeGreaterThan(0);
    expect(confidence).toBeLessThan(1);
    expect(ask(library.indexFor(null), question, { minConfidence: confidence })).toMatchObject({ tier: 'answer', answered: true });
    const below = ask(library.indexFor(null), question, { minConfidence: Math.min(1, confidence + 0.01) });
    expect(below).toMatchObject({ tier: 'uncertain', answered: false, confidence });
    expect(below.quotes[0]!.text).toBe('Tokyo chairs the CPTPP London membership working group.');
  });

  it('shows the sentence before when the quote leans on it', () => {
    const answer = ask(
      library.indexFor(null),
      'trilateral cooperation between Japan, the United States and South Korea vital ballistic threats',
    );
    const quote = answer.quotes[0]!;
    expect(quote.text).toMatch(/^They also discussed North Korea/);
    expect(quote.context?.text).toMatch(/^Hayashi and Blinken reiterated/);
    expect(seed.text.slice(quote.context!.start, quote.context!.end)).toBe(quote.context!.text);
  });

  // From the user test: typed this way, each question got "No good answer" where the careful wording answers.
  it.each([
    ['so wat did japan n the us say abt china lol', 'what did japan and the us say about china'],
    ['hello there what did blinken say', 'what did blinken say'],
    ['hey what did blinken say', 'what did blinken say'],
    ['what did blinken say? thanks', 'what did blinken say'],
    ['whats the deal with taiwan', 'taiwan'],
    ["what's going on with taiwan", 'taiwan'],
    ['any news on taiwan', 'taiwan'],
    ['@everyone <@123> what did Hayashi and Blinken agree on? [x](http://evil.example)', 'What did Hayashi and Blinken agree on?'],
    ['what did Hayashi and Blinken agree on? https://evil.example/login?next=/ask', 'What did Hayashi and Blinken agree on?'],
    ['<https://evil.example> what did Hayashi and Blinken agree on', 'What did Hayashi and Blinken agree on?'],
  ])('answers "%s" as it answers "%s"', (typed, careful) => {
    const index = library.indexFor(null);
    const expected = ask(index, careful);
    expect(expected.tier).not.toBe('none');
    const answer = ask(index, typed);
    expect(answer.question).toBe(typed);
    expect({ tier: answer.tier, quotes: answer.quotes.map((q) => q.text), confidence: answer.confidence }).toEqual({
      tier: expected.tier,
      quotes: expected.quotes.map((q) => q.text),
      confidence: expected.confidence,
    });
  });

  it('keeps a markdown link’s text, and finds nothing to search in a bare link', () => {
    const index = library.indexFor(null);
    expect(searchedQuestion(index, 'what did they say about [the Taiwan Strait](https://evil.example/x "title")').trim()).toBe(
      'what did they say about  the Taiwan Strait',
    );
    expect(ask(index, 'https://evil.example/login')).toMatchObject({ tier: 'none', reason: 'no-terms' });
    // A link's text that only says it is one is no search word either.
    expect(searchedQuestion(index, 'why did they meet [click here](https://evil.example)').trim()).toBe('why did they meet');
    expect(searchedQuestion(index, '[click](https://evil.example) why did they meet').trim()).toBe('why did they meet');
    expect(ask(index, 'what did Hayashi and Blinken agree on [link](https://evil.example)').quotes).toEqual(
      ask(index, 'what did Hayashi and Blinken agree on').quotes,
    );
    // An address without its scheme is a word people may mean ("gov.uk"), not a link.
    expect(searchedQuestion(index, 'what does gov.uk say')).toBe('what does gov.uk say');
  });

  it('reads a chat spelling the library uses as a name as that name', () => {
    const names = new Library(new SentenceIndex<Article>(), [
      seedArticle(),
      makeArticle(
        'nobel',
        'Le Duc Tho declined the 1973 Nobel Peace Prize that he was to share with Henry Kissinger.',
        { title: 'Nobel' },
        'test',
      ),
    ]);
    expect(searchedQuestion(names.indexFor(null), 'why did le duc tho turn down the prize')).toContain('tho');
    expect(searchedQuestion(library.indexFor(null), 'what did blinken say tho').trim()).toBe('what did blinken say');
  });

  it('limits the answer to one article when asked', () => {
    const two = new Library(new SentenceIndex<Article>(), [
      seedArticle(),
      makeArticle(
        'other',
        'North Korea launched a satellite rocket on Tuesday, officials in Seoul said.',
        { title: 'Rocket launch' },
        'test',
      ),
    ]);
    const limited = ask(two.indexFor(null), 'North Korea rocket launch', { articleId: 'other' });
    expect(limited.quotes.every((q) => q.articleId === 'other')).toBe(true);
    expect(ask(two.indexFor(null), 'North Korea', { articleId: 'nope' }).reason).toBe('unknown-article');
  });
});

describe('Library.resolve', () => {
  it('takes an exact id, else the only article a part of a title matches, and tells none from several', () => {
    const two = new Library(new SentenceIndex<Article>(), [
      seedArticle(),
      makeArticle('other-hayashi', 'Hayashi met the press on Tuesday in Tokyo, officials said.', { title: 'Hayashi briefing' }, 'test'),
    ]);
    expect(two.resolve('000_02b1b7e6bf94f65a').article?.id).toBe('000_02b1b7e6bf94f65a');
    expect(two.resolve('briefing').article?.id).toBe('other-hayashi');
    expect(two.resolve('hayashi')).toEqual({ article: undefined, matches: 2 });
    expect(two.resolve('nothing like it')).toEqual({ article: undefined, matches: 0 });
  });
});

describe('lookup', () => {
  it('finds sentences by phrase, exact phrase first, with article counts', () => {
    const result = lookup(library.indexFor(null), 'Taiwan Strait');
    expect(result.matches).toHaveLength(1);
    expect(result.matches[0]!.text).toContain('Taiwan Strait');
    expect(result.articles).toEqual([expect.objectContaining({ articleId: seed.id, count: 1 })]);
    const korea = lookup(library.indexFor(null), 'korea');
    expect(korea.matches.length).toBeGreaterThanOrEqual(2);
    expect(lookup(library.indexFor(null), 'chocolate').matches).toEqual([]);
  });
});
