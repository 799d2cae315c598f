import { randomBytes } from 'node:crypto';
import type { Dirent } from 'node:fs';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import type { Article } from './article';
import { articleIdFromFileName } from './article';
import { articleFromFileText, decodeArticle, isArticleFile, type Warn } from './readArticleFile';

/** Folder names under server-articles/: a guild id or "console" (what viewerOf gives). */
const isOwnerFolder = (name: string) => name === 'console' || /^\d{1,20}$/.test(name);

/**
 * Articles a server added with /article add, kept as files in
 * `<dataDir>/server-articles/<guild id or console>/`, so they load at start
 * like the articles folder, and are seen by that server only.
 */
export class ServerArticles {
  readonly dir: string;
  /** Each owner's saves and removals, one after another: two at once could each remove the file the other just wrote. */
  private readonly turns = new Map<string, Promise<unknown>>();

  constructor(dataDir: string) {
    this.dir = join(dataDir, 'server-articles');
  }

  /** The owners' folders, for the library to load at start. */
  async folders(): Promise<{ owner: string; dir: string }[]> {
    let entries: Dirent[];
    try {
      entries = await readdir(this.dir, { withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    return entries
      .filter((entry) => entry.isDirectory() && isOwnerFolder(entry.name))
      .map((entry) => ({ owner: entry.name, dir: join(this.dir, entry.name) }));
  }

  /**
   * Reads a .md or .txt file's bytes as an article (front matter and all;
   * a BadArticleError says why it is not one) without saving it; `warn`
   * hears what was wrong but did not stop it loading.
   */
  parse(fileName: string, bytes: Uint8Array, owner: string, warn?: Warn): Article {
    return articleFromFileText(fileName, decodeArticle(bytes), this.fileOf(owner, fileName), warn);
  }

  private fileOf(owner: string, fileName: string): string {
    return join(this.dir, owner, `${articleIdFromFileName(fileName)}${extname(fileName).toLowerCase()}`);
  }

  /**
   * Saves the file, replacing one of the same id: written to a dot-file
   * (which the loader ignores), renamed over the target, and only then is a
   * file of the other extension removed, so a crash or a full disk at any
   * point leaves the old article or the new one on disk, never neither.
   */
  save(owner: string, fileName: string, bytes: Uint8Array): Promise<void> {
    return this.inTurn(owner, () => this.write(owner, fileName, bytes));
  }

  /** Deletes the owner's file(s) for an article id; true when there was one. */
  remove(owner: string, articleId: string): Promise<boolean> {
    return this.inTurn(owner, () => this.removeFiles(owner, articleId));
  }

  private inTurn<T>(owner: string, work: () => Promise<T>): Promise<T> {
    const previous = this.turns.get(owner) ?? Promise.resolve();
    const turn = previous.then(work, work);
    const settled = turn.catch(() => undefined);
    this.turns.set(owner, settled);
    // The chain ends with the last turn, so an owner no longer saving keeps no entry.
    void settled.then(() => {
      if (this.turns.get(owner) === settled) this.turns.delete(owner);
    });
    return turn;
  }

  private async write(owner: string, fileName: string, bytes: Uint8Array): Promise<void> {
    const folder = join(this.dir, owner);
    await mkdir(folder, { recursive: true });
    const id = articleIdFromFileName(fileName);
    const target = this.fileOf(owner, fileName);
    const temporary = join(folder, `.${id}.${randomBytes(4).toString('hex')}.tmp`);
    try {
      await writeFile(temporary, bytes);
      await rename(temporary, target);
    } catch (error) {
      await rm(temporary, { force: true }).catch(() => undefined);
      throw error;
    }
    await this.removeFiles(owner, id, basename(target));
  }

  /** The owner's file(s) for an article id, but the one named `keep`. */
  private async removeFiles(owner: string, articleId: string, keep?: string): Promise<boolean> {
    let names: string[];
    try {
      names = await readdir(join(this.dir, owner));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
    const mine = names.filter((name) => name !== keep && isArticleFile(name) && articleIdFromFileName(name) === articleId);
    for (const name of mine) await rm(join(this.dir, owner, name), { force: true });
    return mine.length > 0;
  }
}
