import { randomBytes } from 'node:crypto';
import type { Dirent } from 'node:fs';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
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

  /** Saves the file (atomically: a dot-file first, which the loader ignores, then a rename), replacing one of the same id. */
  async save(owner: string, fileName: string, bytes: Uint8Array): Promise<void> {
    const folder = join(this.dir, owner);
    await mkdir(folder, { recursive: true });
    const id = articleIdFromFileName(fileName);
    await this.remove(owner, id);
    const temporary = join(folder, `.${id}.${randomBytes(4).toString('hex')}.tmp`);
    try {
      await writeFile(temporary, bytes);
      await rename(temporary, this.fileOf(owner, fileName));
    } catch (error) {
      await rm(temporary, { force: true }).catch(() => undefined);
      throw error;
    }
  }

  /** Deletes the owner's file(s) for an article id; true when there was one. */
  async remove(owner: string, articleId: string): Promise<boolean> {
    let names: string[];
    try {
      names = await readdir(join(this.dir, owner));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
    const mine = names.filter((name) => isArticleFile(name) && articleIdFromFileName(name) === articleId);
    for (const name of mine) await rm(join(this.dir, owner, name), { force: true });
    return mine.length > 0;
  }
}
