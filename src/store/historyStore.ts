import { randomBytes } from 'node:crypto';
import type { Logger } from '../log';
import { GuildFiles } from './guildFiles';
import type { JsonStore } from './jsonStore';

/** A quote is kept as a pointer into its article, not a copy of the text. */
export interface QuoteRef {
  articleId: string;
  start: number;
  end: number;
}

/** A reader's verdict on one answer: the 👍 and 👎 buttons under every /ask reply. */
export type Vote = 'helpful' | 'not-helpful';

export interface HistoryEntry {
  id: string;
  userId: string;
  /** ISO time. */
  at: string;
  question: string;
  answered: boolean;
  /** The kind of reply given; absent in entries recorded before tiers existed. */
  /** The answer's Tier (src/answer/types.ts), as recorded: the store sits below the answer code and names it itself. */
  tier?: 'answer' | 'uncertain' | 'none';
  quotes: QuoteRef[];
  /** The earlier entry this one was read with, when it was a follow-up. */
  followUpOf?: string;
  /** What was searched when it differs from the question (a follow-up read with its context). */
  searched?: string;
  /** The new subject of a follow-up that changed it ("tories"): More quotes gives only quotes that hold it. */
  subject?: string;
  /** Article the question was limited to. */
  articleId?: string;
  /** Days (YYYY-MM-DD) the articles searched were dated in, when the question gave a range (kept by More quotes and follow-ups). */
  since?: string;
  until?: string;
  /** One vote per user id; a new vote replaces the user's old one. */
  votes?: Record<string, Vote>;
}

/** An entry with the channel it was asked in, as the report reads them. */
export interface ChannelEntry {
  channelId: string;
  entry: HistoryEntry;
}

export interface HistoryFile {
  version: 1;
  channels: Record<string, HistoryEntry[]>;
}

function isHistoryFile(data: unknown): data is HistoryFile {
  if (typeof data !== 'object' || data === null) return false;
  const file = data as Partial<HistoryFile>;
  if (file.version !== 1 || typeof file.channels !== 'object' || file.channels === null) return false;
  return Object.values(file.channels).every(
    (entries) =>
      Array.isArray(entries) &&
      entries.every(
        (e) => typeof e?.id === 'string' && typeof e.question === 'string' && typeof e.at === 'string' && Array.isArray(e.quotes),
      ),
  );
}

/**
 * The draft for a change: every change below replaces a channel's array and
 * never edits an array or an entry in place, so copying the map of channels
 * is enough (a deep copy of a guild's 1 MB file on every /ask costs about
 * three times the write itself).
 */
export const copyChannels = (data: HistoryFile): HistoryFile => ({ ...data, channels: { ...data.channels } });

/** A channel (in a guild, or a DM when guildId is null): what a history and a set of alert topics belong to. */
export interface Scope {
  guildId: string | null;
  channelId: string;
}

export interface Retention {
  maxEntries: number;
  maxAgeDays: number | null;
}

/**
 * Per-channel history, one lowdb file per guild (and one for all DMs, see
 * GuildFiles), in DATA_DIR/history/.
 */
export class HistoryStore {
  private readonly files: GuildFiles<HistoryFile>;

  constructor(
    dir: string,
    private readonly retention: Retention,
    log: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.files = new GuildFiles(
      dir,
      { folder: 'history', empty: () => ({ version: 1, channels: {} }), isValid: isHistoryFile, copy: copyChannels },
      log,
    );
  }

  private fileFor(guildId: string | null): Promise<JsonStore<HistoryFile>> {
    return this.files.file(guildId);
  }

  private prune(entries: HistoryEntry[]): HistoryEntry[] {
    let kept = entries;
    if (this.retention.maxAgeDays !== null) {
      const oldest = this.now().getTime() - this.retention.maxAgeDays * 86_400_000;
      kept = kept.filter((entry) => Date.parse(entry.at) >= oldest);
    }
    return kept.length > this.retention.maxEntries ? kept.slice(kept.length - this.retention.maxEntries) : kept;
  }

