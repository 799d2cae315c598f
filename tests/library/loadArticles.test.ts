import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadArticles } from '../../src/library/loadArticles';
import { createLogger } from '../../src/log';

function folder(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'pd-articles-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

async function load(files: Record<string, string | Buffer>, maxBytes = 10_000) {
  const lines: string[] = [];
  const result = await loadArticles(
    folder(files),
    maxBytes,
    createLogger('info', (line) => lines.push(line)),
  );
  return { ...result, lines: lines.map((l) => JSON.parse(l) as Record<string, string>) };
}

const good = 'The council approved the budget on Monday after a long debate.';

describe('loadArticles', () => {
  it('reads front matter for title, date, source, url and tags; quotes stay slices of the body', async () => {
    const { articles } = await load({
      'Budget Vote.md': `---\ntitle: Council passes budget\ndate: 2024-03-05\nsource: City Desk\nurl: https://example.org/budget\ntags: [budget, council]\n---\n${good}\n`,
    });
    const [article] = articles;
    expect(article).toMatchObject({
      id: 'budget-vote',
      title: 'Council passes budget',
      date: '2024-03-05',
      source: 'City Desk',
      url: 'https://example.org/budget',
      tags: ['budget', 'council'],
    });
    const span = article!.sentences[0]!;
    expect(article!.text.slice(span.start, span.end)).toBe(good);
  });

  it('leaves the date unknown without front matter rather than using the file time', async () => {
    const { articles } = await load({ 'plain.txt': good });
    expect(articles[0]!.date).toBeNull();
    expect(articles[0]!.title).toBe('The council approved the budget on Monday after a long debate');
  });

  it.each([
    ['empty.txt', '', 'empty'],
    ['binary.txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]), 'binary'],
    ['latin1.txt', Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0x6f, 0x6c, 0xe9]), 'UTF-8'],
    ['huge.txt', 'word '.repeat(5000), 'limit'],
    ['unclosed.md', `---\ntitle: x\n${good}`, 'never closed'],
    ['yaml.md', `---\ntitle: [unclosed\n---\n${good}`, 'not valid YAML'],
    ['only-punctuation.txt', '. . . ! ?', 'no sentences'],
  ])('skips %s with one log line saying why, and loads the rest', async (name, content, why) => {
    const { articles, skipped, lines } = await load({ [name]: content, 'fine.txt': good });
    expect(articles.map((a) => a.id)).toEqual(['fine']);
    expect(skipped).toHaveLength(1);
    expect(skipped[0]!.reason).toContain(why);
    const warnings = lines.filter((l) => l.event === 'article_skipped');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ file: name });
  });

  it.each([
    ['None', '"date" is not a date: None'],
    ['next Tuesday-ish', '"date" is not a date: next Tuesday-ish'],
    ['05/03/2024', '"date" 05/03/2024 could be read as day/month or as month/day'],
    ['2024-02-30', '"date" is not a date: 2024-02-30'],
    ['31 February 2024', '"date" is not a date: 31 February 2024'],
    ['Sat, 31 Feb 2024 10:00:00 +0000', '"date" is not a date: Sat, 31 Feb 2024 10:00:00 +0000'],
    ['10:00 31 February 2024', '"date" is not a date: 10:00 31 February 2024'],
    ['2999-01-01', '"date" is not plausible for a news article: 2999-01-01'],
  ])('loads an article whose date is %s without a date, with one warning naming the file and the value', async (date, why) => {
    const { articles, skipped, lines } = await load({
      'undated.md': `---\ntitle: Council budget\ndate: ${date}\n---\n${good}`,
      'fine.txt': good,
    });
    expect(skipped).toEqual([]);
    expect(articles.find((a) => a.id === 'undated')).toMatchObject({ title: 'Council budget', date: null });
    const warnings = lines.filter((l) => l.event === 'article_warning');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ file: 'undated.md' });
    expect(warnings[0]!.warning).toContain(`line 3: ${why}`);
    expect(warnings[0]!.warning).toMatch(/; the article is loaded without a date$/);
  });

  it('ignores files that are not .txt or .md', async () => {
    const { articles, skipped } = await load({ 'notes.json': '{}', 'a.txt': good });
    expect(articles).toHaveLength(1);
    expect(skipped).toHaveLength(0);
  });
});
