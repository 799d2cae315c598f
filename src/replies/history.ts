import { citation, page, pageFooter } from './format';
import { tierOf, tierWording } from './tier';
import type { ButtonView, Reply } from '../reply';
import { notice } from '../reply';
import type { HistoryEntry } from '../store/historyStore';
import type { Citation } from '../answer/types';
import { pageButtons } from './articles';

/**
 * /history show: newest first, each with its top quote's citation.
 * `articleOf` finds a quoted article (gone: undefined); `pageId` gives a page's button id.
 */
export function historyReply(
  entries: HistoryEntry[],
  perPage: number,
  pageNumber: number,
  articleOf: (id: string) => Citation | undefined,
  pageId: (page: number) => string,
): Reply {
  if (entries.length === 0) return notice('info', 'No questions have been asked in this channel yet (or its history was cleared).', true);
  const shown = page(entries, pageNumber, perPage);
  const items = shown.items.map((entry) => {
    const top = entry.quotes[0];
    const article = top ? articleOf(top.articleId) : undefined;
    const tier = tierOf(entry);
    const cited = article ? citation(article) : `${top?.articleId ?? '?'} (no longer in the library)`;
    const source = tier === 'none' || !top ? tierWording.none.history : `${tierWording[tier].history}${cited}`;
    return { at: entry.at, text: `“${entry.question}” → ${source}${entry.followUpOf ? ' (follow-up)' : ''}` };
  });
  return {
    tone: 'info',
    title: `History of this channel (${entries.length})`,
    items,
    footer: pageFooter(shown),
    buttons: pageButtons(shown, pageId, 'Newer', 'Older'),
    replace: true,
  };
}

/** The question /history clear asks before clearing; the buttons are the command's. */
export function confirmClearReply(buttons: { confirm: string; cancel: string }): Reply {
  const view: ButtonView[] = [
    { id: buttons.confirm, label: 'Yes, clear it' },
    { id: buttons.cancel, label: 'Cancel' },
  ];
  return {
    tone: 'warning',
    title: 'Clear this channel’s history?',
    text: ['Every recorded question and answer in this channel will be deleted. This cannot be undone.'],
    buttons: view,
    ephemeral: true,
  };
}

export function clearedReply(removed: number): Reply {
  return { ...notice('info', `Cleared ${removed} entr${removed === 1 ? 'y' : 'ies'} from this channel’s history.`, true), replace: true };
}

/** `where` is the history the command ran in: a server's, a direct-message conversation's, or the console's. */
export function forgottenReply({ questions, votes }: { questions: number; votes: number }, where: 'server' | 'dm' | 'console'): Reply {
  const history = { server: 'this server’s', dm: 'your direct-message', console: 'the console’s' }[where];
  const removedVotes = votes ? ` and ${votes} of your votes on other answers` : '';
  if (!questions && !votes) return notice('info', 'There were no questions or votes of yours in the history here.', true);
  return notice('info', `Removed ${questions} of your questions${removedVotes} from ${history} history.`, true);
}
