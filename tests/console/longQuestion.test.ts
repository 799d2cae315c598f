import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_QUESTION_CHARS } from '../../src/answer/ask';
import { command } from '../../commands/ask';
import { runScript } from '../helpers/runScript';

describe('a question over the limit', () => {
  it('has one limit: the /ask option is the one ask() refuses above, and the README gives it', () => {
    const question = command.data.toJSON().options!.find((o) => o.name === 'question') as { max_length?: number };
    expect(question.max_length).toBe(MAX_QUESTION_CHARS);
    const readme = readFileSync('README.md', 'utf8');
    expect(readme).toContain(`longer than ${MAX_QUESTION_CHARS.toLocaleString('en-US')} characters get a polite message`);
  });

  it('gets a polite message in the console, naming the limit', async () => {
    const input = [`${'Taiwan policy '.repeat(150)}now`, ''].join('\n');
    const { code, stdout } = await runScript('src/main.ts', [], {
      input,
      env: { DATA_DIR: mkdtempSync(join(tmpdir(), 'pd-console-')) },
    });
    expect(code).toBe(0);
    const reply = stdout.trim().replace(/\s+/g, ' ');
    expect(reply).toContain('That question is too long for me (2,103 characters): please keep it to 1,000 characters at most.');
    expect(reply).not.toMatch(/must be at most/);
  });
});
