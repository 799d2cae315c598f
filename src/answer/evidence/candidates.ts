import { termOf, tokens } from '../../search/analyzer';
import { type AnswerType, answerType } from '../../search/question';

/**
 * Whether the sentence holds a candidate answer of the asked type, and where:
 * a year for "when", a figure for "how many", a capitalised name for "who"
 * and "where", that is not itself a word of the question. An answer usually
 * sits next to the question's words it completes ("won by X in 1998"); a
 * date elsewhere in a long sentence usually dates something else. The
 * question's focus noun ("what year", "which team") in the sentence shows the
 * sentence speaks of the kind of thing asked.
 */
export const CANDIDATE_FEATURES = ['typedCandidate', 'candidateGap', 'focusPresent'] as const;

export type CandidateEvidence = Record<(typeof CANDIDATE_FEATURES)[number], number>;

// Raw words with their inner punctuation ("1,200", "O'Neill", "U.S"), so that capitals and digits can be read.
const RAW_WORD = /[\p{L}\p{N}]+(?:['’.,-][\p{L}\p{N}]+)*/gu;
const YEAR = /^(?:1\d{3}|20\d{2})s?$/;
const MONTH =
  /^(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)$/;
const NUMBER_WORD =
  /^(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundreds?|thousands?|millions?|billions?|dozens?|half|several)$/;
// "what kind of X", "which team", "how many people": the noun the answer is an instance (or a count) of.
const FOCUS = /\b(?:what|which|whose|how many|how much)\s+(?:(?:kind|type|sort|form|part|piece|name)s? of\s+(?:the\s+|a\s+)?)?([a-z]+)/;
const INFORMAL = /\b(what|who|where|when|how)s\b/g;
/** Words farther than this from every question word count as unrelated to them. */
const FAR = 10;

function isCandidate(word: string, position: number, type: AnswerType): boolean {
  const lower = word.toLowerCase();
  switch (type) {
    case 'time':
      return YEAR.test(lower) || MONTH.test(lower);
    case 'number':
      return /\d/.test(word) || NUMBER_WORD.test(lower);
    case 'person':
    case 'place':
      // The sentence's first word is capitalised whatever it is; stop words ("The") name nothing.
      return position > 0 && /^\p{Lu}/u.test(word) && tokens(word).some((token) => termOf(token) !== '');
    default:
      return false;
  }
}

/** The noun the question asks for an instance of, as a term, or undefined. */
export function focusTerm(question: string): string | undefined {
  const match = FOCUS.exec(question.toLowerCase().replace(INFORMAL, '$1 is'));
  const term = match ? termOf(match[1]!) : '';
  return term || undefined;
}

export function candidateEvidence(question: string, sentence: string): CandidateEvidence {
  const type = answerType(question);
  const questionTokens = new Set(tokens(question));
  const questionTerms = new Set([...questionTokens].map(termOf).filter((term) => term !== ''));
  const anchors: number[] = [];
  const candidates: number[] = [];
  let position = 0;
  for (const [word] of sentence.matchAll(RAW_WORD)) {
    const folded = tokens(word);
    const inQuestion = folded.some((token) => questionTokens.has(token) || questionTerms.has(termOf(token)));
    if (inQuestion && folded.some((token) => termOf(token) !== '')) anchors.push(position);
    else if (!inQuestion && type !== 'other' && isCandidate(word, position, type)) candidates.push(position);
    position++;
  }
  let gap = FAR;
  for (const c of candidates) for (const a of anchors) gap = Math.min(gap, Math.abs(c - a));
  const focus = focusTerm(question);
  const sentenceTerms = new Set(tokens(sentence).map(termOf));
  return {
    typedCandidate: candidates.length > 0 ? 1 : 0,
    candidateGap: gap / FAR,
    focusPresent: focus === undefined ? -1 : sentenceTerms.has(focus) ? 1 : 0,
  };
}
