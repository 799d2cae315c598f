import type { ButtonContext, CommandContext, Invocation, Services } from '../commands';
import { citation, page } from './format';
import { tierOf, tierWording } from './tier';
import type { Reply } from '../reply';
import { notice } from '../reply';
import { viewerOf } from '../library/library';

type Ctx = Invocation & { services: Services };

/** /history show: newest first, each with its top quote's citation. */
export async function showHistory(ctx: Ctx, count: number, pageNumber: number): Promise<Reply> {
  const perPage = Math.min(Math.max(1, Math.floor(count) || 10), 50);
  const entries = await ctx.services.history.recent({ guildId: ctx.guildId, channelId: ctx.channelId });
  if (entries.length === 0) return notice('info', 'No questions have been asked in this channel yet (or its history was cleared).', true);
  const shown = page(entries, pageNumber, perPage);
  const items = shown.items.map((entry) => {
    const top = entry.quotes[0];
    const article = top ? ctx.services.library.get(top.articleId, viewerOf(ctx)) : undefined;
    const tier = tierOf(entry);
    const cited = article ? citation({ ...article, articleId: article.id }) : `${top?.articleId ?? '?'} (no longer in the library)`;
    const source = tier === 'none' || !top ? tierWording.none.history : `${tierWording[tier].history}${cited}`;
    return { at: entry.at, text: `“${entry.question}” → ${source}${entry.followUpOf ? ' (follow-up)' : ''}` };
  });
  const buttons = [];
  if (shown.page > 1) buttons.push({ id: `history:page:${perPage}:${shown.page - 1}`, label: 'Newer' });
  if (shown.page < shown.pages) buttons.push({ id: `history:page:${perPage}:${shown.page + 1}`, label: 'Older' });
  return { tone: 'info', title: `History of this channel (${entries.length})`, items, footer: `Page ${shown.page} of ${shown.pages}`, buttons, replace: true };
}

export function confirmClear(): Reply {
  return {
    tone: 'warning',
    title: 'Clear this channel’s history?',
    text: ['Every recorded question and answer in this channel will be deleted. This cannot be undone.'],
    buttons: [
      { id: 'history:confirm-clear', label: 'Yes, clear it' },
      { id: 'history:cancel', label: 'Cancel' },
    ],
    ephemeral: true,
  };
}

/** The confirmation buttons; the permission is checked again, since anyone can press a button they see. */
export async function clearHistory(ctx: ButtonContext, action: string): Promise<Reply> {
  if (action === 'cancel') return { ...notice('info', 'Nothing was cleared.', true), replace: true };
  if (action !== 'confirm-clear') return notice('warning', 'That button no longer works; run the command again.');
  if (!ctx.can('ManageMessages')) return notice('warning', 'You need the Manage Messages permission to do that here.');
  const removed = await ctx.services.history.clear({ guildId: ctx.guildId, channelId: ctx.channelId });
  ctx.services.log.info('history_cleared', { guild: ctx.guildId ?? 'dm', channel: ctx.channelId, by: ctx.user.id, removed });
  return { ...notice('info', `Cleared ${removed} entr${removed === 1 ? 'y' : 'ies'} from this channel’s history.`, true), replace: true };
}

export async function forgetMe(ctx: CommandContext): Promise<Reply> {
  const { questions, votes } = await ctx.services.history.forgetUser(ctx.guildId, ctx.user.id);
  const where = ctx.guildId ? 'this server’s' : 'your direct-message';
  const removedVotes = votes ? ` and ${votes} of your votes on other answers` : '';
  if (!questions && !votes) return notice('info', 'There were no questions or votes of yours in the history here.', true);
  return notice('info', `Removed ${questions} of your questions${removedVotes} from ${where} history.`, true);
}
