/**
 * Words that point back at something said before for who or what is meant:
 * a sentence that opens with one leans on the sentence before it ("They
 * agreed…"), and a short question holding one may lean on the question
 * before it ("did they agree?"). The one list for the index (neighbour
 * credit), the answer's context line and follow-ups.
 */
export const POINTING_WORDS = [
  'he',
  'she',
  'it',
  'its',
  'they',
  'them',
  'their',
  'his',
  'her',
  'this',
  'these',
  'those',
  'that',
  'such',
  'both',
  'the two',
] as const;

const alternatives = POINTING_WORDS.join('|');

/** The words as regex alternatives, for patterns that add their own ("there" for a question's place). */
export const POINTING_ALTERNATIVES = alternatives;

const OPENS_POINTING = new RegExp(`["“‘'(]?(?:${alternatives})\\b`, 'iy');

/** Whether the sentence starting at `start` opens with a word that points back. */
export function opensByPointingBack(text: string, start: number): boolean {
  OPENS_POINTING.lastIndex = start;
  return OPENS_POINTING.test(text);
}
