import { plain } from './sanitize';

/** Discord's limit on a channel's (and so a thread's) name. */
export const THREAD_NAME_MAX = 100;

/**
 * A thread's name from an article's title: one line (Discord refuses line
 * breaks), no control characters, at most 100 characters cut at a word, and
 * never empty. Names are shown as plain text, so no markdown is escaped; a
 * mention in one is broken anyway, as everywhere the bot writes.
 */
export function threadName(title: string): string {
  const line = title
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/@(everyone|here)/gi, '@\u200b$1')
    .replace(/<(@[!&]?|#)/g, '<\u200b$1');
  return plain(line, THREAD_NAME_MAX).trim() || 'New article';
}
