/** The article's side of abbreviations.ts, apart so that reading topics does not depend on reading articles. */
import { abbreviable, says } from './abbreviations';
import { type ArticleEvidence, HEADLINE } from './articleEvidence';
import { passingMentions } from './passingMentions';
import type { TopicTerm } from './topicTerms';

const WORD = /[\p{L}\p{N}]+/gu;

/**
 * Where the article writes the topic's words in a row, some of them in short
 * or in full (headline: HEADLINE; sentences by position), ascending.
 */
export function abbreviationPlaces(evidence: ArticleEvidence, terms: readonly TopicTerm[]): number[] {
  const { article } = evidence;
  const texts = [article.title, ...article.sentences.map((span) => article.text.slice(span.start, span.end))];
  const out: number[] = [];
  texts.forEach((text, at) => {
    // As for the topic's own words (articleEvidence.ts): a common word in a title, a list or a time reference is said in
    // passing ("on crime, identity cards, schools and hospitals"), while the headline says what the story is about.
    const marked = at === 0 ? undefined : passingMentions(text, WORD);
    const words = marked?.words ?? text.match(WORD) ?? [];
    const passing = marked?.flags;
    for (let i = 0; i + terms.length <= words.length; i++) {
      const how = terms.map((t, k) => says(t, words[i + k]!));
      if (how.some((h) => h === null) || how.every((h) => h === 'same')) continue;
      // An acronym's expansion is vouched for by a word said as the topic says it.
      if (how.includes('full') && !how.includes('same')) continue;
      if (passing && terms.some((t, k) => !t.name && passing[i + k])) continue;
      out.push(at === 0 ? HEADLINE : at - 1);
      break;
    }
  });
  return out;
}

/** The topic's words with the places where the article says the topic in short or in full (`alsoAt`), or the words as they were. */
export function withAbbreviations(evidence: ArticleEvidence, terms: readonly TopicTerm[]): readonly TopicTerm[] {
  if (!abbreviable(terms)) return terms;
  const places = abbreviationPlaces(evidence, terms);
  return places.length ? terms.map((t) => ({ ...t, alsoAt: places })) : terms;
}
