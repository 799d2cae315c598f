import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../log';
import { GuildFiles } from '../store/guildFiles';
import { JsonStore } from '../store/jsonStore';
import type { AlertFile } from './types';

function isAlertFile(data: unknown): data is AlertFile {
  const file = data as Partial<AlertFile> | null;
  return (
    typeof file === 'object' &&
    file !== null &&
    file.version === 1 &&
    Array.isArray(file.subscriptions) &&
    Array.isArray(file.deliveries) &&
    file.subscriptions.every((s) => typeof s?.id === 'string' && typeof s.topic === 'string' && typeof s.channelId === 'string') &&
    file.deliveries.every((d) => typeof d?.key === 'string' && typeof d.status === 'string') &&
    (file.digests === undefined ||
      (Array.isArray(file.digests) && file.digests.every((d) => typeof d?.key === 'string' && Array.isArray(d.pages))))
  );
}

export interface ProcessedFile {
  version: 1;
  ids: string[];
}

function isProcessedFile(data: unknown): data is ProcessedFile {
  const file = data as Partial<ProcessedFile> | null;
  return (
    typeof file === 'object' &&
    file !== null &&
    file.version === 1 &&
    Array.isArray(file.ids) &&
    file.ids.every((id) => typeof id === 'string')
  );
}

/**
 * The draft for a change (JsonStore.update): each subscription, delivery and scheduled digest
 * copied, one level deep. Changes set a row's fields or replace the lists;
 * a nested value (a delivery's quotes, a pause) is replaced, never edited in
 * place. A deep copy of a 5 MB alerts file costs about four times its write
 * (250 ms against 60); this, under 5 ms.
 */
export const copyRows = (data: AlertFile): AlertFile => ({
  ...data,
  subscriptions: data.subscriptions.map((s) => ({ ...s })),
  deliveries: data.deliveries.map((d) => ({ ...d })),
  ...(data.digests ? { digests: data.digests.map((d) => ({ ...d })) } : {}),
});

/**
 * What one of several processes on a data folder owns (SHARD_PROCESSES):
 * the guilds on its shards, and its own record of matched articles. Each
 * file then has one writer.
 */
export interface StoreShare {
  /** Whether this process owns the guild's file (null: the DMs' file). */
  ownsGuild(guildId: string | null): boolean;
  /** Names this process's record of matched articles: alerts/processed-<name>.json. */
  name: string;
}

/** Subscriptions and their deliveries, one lowdb file per guild (as history, see GuildFiles), in DATA_DIR/alerts/. */
export class AlertStore {
  private readonly files: GuildFiles<AlertFile>;

  constructor(
    private readonly dir: string,
    private readonly log: Logger,
    private readonly share?: StoreShare,
  ) {
    this.files = new GuildFiles(
      dir,
      { folder: 'alerts', empty: () => ({ version: 1, subscriptions: [], deliveries: [] }), isValid: isAlertFile, copy: copyRows },
      log,
    );
  }

  file(guildId: string | null): Promise<JsonStore<AlertFile>> {
    return this.files.file(guildId);
  }

  /** Every guild file on disk (of this process's guilds, when it shares the folder), opened: subscriptions must all be known to match new articles. */
  async openAll(): Promise<JsonStore<AlertFile>[]> {
    const guilds = await this.files.guildsOnDisk();
    return Promise.all(guilds.filter((guildId) => !this.share || this.share.ownsGuild(guildId)).map((guildId) => this.files.file(guildId)));
  }

  private processedFile: Promise<JsonStore<ProcessedFile>> | undefined;
  private processedExisted = true;

  /**
   * The ids of articles already matched against the topics. An article the
   * bot has not matched yet (one that landed while it was down, or whose
   * matching a crash interrupted) is matched at start; the delivery keys make
   * a second match harmless.
   */
  processed(): Promise<JsonStore<ProcessedFile>> {
    this.processedFile ??= (async () => {
      const file = join(this.dir, 'alerts', this.share ? `processed-${this.share.name}.json` : 'processed.json');
      this.processedExisted = await access(file).then(
        () => true,
        () => false,
      );
      // A process's own record starts from the single-process one, so switching to several processes neither floods nor forgets.
      const legacy = this.share && !this.processedExisted ? await readLegacyProcessed(join(this.dir, 'alerts', 'processed.json')) : null;
      if (legacy) this.processedExisted = true;
      return JsonStore.open(
        file,
        () => ({ version: 1 as const, ids: [...(legacy ?? [])] }),
        isProcessedFile,
        this.log,
        (data) => ({ ...data, ids: [...data.ids] }),
      );
    })();
    return this.processedFile;
  }

  /** False on the very first start, when there is no record of what was matched. */
  get hadProcessedRecord(): boolean {
    return this.processedExisted;
  }

  async flush(): Promise<void> {
    await Promise.all([
      this.files.flush(),
      this.processedFile?.then(
        (store) => store.flush(),
        () => undefined,
      ),
    ]);
  }
}

/** The ids in the single-process processed.json, read only (it is never written while processes share the folder). */
async function readLegacyProcessed(file: string): Promise<string[] | null> {
  try {
    const data: unknown = JSON.parse(await readFile(file, 'utf8'));
    return isProcessedFile(data) ? data.ids : null;
  } catch {
    return null;
  }
}
