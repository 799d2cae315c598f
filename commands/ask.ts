import { SlashCommandBuilder } from 'discord.js';
import { defineCommand, type ButtonContext, type CommandContext } from '../src/command/types';
import { buttonIds } from '../src/command/buttonIds';
import { pastedCommands } from '../src/command/pastedCommands';
import { dateRangeOf, rangeFilter } from '../src/command/dateRange';
import { UserError } from '../src/userError';
import type { Reply } from '../src/reply';
import { notice } from '../src/reply';
import { answerReply } from '../src/replies/format';
import { voteButtons, voteThanks } from '../src/replies/feedback';
import { StoreWriteError } from '../src/store/jsonStore';
import type { HistoryEntry, Vote } from '../src/store/historyStore';
import { MAX_QUESTION_CHARS, ask } from '../src/answer/ask';
import { followUpContext, followUpCue, withFollowUp } from '../src/answer/followUp';
import { holdsSubject } from '../src/answer/subjectChange';
import { terms } from '../src/search/analyzer';
import { viewerOf } from '../src/library/library';
import { rangeNote, type DateRange } from '../src/library/dateRange';
import { articleIds } from './article';

const VOTES = { up: 'helpful', down: 'not-helpful' } as const satisfies Record<string, Vote>;
type Direction = keyof typeof VOTES;

/**
 * "More quotes" and the 👍/👎 votes under an answer. The id carries the
 * history entry's id (8 characters), so a press finds its entry after a
 * restart; the channel is the one the button is pressed in.
 */
type Press = { action: 'more'; entryId: string } | { action: 'vote'; entryId: string; vote: Direction };
export const askIds = buttonIds<Press>('ask', {
  encode: (press) => (press.action === 'vote' ? ['vote', press.entryId, press.vote] : ['more', press.entryId]),
  decode: ([action, entryId, vote]) => {
    if (!entryId) return undefined;
    if (action === 'more') return { action, entryId };
    if (action === 'vote' && (vote === 'up' || vote === 'down')) return { action, entryId, vote };
    return undefined;
  },
});

function resolveArticle(ctx: CommandContext, ref: string | undefined): string | undefined {
  if (ref === undefined || !ref.trim()) return undefined;
  const { article, matches } = ctx.services.library.resolve(ref, viewerOf(ctx));
  if (article) return article.id;
  throw new UserError(
    matches === 0
      ? 'No article matches that. /articles lists them with their ids.'
      : `Several articles match "${ref}"; pick one from the list or give its id (see /articles).`,
  );
}

function rangeOfEntry(entry: HistoryEntry): DateRange | undefined {
  if (entry.since === undefined && entry.until === undefined) return undefined;
  return { ...(entry.since !== undefined ? { since: entry.since } : {}), ...(entry.until !== undefined ? { until: entry.until } : {}) };
}

/**
 * /ask: answers from the library, reading a follow-up with the channel's
 * recent history, and records it. A question without a range that reads as a
 * follow-up keeps the range of the question it follows.
 */
