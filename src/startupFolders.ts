import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** The bot cannot start for a reason its operator can fix; the message is the one line shown. */
export class StartupError extends Error {}

/** A folder setting the bot cannot use. */
export class FolderError extends StartupError {}

type Setting = 'ARTICLES_DIR' | 'DATA_DIR';

const TO_DO: Record<Setting, string> = {
  ARTICLES_DIR: 'point ARTICLES_DIR at your articles',
  DATA_DIR: 'point DATA_DIR at a folder the bot may write (it is created if missing)',
};

/**
 * One line naming the setting, the path, what is wrong and what to do, from
 * the error the file system gave (its code; the message is for developers).
 */
export function folderProblem(setting: Setting, path: string, error: NodeJS.ErrnoException): string {
  const where = `${setting}=${path}`;
  switch (error.code) {
    case 'ENOENT':
      return setting === 'ARTICLES_DIR'
        ? `${where}: no such folder; create it or ${TO_DO[setting]}`
        : `${where}: a folder above it does not exist; create it or ${TO_DO[setting]}`;
    case 'ENOTDIR':
    case 'EEXIST':
      return `${where}: it (or a folder above it) is a file, not a folder; ${TO_DO[setting]}`;
    case 'EACCES':
    case 'EPERM':
      return setting === 'ARTICLES_DIR'
        ? `${where}: permission denied; let the bot's user read it, or ${TO_DO[setting]}`
        : `${where}: permission denied; let the bot's user write there (e.g. chown it to that user), or ${TO_DO[setting]}`;
    case 'EROFS':
      // Under systemd's ProtectSystem=strict every path outside ReadWritePaths reads as a read-only file system.
      return `${where}: the file system is read-only (under systemd with ProtectSystem=strict, add it to ReadWritePaths); ${TO_DO[setting]}`;
    default:
      return `${where}: cannot be used (${error.code ?? error.message}); ${TO_DO[setting]}`;
  }
}

async function checkArticles(path: string): Promise<void> {
  try {
    // readdir is what the loader does first: it fails alike on a missing folder, a file and a folder it may not read.
    await readdir(path);
  } catch (error) {
    throw new FolderError(folderProblem('ARTICLES_DIR', path, error as NodeJS.ErrnoException));
  }
}

const isFolder = (path: string) =>
  stat(path).then(
    (info) => info.isDirectory(),
    () => false,
  );

/**
 * mkdir -p, with the real reason when it fails: Node's recursive mkdir says
 * ENOENT ("a folder above it does not exist") on a read-only file system
 * whose parent does exist, where a plain mkdir says EROFS.
 */
async function createFolder(path: string): Promise<void> {
  try {
    await mkdir(path, { recursive: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    // The topmost missing folder: creating it alone gives the file system's own reason.
    let missing = path;
    while (dirname(missing) !== missing && !(await isFolder(dirname(missing)))) missing = dirname(missing);
    if (dirname(missing) === missing) throw error;
    await mkdir(missing);
    await mkdir(path, { recursive: true });
  }
}

async function checkData(path: string): Promise<void> {
  try {
    const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw error;
    });
    if (info && !info.isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
    if (!info) await createFolder(path);
    // Only a write tells: access() says yes to root on a read-only mount, and the bot writes here from its first moment (the lock).
    const probe = join(path, `.write-check-${process.pid}.tmp`);
    await writeFile(probe, '');
    await rm(probe, { force: true });
  } catch (error) {
    throw new FolderError(folderProblem('DATA_DIR', path, error as NodeJS.ErrnoException));
  }
}

/**
 * Checks, before anything else starts (Discord's login included), that the
 * articles folder can be read and the data folder written: a wrong path then
 * stops the start with one line saying which setting and what to do, rather
 * than a stack trace or a message blaming Discord.
 */
export async function checkFolders(folders: { articlesDir: string; dataDir?: string }): Promise<void> {
  await checkArticles(folders.articlesDir);
  if (folders.dataDir !== undefined) await checkData(folders.dataDir);
}
