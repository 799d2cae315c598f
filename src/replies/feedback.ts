import type { ButtonContext } from '../commands';
import type { ButtonView, Reply } from '../reply';
import { notice } from '../reply';
import type { Vote } from '../store/historyStore';

const VOTES: Record<string, Vote> = { up: 'helpful', down: 'not-helpful' };
const words: Record<Vote, string> = { helpful: 'helpful', 'not-helpful': 'not helpful' };

/**
 * The 👍 and 👎 buttons under an answer. The id carries the history entry's
 * id (8 characters), so a vote finds its entry after a restart; the channel
 * is the one the button is pressed in.
 */
export function voteButtons(entryId: string): ButtonView[] {
  return [
    { id: `ask:vote:${entryId}:up`, label: '👍 Helpful' },
    { id: `ask:vote:${entryId}:down`, label: '👎 Not helpful' },
  ];
}

/** A press of 👍 or 👎: one vote per user per answer, a new press replaces the old one; only the voter sees the thanks. */
export async function recordVote(ctx: ButtonContext, entryId: string, direction: string): Promise<Reply> {
  const vote = VOTES[direction];
  if (!vote || !entryId) return notice('warning', 'That button no longer works; ask again with /ask.');
  const result = await ctx.services.history.vote({ guildId: ctx.guildId, channelId: ctx.channelId }, entryId, ctx.user.id, vote);
  if (!result) return notice('warning', 'That question is no longer in this channel’s history, so your vote could not be recorded.');
  ctx.services.log.info('answer_voted', { guild: ctx.guildId ?? 'dm', channel: ctx.channelId, vote, changed: result.previous !== undefined && result.previous !== vote });
  const message =
    result.previous === vote
      ? `You had already marked this answer ${words[vote]}; your vote stays.`
      : result.previous
        ? `Changed your vote to ${words[vote]}. Thank you.`
        : `Thank you: marked ${words[vote]}. You can change your vote with the other button.`;
  return notice('info', message, true);
}
