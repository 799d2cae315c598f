import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { articlesDir } from '../helpers/bot';

// A read-only mount cannot be made without root: this one is a real folder whose mkdir answers as Linux does on EROFS,
// where Node's recursive mkdir reports ENOENT and only a plain mkdir gives the file system's reason.
const readOnly = mkdtempSync(join(tmpdir(), 'pd-ro-'));
vi.mock('node:fs/promises', async (original) => {
  const fs = await original<typeof import('node:fs/promises')>();
  const refuse = (code: string) => Object.assign(new Error(code), { code });
  return {
    ...fs,
    mkdir: async (path: string, options?: { recursive?: boolean }) => {
      if (!String(path).startsWith(`${readOnly}/`)) return fs.mkdir(path, options);
      throw refuse(options?.recursive ? 'ENOENT' : 'EROFS');
    },
  };
});

describe('a DATA_DIR to be created on a read-only file system', () => {
  it('is called read-only, with the systemd hint, not "a folder above it does not exist"', async () => {
    const { checkFolders } = await import('../../src/startupFolders');
    for (const dataDir of [join(readOnly, 'newsub'), join(readOnly, 'deeper', 'newsub')]) {
      await expect(checkFolders({ articlesDir: articlesDir(), dataDir })).rejects.toThrow(
        `DATA_DIR=${dataDir}: the file system is read-only (under systemd with ProtectSystem=strict, add it to ReadWritePaths); point DATA_DIR at a folder the bot may write (it is created if missing)`,
      );
    }
  });

  it('still creates a missing folder, and the folders above it, where it can write', async () => {
    const { checkFolders } = await import('../../src/startupFolders');
    const dataDir = join(mkdtempSync(join(tmpdir(), 'pd-rw-')), 'a', 'b');
    await expect(checkFolders({ articlesDir: articlesDir(), dataDir })).resolves.toBeUndefined();
  });
});
