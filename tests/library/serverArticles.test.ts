import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { ServerArticles } from '../../src/library/serverArticles';

// A disk that fills up (or a process killed) at the named step of the next save; the files are real, in a temp folder.
const fault = vi.hoisted(() => ({ at: null as 'writeFile' | 'rename' | null }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  const failing =
    <A extends unknown[], R>(step: 'writeFile' | 'rename', run: (...args: A) => Promise<R>) =>
    (...args: A): Promise<R> => {
      if (fault.at !== step) return run(...args);
      fault.at = null;
      return Promise.reject(Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' }));
    };
  return { ...real, writeFile: failing('writeFile', real.writeFile), rename: failing('rename', real.rename) };
});

const OWNER = '1000000000000000001';

function folder() {
  const articles = new ServerArticles(mkdtempSync(join(tmpdir(), 'pd-server-articles-')));
  const files = () => readdirSync(join(articles.dir, OWNER)).sort();
  const read = (name: string) => readFileSync(join(articles.dir, OWNER, name), 'utf8');
  return { articles, files, read };
}

describe('ServerArticles.save', () => {
  it.each(['writeFile', 'rename'] as const)('keeps the old file when the replacement fails at %s', async (step) => {
    const { articles, files, read } = folder();
    await articles.save(OWNER, 'Budget.md', Buffer.from('The old budget text.'));
    fault.at = step;
    await expect(articles.save(OWNER, 'Budget.md', Buffer.from('The new budget text.'))).rejects.toThrow(/ENOSPC/);
    expect(files()).toEqual(['budget.md']);
    expect(read('budget.md')).toBe('The old budget text.');
  });

  it('keeps the old file of the other extension when the replacement fails, and removes it once the new one is in place', async () => {
    const { articles, files, read } = folder();
    await articles.save(OWNER, 'Budget.md', Buffer.from('The old budget text.'));
    fault.at = 'rename';
    await expect(articles.save(OWNER, 'Budget.txt', Buffer.from('The new budget text.'))).rejects.toThrow(/ENOSPC/);
    expect(files()).toEqual(['budget.md']);
    await articles.save(OWNER, 'Budget.txt', Buffer.from('The new budget text.'));
    expect(files()).toEqual(['budget.txt']);
    expect(read('budget.txt')).toBe('The new budget text.');
  });

  it('replaces a file of the same id in place', async () => {
    const { articles, files, read } = folder();
    await articles.save(OWNER, 'Budget.md', Buffer.from('The old budget text.'));
    await articles.save(OWNER, 'budget.md', Buffer.from('The new budget text.'));
    expect(files()).toEqual(['budget.md']);
    expect(read('budget.md')).toBe('The new budget text.');
    expect(await articles.remove(OWNER, 'budget')).toBe(true);
    expect(files()).toEqual([]);
  });

  it('two replacements of one article at once leave one of them, not neither', async () => {
    const { articles, files, read } = folder();
    await articles.save(OWNER, 'Budget.md', Buffer.from('The old budget text.'));
    await Promise.all([
      articles.save(OWNER, 'Budget.md', Buffer.from('The markdown budget text.')),
      articles.save(OWNER, 'Budget.txt', Buffer.from('The plain budget text.')),
    ]);
    expect(files()).toHaveLength(1);
    expect(read(files()[0]!)).toMatch(/^The (markdown|plain) budget text\.$/);
  });
});