async function askInChannel(ctx: CommandContext, question: string, articleRef?: string, askedRange?: DateRange): Promise<Reply> {
  const { library, config, history, log } = ctx.services;
  const articleId = resolveArticle(ctx, articleRef);
  const scope = { guildId: ctx.guildId, channelId: ctx.channelId };
  let recent: Awaited<ReturnType<typeof history.recent>> = [];
  try {
    recent = await history.recent(scope, 5);
  } catch (error) {
    log.error('history_read_failed', { channel: ctx.channelId, error: (error as Error).message });
  }
  // One quote more than is shown tells whether "More quotes" would find anything.
  const options = {
    limit: config.quotes + 1,
    articleId,
    minConfidence: config.minConfidence,
    commands: pastedCommands(ctx.services.commands()),
  };
  const index = library.indexFor(viewerOf(ctx));
  const now = ctx.services.now();
  const answerWithin = (range: DateRange | undefined) => ({
    range,
    ...withFollowUp(index, question, recent, { ...options, allowArticle: rangeFilter(range) }, now),
  });
  // In an alert's thread, the article the thread is about answers first; the library only when it does not answer.
  const threadArticle = articleId === undefined ? await ctx.services.alerts.articleOfThread(ctx.guildId, ctx.channelId) : undefined;
  const inThread =
    threadArticle !== undefined && library.get(threadArticle, viewerOf(ctx))
      ? {
          range: askedRange,
          ...withFollowUp(index, question, recent, { ...options, articleId: threadArticle, allowArticle: rangeFilter(askedRange) }, now),
        }
      : undefined;
  let reading = inThread?.answer.tier === 'answer' ? inThread : answerWithin(askedRange);
  if (reading !== inThread && !askedRange && followUpCue(question)) {
    const before = followUpContext(recent, now);
    const inherited = before && rangeOfEntry(before);
    if (inherited) {
      const within = answerWithin(inherited);
      // The range carries over only when the question is read as that follow-up.
      if (within.previous?.id === before.id) reading = within;
    }
  }
  const { answer, previous, searched, subject, articleId: followUpArticle, range } = reading;
  const hasMore = answer.quotes.length > config.quotes;
  log.debug('answer', {
    channel: ctx.channelId,
    answered: answer.answered,
    reason: answer.reason,
    confidence: Number(answer.confidence.toFixed(3)),
    quotes: Math.min(answer.quotes.length, config.quotes),
    followUp: Boolean(previous),
  });
  answer.quotes = answer.quotes.slice(0, config.quotes);
  let entryId: string | undefined;
  const notes: string[] = [];
  if (previous) notes.push(`Read as a follow-up to: “${previous.question}”`);
  if (answer.respelt) notes.push(`Searched for ${answer.respelt.map((r) => `“${r.word}” (you typed “${r.typed}”)`).join(', ')}.`);
  if (reading === inThread) notes.push('From the article this thread is about (ask with article: to choose another).');
  if (range) notes.push(rangeNote(range, library.list(viewerOf(ctx))));
  try {
    const entry = await history.record(scope, {
      userId: ctx.user.id,
      question,
      answered: answer.answered,
      tier: answer.tier,
      quotes: answer.quotes.map((q) => ({ articleId: q.articleId, start: q.start, end: q.end })),
      ...(previous ? { followUpOf: previous.id, searched, ...(subject ? { subject } : {}) } : {}),
      ...(articleId || followUpArticle || reading === inThread
        ? { articleId: articleId ?? (reading === inThread ? threadArticle : followUpArticle) }
        : {}),
      ...range,
    });
    entryId = entry.id;
  } catch (error) {
    if (!(error instanceof StoreWriteError)) throw error;
    log.error('history_write_failed', { channel: ctx.channelId, error: error.message });
    notes.push('(This question could not be saved to the channel history; the answer is still below.)');
  }
  const reply = answerReply(answer, notes.join('\n') || undefined, articleId ? library.get(articleId)?.title : undefined);
  if (answer.answered) {
    reply.buttons = [];
    if (entryId && hasMore) reply.buttons.push({ id: askIds.encode({ action: 'more', entryId }), label: 'More quotes' });
    reply.buttons.push({
      id: articleIds.encode({ action: 'read', articleId: answer.quotes[0]!.articleId, page: 1 }),
      label: 'Whole article',
    });
  }
  // Every recorded answer can be voted on, "No good answer" too: both tell an editor what is missing (/report).
  // Text with no word to search ("?", emoji, a bare mention) or small talk ("thanks!") asked nothing: there is no answer to judge.
  const asked = answer.reason !== 'empty' && answer.reason !== 'no-terms' && answer.reason !== 'small-talk';
  if (entryId && asked)
    reply.buttons = [...(reply.buttons ?? []), ...voteButtons((vote) => askIds.encode({ action: 'vote', entryId: entryId!, vote }))];
  return reply;
}

