import { mkdir, readdir, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../log';
import type { JsonStore } from '../store/jsonStore';
import { hostSlug } from './itemArticle';
import { legacyOwner } from './state';
import type { FeedsFile } from './state';

/** The folder of a feed owner's article files under feed-articles/: the guild id, "console", or "all" for every-server feeds. */
export const ownerFolder = (owner: string | null): string => owner ?? 'all';

/**
 * Feeds and article files from before feeds belonged to a server: a feed
 * goes to the guild that added it (the console when none), and an article
 * file at the top of feed-articles/ to the folder of the one owner whose
 * feeds share its host; when that is unclear, to the console's folder, so
 * no server sees an article that may not be its own.
 */
export async function migrateToOwners(store: JsonStore<FeedsFile>, dir: string, log: Logger): Promise<void> {
  if (store.data.feeds.some((feed) => feed.owner === undefined)) {
    await store.update((data) => {
      for (const feed of data.feeds) if (feed.owner === undefined) feed.owner = legacyOwner(feed);
    });
    log.info('feeds_migrated', { feeds: store.data.feeds.length, to: 'the guild that added each' });
  }
  const loose = (await readdir(dir, { withFileTypes: true })).filter(
    (entry) => entry.isFile() && entry.name.endsWith('.md') && !entry.name.startsWith('.'),
  );
  if (loose.length === 0) return;
  const ownersBySlug = new Map<string, Set<string | null>>();
  for (const feed of store.data.feeds) {
    const slug = hostSlug(feed.url);
    ownersBySlug.set(slug, (ownersBySlug.get(slug) ?? new Set()).add(feed.owner));
  }
  const moved: Record<string, number> = {};
  for (const { name } of loose) {
    const slug = /^feed-(.+)-[0-9a-f]{12}\.md$/.exec(name)?.[1];
    const owners = slug === undefined ? undefined : ownersBySlug.get(slug);
    const folder = owners?.size === 1 ? ownerFolder([...owners][0]!) : 'console';
    await mkdir(join(dir, folder), { recursive: true });
    await rename(join(dir, name), join(dir, folder, name));
    moved[folder] = (moved[folder] ?? 0) + 1;
  }
  log.warn('feed_articles_migrated', {
    moved,
    note: 'articles of unclear owner went to the console folder; move a file to feed-articles/<guild id>/ or the articles folder to share it',
  });
}