  /** Records a question and its answer; resolves once it is on disk. */
  async record(scope: Scope, entry: Omit<HistoryEntry, 'id' | 'at'>): Promise<HistoryEntry> {
    const store = await this.fileFor(scope.guildId);
    const full: HistoryEntry = { id: randomBytes(6).toString('base64url'), at: this.now().toISOString(), ...entry };
    await store.update((data) => {
      data.channels[scope.channelId] = this.prune([...(data.channels[scope.channelId] ?? []), full]);
    });
    return full;
  }

  /** The channel's entries, newest first, after retention. */
  async recent(scope: Scope, count = Number.POSITIVE_INFINITY): Promise<HistoryEntry[]> {
    const store = await this.fileFor(scope.guildId);
    return this.prune(store.data.channels[scope.channelId] ?? [])
      .slice(-count)
      .reverse();
  }

  async get(scope: Scope, entryId: string): Promise<HistoryEntry | undefined> {
    const store = await this.fileFor(scope.guildId);
    return store.data.channels[scope.channelId]?.find((entry) => entry.id === entryId);
  }

  /**
   * Records a user's vote on an entry, replacing their earlier one; resolves
   * once it is on disk with the vote it replaced, or null when the entry is
   * gone. The entry is replaced, not edited, so the shallow draft stays safe.
   */
  async vote(scope: Scope, entryId: string, userId: string, vote: Vote): Promise<{ previous: Vote | undefined } | null> {
    const store = await this.fileFor(scope.guildId);
    return store.update((data) => {
      const entries = data.channels[scope.channelId];
      const index = entries?.findIndex((entry) => entry.id === entryId) ?? -1;
      if (!entries || index < 0) return null;
      const entry = entries[index]!;
      // A hand-edited file may hold anything here; votes start again rather than spread a string.
      const votes = typeof entry.votes === 'object' && entry.votes !== null && !Array.isArray(entry.votes) ? entry.votes : {};
      const previous = Object.hasOwn(votes, userId) ? votes[userId] : undefined;
      if (previous === vote) return { previous };
      const updated = [...entries];
      updated[index] = { ...entry, votes: { ...votes, [userId]: vote } };
      data.channels[scope.channelId] = updated;
      return { previous };
    });
  }

  /** Every entry of a guild (or of the DMs) asked since `since`, after retention, oldest first across channels. */
  async entriesSince(guildId: string | null, since: Date): Promise<ChannelEntry[]> {
    const store = await this.fileFor(guildId);
    const from = since.getTime();
    const out: ChannelEntry[] = [];
    for (const [channelId, entries] of Object.entries(store.data.channels)) {
      for (const entry of this.prune(entries)) if (Date.parse(entry.at) >= from) out.push({ channelId, entry });
    }
    // ISO times of one format sort as text.
    return out.sort((a, b) => (a.entry.at < b.entry.at ? -1 : a.entry.at > b.entry.at ? 1 : 0));
  }

  /** Empties one channel's history; returns how many entries went. */
  async clear(scope: Scope): Promise<number> {
    const store = await this.fileFor(scope.guildId);
    return store.update((data) => {
      const count = data.channels[scope.channelId]?.length ?? 0;
      delete data.channels[scope.channelId];
      return count;
    });
  }

  /** Removes every entry of one user in a guild (or in DMs); returns how many went. */
  async forget(guildId: string | null, userId: string): Promise<number> {
    return (await this.forgetUser(guildId, userId)).questions;
  }

  /**
   * Removes every entry of one user in a guild (or in DMs), and their votes
   * on other people's entries, in one write; returns how many of each went.
   */
  async forgetUser(guildId: string | null, userId: string): Promise<{ questions: number; votes: number }> {
    const store = await this.fileFor(guildId);
    return store.update((data) => {
      let questions = 0;
      let votes = 0;
      for (const [channelId, entries] of Object.entries(data.channels)) {
        const kept: HistoryEntry[] = [];
        for (const entry of entries) {
          if (entry.userId === userId) {
            questions++;
            continue;
          }
          if (entry.votes && Object.hasOwn(entry.votes, userId)) {
            // A new entry object: the draft shares entries with the data on disk.
            const { [userId]: _removed, ...others } = entry.votes;
            votes++;
            kept.push({ ...entry, votes: others });
          } else kept.push(entry);
        }
        data.channels[channelId] = kept;
      }
      return { questions, votes };
    });
  }

  /** Waits for every write in flight: called before the process exits. */
  flush(): Promise<void> {
    return this.files.flush();
  }
}
