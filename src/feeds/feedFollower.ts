import { mkdir } from 'node:fs/promises';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { JsonStore } from '../store/jsonStore';
import { info } from './feedRegistry';
import { FeedService, type AddedBy, type FeedArticle, type FeedInfo, type FeedOptions } from './feedService';
import { isFeedsFile, type FeedsFile } from './state';

/** What a follower asks of the process that owns the feeds (over the sharding manager's IPC). */
export interface FeedForward {
  add(
    url: string,
    addedBy: AddedBy,
    owner: string | null,
    options: { backfill?: boolean },
  ): Promise<{ feed: FeedInfo; itemsSeen: number; imported: FeedArticle[] }>;
  remove(ref: string, owner: string | null): Promise<boolean>;
}

/**
 * The feeds as seen by a process that shares the data folder with the one
 * that polls them (SHARD_PROCESSES): it never writes feeds.json. `/feed add`
 * and `remove` are run by the poller (`forward`); `list` reads feeds.json as
 * the poller last wrote it (whole, by rename), so it is never behind a change
 * the poller acknowledged. Fetching a single document (`/article add url:`)
 * and removing a server's own article file stay local.
 */
export class FeedFollower extends FeedService {
  private cached: { mtimeMs: number; size: number; data: FeedsFile } | null = null;

  private constructor(
    options: FeedOptions,
    dir: string,
    private readonly forward: FeedForward,
    private readonly stateFile: string,
  ) {
    // The store is the poller's: this class overrides every method that would touch it.
    super(null as unknown as JsonStore<FeedsFile>, options, dir);
  }

  static async follow(options: FeedOptions, forward: FeedForward): Promise<FeedFollower> {
    const dir = join(options.dataDir, 'feed-articles');
    await mkdir(dir, { recursive: true });
    return new FeedFollower(options, dir, forward, join(options.dataDir, 'feeds.json'));
  }

  override add(url: string, addedBy: AddedBy, owner: string | null, options: { backfill?: boolean } = {}): ReturnType<FeedService['add']> {
    return this.forward.add(url, addedBy, owner, options);
  }

  override remove(ref: string, owner: string | null): Promise<boolean> {
    return this.forward.remove(ref, owner);
  }

  override list(owner: string | null): FeedInfo[] {
    return this.state()
      .feeds.filter((feed) => feed.owner === owner)
      .map(info);
  }

  /** Polling is the poller's. */
  override pollDue(): Promise<FeedArticle[]> {
    return Promise.resolve([]);
  }

  override start(): void {}

  override async stop(): Promise<void> {}

  /** feeds.json as on disk, read again only when it changed; a missing or unreadable file (the poller moves a broken one aside) reads as no feeds. */
  private state(): FeedsFile {
    let now: { mtimeMs: number; size: number };
    try {
      now = statSync(this.stateFile);
    } catch {
      return { version: 1, feeds: [] };
    }
    if (this.cached?.mtimeMs === now.mtimeMs && this.cached.size === now.size) return this.cached.data;
    try {
      const data: unknown = JSON.parse(readFileSync(this.stateFile, 'utf8'));
      if (!isFeedsFile(data)) return { version: 1, feeds: [] };
      this.cached = { mtimeMs: now.mtimeMs, size: now.size, data };
      return data;
    } catch {
      return { version: 1, feeds: [] };
    }
  }
}
