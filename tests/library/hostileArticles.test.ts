import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Article } from '../../src/library/article';
import { SentenceIndex } from '../../src/search/sentenceIndex';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { Library } from '../../src/library/library';
import { loadArticles } from '../../src/library/loadArticles';
import { watchArticles } from '../../src/library/watchArticles';
import { createLogger, silentLogger } from '../../src/log';

const dir = () => mkdtempSync(join(tmpdir(), 'pd-hostile-'));
const good = (n: number) => `Article number ${n} says the council approved the budget after a long debate.`;

describe('hostile article files', () => {
  it('skips a 20 MB file by its size without reading it, and loads the rest', async () => {
    const folder = dir();
    writeFileSync(join(folder, 'huge.txt'), Buffer.alloc(20_000_000, 'a'));
    writeFileSync(join(folder, 'fine.txt'), good(1));
    const lines: string[] = [];
    const { articles, skipped } = await loadArticles(
      folder,
      5_000_000,
      createLogger('info', (l) => lines.push(l)),
    );
    expect(articles.map((a) => a.id)).toEqual(['fine']);
    expect(skipped[0]!.reason).toMatch(/20 MB, over the 5 MB limit/);
  });

  it.each([
    ['a url that is not http', '---\nurl: javascript:alert(1)\n---\n', /not an http/],
    ['a title of 10,000 characters', `---\ntitle: ${'t'.repeat(10_000)}\n---\n`, /at most 300/],
    ['tags that are a number', '---\ntags: 42\n---\n', /tags/],
  ])('refuses front matter with %s', async (_name, front, reason) => {
    const folder = dir();
    writeFileSync(join(folder, 'liar.md'), `${front}${good(2)}`);
    const { skipped } = await loadArticles(folder, 5_000_000, silentLogger);
    expect(skipped[0]?.reason).toMatch(reason);
  });

  it.each([
    ['a date from the future', '2999-01-01'],
    ['a date before newspapers', '1066-10-14'],
  ])('loads an article with %s without its date: citing it would mislead', async (_name, date) => {
    const folder = dir();
    writeFileSync(join(folder, 'liar.md'), `---\ndate: ${date}\n---\n${good(2)}`);
    const { articles, skipped } = await loadArticles(folder, 5_000_000, silentLogger);
    expect(skipped).toEqual([]);
    expect(articles[0]!.date).toBeNull();
  });

  it('indexes thousands of files dropped at once, and never keeps a file deleted right after it was written', async () => {
    const folder = dir();
    const library = new Library(new SentenceIndex<Article>());
    const watcher = await watchArticles(
      folder,
      5_000_000,
      { added: async (a) => library.add(a), removed: async (id) => void library.remove(id), originOf: (id) => library.get(id)?.origin },
      silentLogger,
      100,
    );
    try {
      for (let i = 0; i < 1500; i++) writeFileSync(join(folder, `bulk-${i}.txt`), good(i));
      writeFileSync(join(folder, 'ghost.txt'), good(99_999));
      rmSync(join(folder, 'ghost.txt'));
      await vi.waitFor(() => expect(library.indexFor(null).articleCount).toBe(1500), { timeout: 30_000, interval: 200 });
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(library.get('ghost')).toBeUndefined();
      expect(library.indexFor(null).articleCount).toBe(1500);
    } finally {
      await watcher.close();
    }
  });
});
