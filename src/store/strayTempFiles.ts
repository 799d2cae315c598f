import { readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../log';

/** The folders of DATA_DIR where the bot writes through a temporary file. */
const FOLDERS = ['', 'history', 'alerts', 'feed-articles'];

/**
 * Removes the temporary files that a crash or a failed write left behind
 * (steno's `.<name>.tmp`, the snapshot's and feed articles' `….tmp`). Called
 * at start, once this process holds the data folder's lock, so no write of
 * another process can be in the middle of one. Only files go: anything else
 * under such a name is not ours to remove.
 */
export async function removeStrayTempFiles(dataDir: string, log: Logger): Promise<number> {
  const removed: string[] = [];
  for (const folder of FOLDERS) {
    const dir = join(dataDir, folder);
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      if (!entry.isFile() || !entry.name.endsWith('.tmp')) continue;
      await unlink(join(dir, entry.name)).then(
        () => removed.push(join(folder, entry.name)),
        (error: NodeJS.ErrnoException) =>
          log.warn('temp_file_not_removed', { file: join(dir, entry.name), reason: error.code ?? error.message }),
      );
    }
  }
  if (removed.length > 0) log.info('temp_files_removed', { dir: dataDir, files: removed });
  return removed.length;
}
