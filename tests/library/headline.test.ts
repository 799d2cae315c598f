import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { articleFromFileText } from '../../src/library/readArticleFile';
import { SEEDS_DIR } from '../helpers/seed';

const quotes = (fileName: string, content: string) => {
  const article = articleFromFileText(fileName, content, 'test');
  return { title: article.title, sentences: article.sentences.map((s) => article.text.slice(s.start, s.end)) };
};

describe('the headline of a .txt without front matter', () => {
  it('becomes the title and is not quoted as evidence', () => {
    for (const gap of ['\n', '\n\n', '\r\n\r\n']) {
      const { title, sentences } = quotes(
        'harbour.txt',
        `\n  Council passes the harbour budget${gap}The council approved the harbour budget on Monday. Critics said the tram was forgotten again.`,
      );
      expect(title).toBe('Council passes the harbour budget');
      expect(sentences).toEqual(['The council approved the harbour budget on Monday.', 'Critics said the tram was forgotten again.']);
    }
  });

  it('leaves alone a first line that is a sentence, a dateline, a paragraph, or a .md file', () => {
    expect(quotes('a.txt', 'The council met on Monday.\nIt argued for hours.').sentences[0]).toBe('The council met on Monday.');
    expect(quotes('b.txt', 'LIVERPOOL, England –\nThe ministers met on Saturday.').title).not.toBe('LIVERPOOL, England –');
    expect(quotes('c.md', 'Council passes the harbour budget\n\nThe council approved it.').sentences).toContain(
      'Council passes the harbour budget',
    );
    expect(quotes('d.txt', 'Only one line here').sentences).toEqual(['Only one line here']);
  });

  it('leaves the shipped article as it was: its first line is a paragraph', () => {
    const file = '000_02b1b7e6bf94f65a.txt';
    const { title, sentences } = quotes(file, readFileSync(join(SEEDS_DIR, file), 'utf8'));
    expect(title).toMatch(/^Foreign Minister Yoshimasa Hayashi and his US counterpart/);
    expect(sentences[0]).toMatch(/^LIVERPOOL, England – Foreign Minister Yoshimasa Hayashi/);
  });
});
