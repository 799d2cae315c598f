import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { articleIdFromFileName, MAX_ARTICLE_ID } from '../../src/library/article';
import { loadArticles } from '../../src/library/loadArticles';
import { ServerArticles } from '../../src/library/serverArticles';
import { silentLogger } from '../../src/log';

const long = (ending: string) => `${'Council budget hearing transcript, part one of the second session '.repeat(2)}${ending}.md`;

describe('article ids', () => {
  it('keeps the ids it always gave to names that fit', () => {
    expect(articleIdFromFileName('000_02b1b7e6bf94f65a.txt')).toBe('000_02b1b7e6bf94f65a');
    expect(articleIdFromFileName('Blinken Meets Hayashi!.md')).toBe('blinken-meets-hayashi');
    expect(articleIdFromFileName('!!!.md')).toBe('article');
    const fits = `${'a'.repeat(MAX_ARTICLE_ID)}.md`;
    expect(articleIdFromFileName(fits)).toBe('a'.repeat(MAX_ARTICLE_ID));
  });

  it('cuts a longer id to the limit, ending in a hash of the whole, the same for the same name and apart for names that differ at the end', () => {
    const id = articleIdFromFileName(long('A'));
    expect(long('A').length).toBeGreaterThan(120);
    expect(id.length).toBeLessThanOrEqual(MAX_ARTICLE_ID);
    expect(id).toMatch(/^council-budget-hearing-transcript-part-one-of-the-second-session-[a-z0-9-]*-[0-9a-f]{8}$/);
    expect(articleIdFromFileName(long('A'))).toBe(id);
    // One id per normalised name, as for short names ("A" and "a" read alike)…
    expect(articleIdFromFileName(long('a'))).toBe(id);
    // …and names that differ only past the cut are still apart.
    expect(articleIdFromFileName(long('B'))).not.toBe(id);
    // The id read back as a file name (how a server's article is saved) is itself.
    expect(articleIdFromFileName(`${id}.md`)).toBe(id);
  });

  it('a server article saved under a long name loads at start with the id it was added under', async () => {
    const articles = new ServerArticles(mkdtempSync(join(tmpdir(), 'pd-ids-')));
    const bytes = Buffer.from('The council approved the budget on Monday after a long debate.\n');
    const added = articles.parse(long('A'), bytes, 'console');
    await articles.save('console', long('A'), bytes);
    const [folder] = await articles.folders();
    const loaded = await loadArticles(folder!.dir, 10_000, silentLogger);
    expect(loaded.articles.map((article) => article.id)).toEqual([added.id]);
    expect(added.id.length).toBeLessThanOrEqual(MAX_ARTICLE_ID);
  });
});
