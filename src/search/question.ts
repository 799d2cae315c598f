import { tokens } from './analyzer';

/**
 * What kind of answer a question asks for, read from its raw words (the
 * analyzer drops who/what/when/how/many as stop words, so this looks at the
 * question itself).
 */
export type AnswerType = 'time' | 'number' | 'person' | 'place' | 'other';

const TIME = /\bwhen\b|\b(?:what|which) (?:year|decade|century|date|day|month|time|period|era|season)s?\b|\bhow long ago\b|\bwhat time\b/;
const NUMBER = /\bhow (?:many|much|long|old|far|large|big|tall|high|fast|heavy|often|deep|wide)\b|\b(?:what|which) (?:percentage|percent|proportion|number|amount|fraction|size|population|rate|price|cost)\b/;
const PERSON = /\bwho(?:m|se)?\b/;
const PLACE = /\bwhere\b|\b(?:what|which) (?:city|country|state|place|region|town|location|continent|area|county|river|island|nation|province|village|street|building|capital|port)\b/;

export function answerType(question: string): AnswerType {
  const lower = question.toLowerCase();
  if (TIME.test(lower)) return 'time';
  if (NUMBER.test(lower)) return 'number';
  if (PERSON.test(lower)) return 'person';
  if (PLACE.test(lower)) return 'place';
  return 'other';
}

const YEAR = /\b(?:1\d{3}|20\d{2})s?\b|\bcentur(?:y|ies)\b|\bdecades?\b/i;
const MONTH = /\b(?:january|february|march|april|may|june|july|august|september|october|november|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b/i;
const NUMBER_WORD = /\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundreds?|thousands?|millions?|billions?|dozens?|half|several)\b|%|\bper ?cent\b/i;
const DIGITS = /\d[\d,.]*/g;
// Words with a capital that do not start the sentence: names of people, places, bodies.
const CAPITALISED = /(?<=[\s(“"'‘-])\p{Lu}[\p{L}\p{N}'’-]*/gu;

/** Whether a sentence holds something of the asked type that the question does not already say. */
export function offersAnswerType(sentence: string, type: AnswerType, questionTokens: ReadonlySet<string>): boolean {
  switch (type) {
    case 'time':
      return YEAR.test(sentence) || MONTH.test(sentence);
    case 'number': {
      if (NUMBER_WORD.test(sentence)) return true;
      for (const digits of sentence.match(DIGITS) ?? []) if (!questionTokens.has(digits.replace(/[,.]+$/, ''))) return true;
      return false;
    }
    case 'person':
    case 'place': {
      for (const word of sentence.match(CAPITALISED) ?? []) {
        const folded = tokens(word);
        if (folded.length > 0 && !folded.every((token) => questionTokens.has(token))) return true;
      }
      return false;
    }
    default:
      return false;
  }
}

/** Word pairs of a text, stop words kept ("member states", "the court"): phrase evidence that stemmed terms lose. */
export function wordPairs(words: readonly string[]): Set<string> {
  const pairs = new Set<string>();
  for (let i = 1; i < words.length; i++) pairs.add(`${words[i - 1]} ${words[i]}`);
  return pairs;
}

/** Length of the longest run of consecutive words that two word lists share. */
export function longestCommonRun(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  let previous = new Int32Array(b.length + 1);
  let current = new Int32Array(b.length + 1);
  let best = 0;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      current[j] = a[i - 1] === b[j - 1] ? previous[j - 1]! + 1 : 0;
      if (current[j]! > best) best = current[j]!;
    }
    [previous, current] = [current, previous];
  }
  return best;
}
