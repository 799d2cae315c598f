import type { Article } from '../library/article';
import type { SentenceIndex } from '../search/sentenceIndex';
import type { HistoryEntry } from '../store/historyStore';
import { termOf } from '../search/analyzer';
import { isPlace } from './subjectChange';

// A person the question points back at: "what did he say", "when did she resign", "who replaced him".
// In lower case, or capitalised as a question's first word: "HE funding" is higher education. "her" only where
// it stands for her, not before a word it owns ("what did her party say").
const PERSON = /(?:^(?:He|She)\b|\b(?:he|she|him)\b|\bher\b(?!\s+\p{L}))/u;
const WORD = /[\p{L}\p{N}'’-]+/gu;

/**
 * Who the answer before was about: the first person its first quote names,
 * by surname ("George Galloway of the Respect party has won …" → "Galloway").
 * A person is two or more capitalised words in a row, no place, whose last
 * word the article also writes apart from the first ("Mr Galloway",
 * "Galloway said"): a place or a body keeps its whole name ("Bethnal Green",
 * "Northern Bank").
 */
export function personOfAnswer(index: SentenceIndex<Article>, entry: HistoryEntry): string | undefined {
  const quote = entry.quotes[0];
  const first = quote ? index.sentenceIdOf(quote.articleId, 0) : undefined;
  if (!quote || first === undefined) return undefined;
  const { text } = index.sentence(first).article;
  const words = [...text.slice(quote.start, quote.end).matchAll(WORD)].map(([word]) => word.replace(/['’]s$/, ''));
  const person = (run: string[]) => {
    if (run.length < 2 || isPlace(run.join(' '))) return false;
    const [given, surname] = [run[0]!, run.at(-1)!];
    return new RegExp(`(?<!${given}\\s)\\b${surname}\\b`, 'u').test(text);
  };
  let run: string[] = [];
  for (const word of [...words, '']) {
    // "The" and "In" open sentences capitalised but name no one.
    if (/^\p{Lu}/u.test(word) && termOf(word.toLowerCase()) !== '') {
      run.push(word);
      continue;
    }
    if (person(run)) return run.at(-1);
    run = [];
  }
  return undefined;
}

/** The question with its "he" or "she" said by name ("what did he say" → "what did Galloway say"); undefined when it has none. */
export function withPersonNamed(question: string, person: string): string | undefined {
  return PERSON.test(question) ? question.replace(PERSON, person) : undefined;
}
