import { hasSearchWords, searchedQuestion } from '../answer/ask';
import type { Tier } from '../answer/types';
import { terms, termsWithSurface } from '../search/analyzer';
import { withoutFiller } from '../search/question';
import type { ChannelEntry, HistoryEntry } from '../store/historyStore';
import { groupingSteps } from './groupQuestions';
import { finish, inSlices, type Steps } from '../timeSlices';

export interface GapGroup {
  /** The wording shown for the group. */
  question: string;
  count: number;
  none: number;
  uncertain: number;
  /** Entries in the group voted more 👎 than 👍. */
  votedNotHelpful: number;
  members: ChannelEntry[];
}

export interface Report {
  since: Date;
  until: Date;
  /** Questions: entries with a word to search. The others ("?", emoji, a bare mention) are only counted, in `notQuestions`. */
  questions: number;
  notQuestions: number;
  tiers: Record<Tier, number>;
  helpful: number;
  notHelpful: number;
  /** Questions answered badly (no good answer, uncertain, or voted not helpful), grouped, most frequent first. */
  gaps: GapGroup[];
  /** Key terms of the questions (in how many questions each is), most asked first. */
  topics: { term: string; word: string; questions: number }[];
  channels: { channelId: string; questions: number }[];
}

/** An entry recorded before tiers existed has only `answered`. */
const tierOf = (entry: HistoryEntry): Tier => entry.tier ?? (entry.answered ? 'answer' : 'none');

function votesOf(entry: HistoryEntry): { helpful: number; notHelpful: number } {
  let helpful = 0;
  let notHelpful = 0;
  for (const vote of Object.values(entry.votes ?? {})) {
    if (vote === 'helpful') helpful++;
    else if (vote === 'not-helpful') notHelpful++;
  }
  return { helpful, notHelpful };
}

/** Voted not helpful: more 👎 than 👍, so one dissenter under a well-liked answer does not make it a gap. */
export const votedNotHelpful = (entry: HistoryEntry): boolean => {
  const { helpful, notHelpful } = votesOf(entry);
  return notHelpful > helpful;
};

export const isGap = (entry: HistoryEntry): boolean => tierOf(entry) !== 'answer' || votedNotHelpful(entry);

export { tierOf as reportTierOf, votesOf };

/**
 * Words that ask how something was said, what happened or how it went, or that it is news ("what did X say", "how did the vote go", "latest on Y"):
 * in most questions, and what none of them is about. The search's stop words hold "said" but not "say".
 */
const NOT_TOPICS: ReadonlySet<string> = new Set(
  terms(
    'say says saying tell tells telling told think thinks thought know knew known mean means meant happen happens happened go goes going went gone news latest update updates',
  ),
);

/** A question's topic words: its search words as /ask reads them (no greeting, sign-off, filler, mention or link: "https" and a host are nobody's topic) less the words above. */
const topicWords = (question: string) =>
  termsWithSurface(withoutFiller(searchedQuestion(undefined, question))).filter(({ term }) => !NOT_TOPICS.has(term));

/** What the library could not answer, and what people ask, from a server's history over a period. */
export function buildReport(all: readonly ChannelEntry[], since: Date, until: Date, topicCount = 10): Report {
  return finish(reportSteps(all, since, until, topicCount));
}

/** The same report, giving the event loop a turn every few ms: a busy server's month of questions takes a few hundred ms to read. */
export function buildReportInSlices(all: readonly ChannelEntry[], since: Date, until: Date, topicCount = 10): Promise<Report> {
  return inSlices(reportSteps(all, since, until, topicCount));
}

function* reportSteps(all: readonly ChannelEntry[], since: Date, until: Date, topicCount: number): Steps<Report> {
  // What was searched for a follow-up ("and what else?") holds the words the question borrowed.
  const entries: ChannelEntry[] = [];
  for (const item of all) {
    if (hasSearchWords(item.entry.searched ?? item.entry.question)) entries.push(item);
    yield;
  }
  const tiers: Record<Tier, number> = { answer: 0, uncertain: 0, none: 0 };
  let helpful = 0;
  let notHelpful = 0;
  const channels = new Map<string, number>();
  const topics = new Map<string, { questions: number; words: Map<string, number> }>();
  for (const { channelId, entry } of entries) {
    yield;
    tiers[tierOf(entry)]++;
    const votes = votesOf(entry);
    helpful += votes.helpful;
    notHelpful += votes.notHelpful;
    channels.set(channelId, (channels.get(channelId) ?? 0) + 1);
    const seen = new Set<string>();
    for (const { term, surface } of topicWords(entry.question)) {
      let topic = topics.get(term);
      if (!topic) topics.set(term, (topic = { questions: 0, words: new Map() }));
      topic.words.set(surface, (topic.words.get(surface) ?? 0) + 1);
      if (!seen.has(term)) topic.questions++;
      seen.add(term);
    }
  }
  const groups = yield* groupingSteps(
    entries.filter(({ entry }) => isGap(entry)),
    ({ entry }) => entry.question,
  );
  const gaps = groups.map((group) => ({
    question: group.question,
    count: group.members.length,
    none: group.members.filter(({ entry }) => tierOf(entry) === 'none').length,
    uncertain: group.members.filter(({ entry }) => tierOf(entry) === 'uncertain').length,
    votedNotHelpful: group.members.filter(({ entry }) => votedNotHelpful(entry)).length,
    members: group.members,
  }));
  // The word people typed most for a term stands for it ("ministry", not the stem "ministri").
  const wordOf = (words: Map<string, number>) => [...words].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0];
  return {
    since,
    until,
    questions: entries.length,
    notQuestions: all.length - entries.length,
    tiers,
    helpful,
    notHelpful,
    gaps,
    topics: [...topics]
      .map(([term, topic]) => ({ term, word: wordOf(topic.words), questions: topic.questions }))
      .sort((a, b) => b.questions - a.questions || a.word.localeCompare(b.word))
      .slice(0, topicCount),
    channels: [...channels]
      .map(([channelId, questions]) => ({ channelId, questions }))
      .sort((a, b) => b.questions - a.questions || a.channelId.localeCompare(b.channelId)),
  };
}
