import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScript } from '../helpers/runScript';

describe('/article add in the console', () => {
  it('takes file: as the path of a local file, and says what is wrong with a missing or non-text one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pd-console-add-'));
    writeFileSync(
      join(dir, 'e-germany.md'),
      '---\ntitle: East German towns vote on mergers\ndate: 2005-03-01\n---\nVoters in Saxony approved the merger of four towns on Sunday.\n',
    );
    writeFileSync(join(dir, 'notes.pdf'), '%PDF-1.4');
    writeFileSync(
      join(dir, 'undated.md'),
      '---\ntitle: Saxony towns count the votes\ndate: None\n---\nCounting in the four Saxony towns ended on Monday.\n',
    );
    writeFileSync(join(dir, 'page.txt'), '\n<!DOCTYPE html><html><body><p>Voters in Saxony approved it.</p></body></html>\n');
    const input = [
      `/article add file:${join(dir, 'e-germany.md')}`,
      '/article read id:e-germany',
      'Which towns did voters in Saxony approve merging?',
      `/article add file:${join(dir, 'missing.md')}`,
      `/article add file:${join(dir, 'notes.pdf')}`,
      `/article add file:${join(dir, 'e-germany.md')} url:https://example.org/a.md`,
      `/article add file:${join(dir, 'undated.md')}`,
      `/article add file:${join(dir, 'page.txt')}`,
      '/article add',
      '/articles',
      '',
    ].join('\n');
    const { code, stdout } = await runScript('src/main.ts', [], { input, env: { DATA_DIR: join(dir, 'data') } });
    expect(code).toBe(0);
    const replies = stdout
      .trim()
      .split('\n\n')
      .map((reply) => reply.replace(/\s+/g, ' '));
    expect(replies[0]).toContain('Added: East German towns vote on mergers');
    expect(replies[1]).toContain('Date: 2005-03-01');
    expect(replies[2]).toContain('Voters in Saxony approved the merger of four towns on Sunday.');
    expect(replies[3]).toContain(`There is no file at ${join(dir, 'missing.md')}`);
    expect(replies[4]).toContain('Only .md and .txt files can be added (this one is “notes.pdf”)');
    expect(replies[5]).toContain('Give either file: (the path of a .md or .txt file) or url: (its address), not both.');
    // A date it cannot read does not cost the article; the one who added it is told.
    expect(replies[6]).toContain('Added: Saxony towns count the votes');
    expect(replies[6]).toContain('Note, line 3: "date" is not a date: None');
    expect(replies[6]).toContain('the article is loaded without a date');
    expect(replies[7]).toContain('That file is a web page (HTML), not a text file. Give the path of a .md or .txt file.');
    expect(replies[8]).toContain('Give the article to add: file: (the path of a .md or .txt file) or url: (the address of one).');
    expect(replies[9]).not.toContain('page');
  });
});