/** The "More quotes" button: the next quotes for a recorded question, found again from its entry. */
async function moreQuotes(ctx: ButtonContext, entryId: string): Promise<Reply> {
  const entry = await ctx.services.history.get({ guildId: ctx.guildId, channelId: ctx.channelId }, entryId);
  if (!entry)
    return notice(
      'warning',
      'That question is no longer in this channel’s history, so I cannot find more quotes for it. Ask again with /ask.',
    );
  const { library, config } = ctx.services;
  const shown = entry.quotes.length;
  const answer = ask(library.indexFor(viewerOf(ctx)), entry.searched ?? entry.question, {
    limit: shown + 5,
    articleId: entry.articleId,
    minConfidence: config.minConfidence,
    allowArticle: rangeFilter(rangeOfEntry(entry)),
    commands: pastedCommands(ctx.services.commands()),
  });
  const seen = new Set(entry.quotes.map((q) => `${q.articleId}:${q.start}`));
  // A follow-up that changed the subject gives no quote of the old one here either.
  const about = entry.subject === undefined ? undefined : terms(entry.subject);
  answer.quotes = answer.quotes.filter((q) => !seen.has(`${q.articleId}:${q.start}`) && (!about || holdsSubject(q, about)));
  if (answer.quotes.length === 0) return { ...notice('info', 'There are no more quotes that answer this question well.'), ephemeral: true };
  return { ...answerReply(answer), ephemeral: true };
}

/** A press of 👍 or 👎: one vote per user per answer, a new press replaces the old one; only the voter sees the thanks. */
async function recordVote(ctx: ButtonContext, entryId: string, direction: Direction): Promise<Reply> {
  const vote = VOTES[direction];
  const result = await ctx.services.history.vote({ guildId: ctx.guildId, channelId: ctx.channelId }, entryId, ctx.user.id, vote);
  if (!result) return notice('warning', 'That question is no longer in this channel’s history, so your vote could not be recorded.');
  ctx.services.log.info('answer_voted', {
    guild: ctx.guildId ?? 'dm',
    channel: ctx.channelId,
    vote,
    changed: result.previous !== undefined && result.previous !== vote,
  });
  return voteThanks(vote, result.previous);
}

export const command = defineCommand({
  data: new SlashCommandBuilder()
    .setName('ask')
    .setDescription('Answer a question with quotes from the articles, each with its citation')
    .addStringOption((o) =>
      o.setName('question').setDescription('What you want to know').setRequired(true).setMaxLength(MAX_QUESTION_CHARS),
    )
    .addStringOption((o) =>
      o.setName('article').setDescription('Only quote this article (id or title)').setAutocomplete(true).setMaxLength(100),
    )
    .addStringOption((o) =>
      o.setName('since').setDescription('Only articles dated from this day: YYYY-MM-DD, or 7d, 4w, 6m back').setMaxLength(20),
    )
    .addStringOption((o) =>
      o.setName('until').setDescription('Only articles dated up to this day: YYYY-MM-DD, or 7d, 4w, 6m back').setMaxLength(20),
    ),
  slow: true,
  cooldown: (config) => config.askCooldownSeconds,
  execute: (ctx) =>
    askInChannel(
      ctx,
      ctx.options.string('question', true),
      ctx.options.string('article'),
      dateRangeOf(ctx.options.string('since'), ctx.options.string('until'), ctx.services.now()),
    ),
  autocomplete: (ctx, focused) =>
    ctx.services.library.find(focused.value, 25, viewerOf(ctx)).map((a) => ({ name: `${a.title}`.slice(0, 100), value: a.id })),
  button: {
    ids: askIds,
    run: (ctx, press) => (press.action === 'vote' ? recordVote(ctx, press.entryId, press.vote) : moreQuotes(ctx, press.entryId)),
  },
});
