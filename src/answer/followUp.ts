import type { SentenceIndex } from '../search/sentenceIndex';
import type { Article } from '../library/article';
import { SentenceIndex as Index } from '../search/sentenceIndex';
import { POINTING_ALTERNATIVES } from '../search/pointsBack';
import type { HistoryEntry } from '../store/historyStore';
import { ask, DEFAULT_MIN_CONFIDENCE, type AskOptions } from './ask';
import { withoutSmallTalk } from './smallTalk';
import { personOfAnswer, withPersonNamed } from './pronoun';
import { holdsSubject, subjectChange, type SubjectChange } from './subjectChange';
import type { Answer } from './types';

/** History older than this is a different conversation. */
export const FOLLOW_UP_WINDOW_MS = 30 * 60_000;

// "and Taiwan?", "what about North Korea?", "how about the budget", "and what did they say about…"
const CONTINUES = /^\s*(?:and|also|what about|how about|what else|and what|but what|same for|then)\b/i;
// A short question that points back ("did they agree?", "when was it?", "what happened there?") may need the subject from before.
const POINTS_BACK = new RegExp(`\\b(?:${POINTING_ALTERNATIVES}|there)\\b`, 'i');

export type FollowUpCue = 'continues' | 'points-back' | null;

/** Whether a question reads as a continuation of the one before, and how clearly. */
export function followUpCue(question: string): FollowUpCue {
  // A greeting before it or a sign-off after it ("hey, and Taiwan? thanks") does not change what it continues.
  const plain = withoutSmallTalk(question);
  if (CONTINUES.test(plain)) return 'continues';
  return Index.queryTerms(plain).length <= 3 && POINTS_BACK.test(plain) ? 'points-back' : null;
}

/**
 * The entry a follow-up is read with: the latest question within the window
 * that got quotes. A user follows up on what they just asked, whether it was
 * answered or only uncertain; one that got none (or small talk) showed the
 * reader nothing to follow up on, so the one before it is the context.
 */
export function followUpContext(recent: HistoryEntry[], now: Date): HistoryEntry | undefined {
  return recent.find((entry) => entry.quotes.length > 0 && now.getTime() - Date.parse(entry.at) <= FOLLOW_UP_WINDOW_MS);
}

export interface FollowUpResult {
  answer: Answer;
  /** The entry the question was read with, when it was. */
  previous?: HistoryEntry;
  /** What was searched, when it was not the question alone. */
  searched?: string;
  /** The article the follow-up was read in, when it was. */
  articleId?: string;
  /** The new subject a follow-up brought ("tories"), which every quote holds (subjectChange.ts). */
  subject?: string;
}

/**
 * Answers a question, reading a follow-up in the context of the channel's
 * last question that got quotes (answered or uncertain): first within the article that answer quoted (the
 * conversation's subject), else together with the earlier question's words.
 * A follow-up that names a new subject ("what about the tories?") is read as
 * the earlier question about that subject instead (newSubject below). A
 * question without follow-up cues is answered alone; one that only points
 * back ("when was it?") takes the context only when it answers better.
 */
