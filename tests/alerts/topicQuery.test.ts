import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/library/article';
import { SentenceIndex } from '../../src/search/sentenceIndex';
import { describeTopicQuery, parseTopicQuery, readTopic } from '../../src/alerts/topicQuery';
import { TopicMatcher } from '../../src/alerts/topicMatcher';
import { Library } from '../../src/library/library';
import { makeArticle } from '../../src/library/makeArticle';
import { UserError } from '../../src/userError';

const refusal = (topic: string) => {
  try {
    parseTopicQuery(topic);
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return (error as Error).message;
  }
  throw new Error(`"${topic}" was accepted`);
};

describe('reading a topic', () => {
  it('keeps a plain topic exactly as it was, one side with no phrases or exclusions', () => {
    expect(parseTopicQuery('  Japan  US alliance ')).toEqual({
      alternatives: [{ words: 'Japan US alliance', phrases: [], loose: 'Japan US alliance' }],
      exclusions: [],
      plain: true,
    });
    // A hyphen inside a word and a lower-case "or" are part of a plain topic.
    expect(parseTopicQuery('Japan-US trade or tariffs').plain).toBe(true);
    expect(describeTopicQuery(parseTopicQuery('Hayashi Blinken'))).toBe('Hayashi Blinken');
  });

  it('reads phrases, exclusions and alternatives', () => {
    const query = parseTopicQuery('"Taiwan Strait" China -patrols -"joint exercise"');
    expect(query).toEqual({
      alternatives: [{ words: 'Taiwan Strait China', phrases: ['Taiwan Strait'], loose: 'China' }],
      exclusions: [
        { text: 'patrols', phrase: false },
        { text: 'joint exercise', phrase: true },
      ],
      plain: false,
    });
    expect(describeTopicQuery(query)).toBe(
      '“Taiwan Strait” as a phrase with China · leaving out articles that say: patrols, “joint exercise”',
    );
    const either = parseTopicQuery('CPTPP OR “trans-pacific partnership”');
    expect(either.alternatives).toEqual([
      { words: 'CPTPP', phrases: [], loose: 'CPTPP' },
      { words: 'trans-pacific partnership', phrases: ['trans-pacific partnership'], loose: '' },
    ]);
    expect(describeTopicQuery(either)).toBe('CPTPP; or “trans-pacific partnership” as a phrase');
  });

  it('refuses bad syntax saying what to change', () => {
    expect(refusal('"Taiwan Strait')).toMatch(/quote opened before “Taiwan Strait” is not closed\. Close it/);
    expect(refusal('-patrols -"joint exercise"')).toMatch(/not only words to leave out.*Add what you want to follow/);
    expect(refusal('CPTPP OR')).toMatch(/OR needs a topic on each side.*Add a topic after the last OR/);
    expect(refusal('OR CPTPP')).toMatch(/Add a topic before the OR/);
    expect(refusal('CPTPP OR OR TPP')).toMatch(/OR needs a topic on each side/);
    expect(refusal('CPTPP OR -trade')).toMatch(/OR needs a topic on each side/);
    expect(refusal('Taiwan ""')).toMatch(/quotes holds no words/);
    expect(refusal('Taiwan - patrols')).toMatch(/minus sign must be followed by a word/);
  });

  it('reads a stored topic that no longer parses as plain words, so old alert files still load', () => {
    expect(readTopic('Taiwan "Strait')).toEqual({
      alternatives: [{ words: 'Taiwan "Strait', phrases: [], loose: 'Taiwan "Strait' }],
      exclusions: [],
      plain: true,
    });
  });
});

const story = (id: string, title: string, sentences: string[]) => makeArticle(id, sentences.join(' '), { title }, 'test');
const library = new Library(new SentenceIndex<Article>(), [
  story('strait', 'Warships cross the Taiwan Strait', [
    'Chinese warships sailed through the Taiwan Strait on Monday.',
    'Officials in Taiwan called it a provocation.',
    'The ministry said the Taiwan Strait crossing was the third this month.',
  ]),
  story('patrols', 'Navy patrols the Taiwan Strait', [
    'The navy said its patrols in the Taiwan Strait would go on.',
    'Taiwan welcomed the patrols in the strait.',
  ]),
  story('scattered', 'Taiwan budget passes', [
    'Taiwan passed its budget on Friday.',
    'A strait of water was mentioned by the minister in Taiwan.',
    'Taiwan lawmakers voted for the Strait bill.',
  ]),
  story('exercise', 'Taiwan holds drills', [
    'Taiwan held a joint exercise with allies in the Taiwan Strait.',
    'The Taiwan Strait drills lasted two days.',
  ]),
  story('cptpp', 'Britain joins the CPTPP', ['Britain joined the CPTPP trade pact on Sunday.', 'The CPTPP now has twelve members.']),
  story('tpp', 'Trans-Pacific Partnership talks resume', [
    'Talks on the Trans-Pacific Partnership resumed in Tokyo.',
    'The trans-pacific partnership was signed in 2016.',
  ]),
]);

function fired(topic: string, minScore = 0.5): string[] {
  const matcher = new TopicMatcher();
  matcher.add('t', topic, minScore, (term) => library.indexFor(null).idf(term) || library.indexFor(null).unseenIdf());
  return library
    .list()
    .filter((article) => matcher.match(library.indexFor(null), article).length > 0)
    .map((a) => a.id)
    .sort();
}
const previewed = (topic: string, minScore = 0.5) =>
  TopicMatcher.preview(library.indexFor(null), topic, minScore)
    .map((m) => m.article.id)
    .sort();

describe('matching with the query language', () => {
  it('a phrase must appear as a phrase; the same words apart do not do', () => {
    expect(fired('Taiwan Strait')).toContain('scattered');
    expect(fired('"Taiwan Strait"')).not.toContain('scattered');
    expect(fired('"Taiwan Strait"')).toEqual(['exercise', 'patrols', 'strait']);
  });

  it('an excluded word (in any of its forms) or phrase anywhere leaves the article out', () => {
    expect(fired('"Taiwan Strait" -patrol')).toEqual(['exercise', 'strait']);
    expect(fired('"Taiwan Strait" -patrols -"joint exercise"')).toEqual(['strait']);
    // "joint" and "exercise" apart are not the phrase.
    expect(fired('"Taiwan Strait" -"exercise joint"')).toEqual(['exercise', 'patrols', 'strait']);
  });

  it('fires on either side of an OR, and the preview applies the same rules', () => {
    expect(fired('CPTPP')).toEqual(['cptpp']);
    expect(fired('CPTPP OR "trans-pacific partnership"')).toEqual(['cptpp', 'tpp']);
    for (const topic of [
      'CPTPP OR "trans-pacific partnership"',
      '"Taiwan Strait" -patrols -"joint exercise"',
      '"Taiwan Strait"',
      'Taiwan Strait',
    ]) {
      expect(previewed(topic)).toEqual(fired(topic));
    }
  });
});
