/**
 * Article ids over MAX_ARTICLE_ID characters are cut (library/article.ts), and
 * ids were not cut before: records written by an older version name such an
 * article by its whole id. Read back as the library names it now, an old
 * record still says the article was matched and which alerts it had, so an
 * upgrade neither alerts on it again nor drops its waiting alerts.
 */
import { articleIdFromFileName } from '../library/article';
import type { AlertFile, Delivery } from './types';

/** An id as the library names it now; an id that was never too long is itself. */
const currentId = (id: string) => articleIdFromFileName(id);

/** A processed.json key ("id" or "owner/id") with its id as named now. */
export function currentProcessedKey(key: string): string {
  const slash = key.lastIndexOf('/');
  return slash === -1 ? currentId(key) : `${key.slice(0, slash + 1)}${currentId(key.slice(slash + 1))}`;
}

/** A row that names its article by an old long id. */
export const namesOldId = (row: Delivery) => currentId(row.articleId) !== row.articleId;

/**
 * Renames old long ids in an alert file's rows (on the draft), their keys too,
 * so that a sent row still keeps the article from alerting its subscription
 * again, and in the pages of scheduled digests that list them. Returns whether
 * anything changed.
 */
export function renameLongIds(data: AlertFile): boolean {
  const renamed = new Map<string, string>();
  for (const row of data.deliveries) {
    if (!namesOldId(row)) continue;
    row.articleId = currentId(row.articleId);
    const key = `${row.subscriptionId}:${row.articleId}`;
    renamed.set(row.key, key);
    row.key = key;
  }
  for (const digest of data.digests ?? []) digest.pages = digest.pages.map((page) => page.map((key) => renamed.get(key) ?? key));
  return renamed.size > 0;
}
