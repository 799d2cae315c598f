import { terms } from './analyzer';

/**
 * Party names people type one way and British news writes either way:
 * "tories" for the Conservatives, "lib dems" for the Liberal Democrats. A
 * question saying one is also searched as the other (rank.ts), since neither
 * stems nor the word vectors join them: "tory" is as close to "labour"
 * (0.61) as to "conservative" (0.64) in the vectors, and "Lib" is no stem of
 * "Liberal".
 *
 * A hand list, kept to two spellings of one name a pair, never a broader or
 * narrower word (docs/quality.md, round 8: "US" and "United States" were
 * tried and dropped, level on the shared sets). The alerts keep their own
 * ways of reading names (src/alerts/abbreviations.ts, places.ts). A
 * lower-case "conservative" is an everyday word, so it is read only as
 * written with a capital.
 */
const SPELLINGS: readonly { said: RegExp; other: (word: string) => string }[] = [
  { said: /\btor(y|ies)\b/gi, other: (word) => (/ies$/i.test(word) ? 'Conservatives' : 'Conservative') },
  { said: /\bConservatives?\b/g, other: (word) => (word.endsWith('s') ? 'Tories' : 'Tory') },
  { said: /\blib[ -]?dems?\b/gi, other: (word) => (/s$/i.test(word) ? 'Liberal Democrats' : 'Liberal Democrat') },
  { said: /\bliberal democrats?\b/gi, other: (word) => (/s$/i.test(word) ? 'Lib Dems' : 'Lib Dem') },
];

/**
 * The question with each informal name said the other way ("did the tories
 * win" → "did the Conservatives win"), or undefined when it names none.
 * Every name is swapped at once: one more search, however many it names.
 */
export function otherSpelling(question: string): string | undefined {
  let swapped = question;
  const spans: [number, number, string][] = [];
  for (const { said, other } of SPELLINGS) {
    for (const match of question.matchAll(said)) {
      const start = match.index;
      const end = start + match[0].length;
      // "Liberal Democrats" is not swapped again as "Democrats" by a later, shorter spelling.
      if (spans.some(([from, to]) => start < to && end > from)) continue;
      spans.push([start, end, other(match[0])]);
    }
  }
  if (spans.length === 0) return undefined;
  for (const [start, end, replacement] of spans.sort((a, b) => b[0] - a[0]))
    swapped = swapped.slice(0, start) + replacement + swapped.slice(end);
  return swapped;
}

/**
 * The spelling of the question a sentence answers: the other one when the
 * sentence says more of its words ("Conservative leader Michael Howard" for
 * "who is the tory leader"), so the confidence weighs the words it was found by.
 */
export function spellingFor(question: string, sentence: string): string {
  const other = otherSpelling(question);
  if (other === undefined) return question;
  const said = new Set(terms(sentence));
  const missing = (spelling: string) => terms(spelling).filter((term) => !said.has(term)).length;
  return missing(other) < missing(question) ? other : question;
}