export function withFollowUp(
  index: SentenceIndex<Article>,
  question: string,
  recent: HistoryEntry[],
  options: AskOptions,
  now: Date,
): FollowUpResult {
  const alone = ask(index, question, options);
  const cue = followUpCue(question);
  const previous = followUpContext(recent, now);
  // Small talk ("ok there", "hi there") is no follow-up, though "there" points back.
  if (!previous || !cue || alone.reason === 'small-talk') return { answer: alone };

  const subject = previous.quotes[0]?.articleId;
  const plain = withoutSmallTalk(question);
  const change = cue === 'continues' ? subjectChange(index, plain, previous.searched ?? previous.question) : undefined;
  if (change) return newSubject(index, question, change, previous, options, subject);

  // "What did he say" after an answer about Galloway asks what Galloway said (pronoun.ts).
  const person = personOfAnswer(index, previous);
  const named = (person && withPersonNamed(plain, person)) ?? question;
  let reading: FollowUpResult | undefined;
  if (subject && options.articleId === undefined && index.has(subject)) {
    // The person named may be the wrong guess ("the party's leader Roger Knapman" after "who leads ukip"): the question
    // as asked is read too, and the first that answers is kept, else the first with passages.
    const readings = [...new Set([named, question])].map((asked) => ask(index, asked, { ...options, articleId: subject }));
    const inArticle = readings.find((answer) => answer.answered) ?? readings.find((answer) => answer.tier !== 'none');
    if (inArticle) reading = { answer: { ...inArticle, question }, previous, articleId: subject };
  }
  if (!reading) {
    const searched = `${named === question ? plain : named} ${previous.searched ?? previous.question}`;
    const combined = ask(index, searched, options);
    if (combined.tier !== 'none') reading = { answer: { ...combined, question }, previous, searched };
  }
  if (!reading) return { answer: alone };
  // A reading with only uncertain passages does not displace a question answered on its own.
  if (alone.answered && !reading.answer.answered) return { answer: alone };
  if (cue === 'points-back' && alone.answered && alone.confidence >= reading.answer.confidence) return { answer: alone };
  return reading;
}

/** The titles of the articles an answer quoted, best first, as a none reply offers them. */
function closestTitles(answer: Answer): string[] {
  return [...new Set(answer.quotes.map((q) => q.title))].slice(0, 3);
}

// Deep enough that quotes about the new subject are found below ones about the old.
const SUBJECT_DEPTH = 10;

/**
 * A follow-up that names a new subject ("what about the tories?") is the
 * question before with that subject in its place. The article the last
 * answer quoted is searched first only when the subject narrows that
 * question ("and the minimum wage?"), and kept only when its best sentence
 * is about the subject; else the library is searched with the rewritten
 * question. Only quotes about the new subject are given: when none is, the
 * answer says there is none rather than quote the old subject.
 */
function newSubject(
  index: SentenceIndex<Article>,
  question: string,
  change: SubjectChange,
  previous: HistoryEntry,
  options: AskOptions,
  subjectArticle: string | undefined,
): FollowUpResult {
  const { rewritten: searched, words: subject } = change;
  const about = (answer: Answer) => answer.quotes.filter((q) => holdsSubject(q, change.terms));
  if (!change.replaced && subjectArticle && options.articleId === undefined && index.has(subjectArticle)) {
    // Only the quotes holding the subject as the follow-up says it are kept, so it is searched as said.
    const inArticle = ask(index, question, { ...options, articleId: subjectArticle, namesAsTyped: true });
    const first = inArticle.quotes[0];
    if (first && holdsSubject(first, change.terms, true))
      return { answer: { ...inArticle, quotes: about(inArticle) }, previous, articleId: subjectArticle, searched, subject };
  }
  const limit = options.limit ?? 3;
  const found = ask(index, searched, { ...options, limit: Math.max(limit, SUBJECT_DEPTH), namesAsTyped: true });
  const kept = about(found).slice(0, limit);
  // Say which is true: no article names the new subject at all, or some do but none answers the question about it.
  const unknown = change.terms.every((term) => index.matchAll([term]).length === 0);
  if (kept.length === 0)
    return {
      answer: {
        ...found,
        question,
        tier: 'none',
        answered: false,
        confidence: 0,
        quotes: [],
        reason: unknown ? 'no-match' : 'not-close',
        ...(unknown ? { unknownName: subject } : {}),
        // A found answer carries no suggestions: the articles it quoted are the closest titles to offer.
        suggestions: found.suggestions.length > 0 ? found.suggestions : closestTitles(found),
      },
      previous,
      searched,
      subject,
    };
  if (kept[0] === found.quotes[0]) return { answer: { ...found, question, quotes: kept }, previous, searched, subject };
  // The best passage for the rewritten question is not about the subject: the ones that are may help, no more.
  const confidence =
    Math.min(found.confidence, options.minConfidence ?? DEFAULT_MIN_CONFIDENCE) * (kept[0]!.score / found.quotes[0]!.score);
  return {
    answer: { ...found, question, tier: 'uncertain', answered: false, reason: 'weak', confidence, quotes: kept },
    previous,
    searched,
    subject,
  };
}
