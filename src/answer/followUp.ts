import type { SentenceIndex } from '../search/sentenceIndex';
import { SentenceIndex as Index } from '../search/sentenceIndex';
import type { HistoryEntry } from '../store/historyStore';
import { ask, type AskOptions } from './ask';
import type { Answer } from './types';

/** History older than this is a different conversation. */
export const FOLLOW_UP_WINDOW_MS = 30 * 60_000;

// "and Taiwan?", "what about North Korea?", "how about the budget", "and what did they say about…"
const CONTINUES = /^\s*(?:and|also|what about|how about|what else|and what|but what|same for|then)\b/i;
// A short question that points back ("did they agree?", "when was it?") needs the subject from before.
const POINTS_BACK = /\b(?:they|them|their|it|its|he|she|his|her|this|that|these|those|there|the two)\b/i;

/** Whether a question reads as a continuation of the one before rather than a question of its own. */
export function looksLikeFollowUp(question: string): boolean {
  const content = Index.queryTerms(question).length;
  if (CONTINUES.test(question)) return true;
  return content <= 3 && POINTS_BACK.test(question);
}

/**
 * Answers a question, reading it together with the channel's previous
 * question when it is a follow-up. The earlier question only adds words:
 * the new one's own words are searched too, and a question that stands on
 * its own is answered alone.
 */
export function withFollowUp(index: SentenceIndex, question: string, recent: HistoryEntry[], options: AskOptions, now: Date): { answer: Answer; previous?: HistoryEntry; searched?: string } {
  const alone = ask(index, question, options);
  // The subject carries over from the last question that was answered, if it was recent.
  const previous = recent.find((entry) => entry.answered && now.getTime() - Date.parse(entry.at) <= FOLLOW_UP_WINDOW_MS);
  if (!previous || !looksLikeFollowUp(question)) return { answer: alone };
  const searched = `${question} ${previous.searched ?? previous.question}`;
  const combined = ask(index, searched, options);
  if (!combined.answered) return { answer: alone };
  return { answer: { ...combined, question }, previous, searched };
}
