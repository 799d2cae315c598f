import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../log';
import { JsonStore } from './jsonStore';

/** How the files of one folder are opened: their empty content, their shape check and the draft copy for a change (JsonStore.open). */
export interface GuildFileKind<T> {
  /** The folder under DATA_DIR: `history`, `alerts`. */
  folder: string;
  empty: () => T;
  isValid: (data: unknown) => data is T;
  copy: (data: T) => T;
}

const fileName = (guildId: string | null) => (guildId ? `guild-${guildId}.json` : 'dm.json');

/**
 * One JsonStore per guild (and one for all DMs) in a folder, each opened on
 * first use and kept: a write costs what one guild holds, and a guild lives
 * on one shard, so a file never needs sharing between processes.
 */
export class GuildFiles<T> {
  private readonly files = new Map<string, Promise<JsonStore<T>>>();

  constructor(
    private readonly dir: string,
    private readonly kind: GuildFileKind<T>,
    private readonly log: Logger,
  ) {}

  file(guildId: string | null): Promise<JsonStore<T>> {
    const key = guildId ?? 'dm';
    let file = this.files.get(key);
    if (!file) {
      const { folder, empty, isValid, copy } = this.kind;
      file = JsonStore.open(join(this.dir, folder, fileName(guildId)), empty, isValid, this.log, copy);
      // A failed open (unreadable folder) is retried next time rather than cached.
      file.catch(() => this.files.delete(key));
      this.files.set(key, file);
    }
    return file;
  }

  /** The guilds with a file on disk (null: the DMs' file); none when the folder does not exist yet. */
  async guildsOnDisk(): Promise<(string | null)[]> {
    let names: string[] = [];
    try {
      names = (await readdir(join(this.dir, this.kind.folder))).filter((name) => /^(guild-\d+|dm)\.json$/.test(name));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    return names.map((name) => (name === 'dm.json' ? null : name.slice(6, -5)));
  }

  /** Waits for every write in flight to the files opened so far. */
  async flush(): Promise<void> {
    await Promise.all(
      [...this.files.values()].map((file) =>
        file.then(
          (store) => store.flush(),
          () => undefined,
        ),
      ),
    );
  }
}
