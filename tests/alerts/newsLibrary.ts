import type { Article } from '../../src/library/article';
import { Library } from '../../src/library/library';
import { makeArticle } from '../../src/library/makeArticle';
import { SentenceIndex } from '../../src/search/sentenceIndex';
import { TopicMatcher } from '../../src/alerts/topicMatcher';

/** Sentences any news story might hold: a test library's background, so that a topic's words weigh as rare as in real news. */
export const FILLER = [
  'The committee met on Tuesday to review the figures.',
  'Officials said a report would follow in the spring.',
  'Several members asked for more time to read the papers.',
  'The opposition said the plans did not go far enough.',
  'A vote is expected before the summer recess.',
  'Campaigners welcomed the news but urged caution.',
  'Analysts said the outcome was hard to call.',
  'Turnout was lower than at the last count.',
  'Observers said the count had been orderly.',
  'The results are due later in the week.',
  'Markets were calm on the day.',
];

export const story = (id: string, title: string, sentences: string[]): Article => makeArticle(id, sentences.join(' '), { title }, 'test');

/** An article as sent by a named source, for libraries that mix a domestic wire and a world feed. */
export const fromSource = (source: string, article: Article): Article => ({ ...article, source });

const slug = (text: string) => text.replace(/\s+/g, '-');

/** A domestic British story from `source`: it names Britain in its lead, as most of a British wire's stories do. */
export const britishStory = (source: string, i: number): Article =>
  fromSource(
    source,
    story(slug(`${source}-uk-${i}`), `British schools plan ${i}`, [
      `British ministers set out a plan for schools in Britain, number ${i}.`,
      ...FILLER.slice(0, 5),
    ]),
  );

/** A story from `source` that names no country. */
export const placelessStory = (source: string, i: number): Article =>
  fromSource(
    source,
    story(slug(`${source}-other-${i}`), `Ministers plan ${i}`, [
      `Ministers set out a plan on transport, number ${i}.`,
      ...FILLER.slice(0, 5),
    ]),
  );

/** What a topic fires on over these articles, through the matcher alerts use: each article that fires, with its reason. */
export function firingsOver(articles: Article[]): (topic: string, minScore?: number) => Map<string, string> {
  const library = new Library(new SentenceIndex<Article>(), articles);
  const index = library.indexFor(null);
  const weight = (term: string) => index.idf(term) || index.unseenIdf();
  return (topic, minScore = 0.7) => {
    const matcher = new TopicMatcher();
    matcher.add('t', topic, minScore, weight);
    const out = new Map<string, string>();
    for (const article of articles) for (const match of matcher.match(index, library.get(article.id)!)) out.set(article.id, match.reason);
    return out;
  };
}
