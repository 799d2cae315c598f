/**
 * Re-reading a sentence after retrieval (word pairs, related words, answer
 * type, confidence, phrase checks) looks at its first REREAD_CHARS characters
 * only. A longer "sentence" is a list or text without full stops; reading all
 * of a 1 MB one on every question held up every other user's reply, while
 * the index has already scored all of its words.
 */
export const REREAD_CHARS = 4000;

export function rereadText(text: string, start: number, end: number): string {
  return text.slice(start, Math.min(end, start + REREAD_CHARS));
}
