import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { folderProblem } from '../../src/startupFolders';
import { articlesDir, TEST_TOKEN } from '../helpers/bot';
import { runScript } from '../helpers/runScript';

const aFile = () => {
  const file = join(mkdtempSync(join(tmpdir(), 'pd-start-')), 'not-a-folder');
  writeFileSync(file, 'x');
  return file;
};

// Discord mode is given an address nothing listens on: a folder problem must be named before any login is tried.
const MODES = { console: { DISCORD_TOKEN: '' }, discord: { DISCORD_TOKEN: TEST_TOKEN, DISCORD_API_URL: 'http://127.0.0.1:9/api' } };

describe('a folder setting the bot cannot use stops the start with one line naming it, in both modes', () => {
  const cases: [string, () => Record<string, string>, string][] = [
    [
      'a missing articles folder',
      () => ({ ARTICLES_DIR: '/nope', DATA_DIR: mkdtempSync(join(tmpdir(), 'pd-start-')) }),
      'Policy Desk cannot start: ARTICLES_DIR=/nope: no such folder; create it or point ARTICLES_DIR at your articles',
    ],
    [
      'a data folder that is a file',
      () => {
        const file = aFile();
        return { ARTICLES_DIR: articlesDir(), DATA_DIR: file };
      },
      'Policy Desk cannot start: DATA_DIR=FILE: it (or a folder above it) is a file, not a folder; point DATA_DIR at a folder the bot may write (it is created if missing)',
    ],
    [
      'a data folder under a file',
      () => ({ ARTICLES_DIR: articlesDir(), DATA_DIR: join(aFile(), 'data') }),
      'Policy Desk cannot start: DATA_DIR=FILE: it (or a folder above it) is a file, not a folder; point DATA_DIR at a folder the bot may write (it is created if missing)',
    ],
  ];
  // Each start is a process of several seconds on a busy machine: each case once, the modes shared out.
  const runs = cases.map((item, i) => [i === 1 ? 'console' : 'discord', ...item] as const).concat([['console', ...cases[0]!]]);
  it.each(runs)('%s: %s', { timeout: 120_000 }, async (mode, _name, folders, expected) => {
    const env: Record<string, string> = { ...folders(), ...MODES[mode as keyof typeof MODES] };
    const { code, stdout, stderr } = await runScript('src/main.ts', [], { env, input: '/quit\n', timeoutMs: 100_000 });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe(`${expected.replace('FILE', env.DATA_DIR!)}\n`);
  });
});

describe('folderProblem', () => {
  it('says what to do for the errors a file system gives', () => {
    const error = (code: string) => Object.assign(new Error(code), { code });
    expect(folderProblem('DATA_DIR', '/srv/data', error('EACCES'))).toBe(
      "DATA_DIR=/srv/data: permission denied; let the bot's user write there (e.g. chown it to that user), or point DATA_DIR at a folder the bot may write (it is created if missing)",
    );
    expect(folderProblem('ARTICLES_DIR', '/srv/articles', error('EACCES'))).toBe(
      "ARTICLES_DIR=/srv/articles: permission denied; let the bot's user read it, or point ARTICLES_DIR at your articles",
    );
    expect(folderProblem('DATA_DIR', '/mnt/cd', error('EROFS'))).toBe(
      'DATA_DIR=/mnt/cd: the file system is read-only (under systemd with ProtectSystem=strict, add it to ReadWritePaths); point DATA_DIR at a folder the bot may write (it is created if missing)',
    );
  });
});

describe('npm run ask', () => {
  it('prints its usage for --help, and for an unknown option says which, without a stack trace', { timeout: 200_000 }, async () => {
    const help = await runScript('src/cli.ts', ['--help'], { timeoutMs: 90_000 });
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^usage: npm run ask -- "your question"/);
    const unknown = await runScript('src/cli.ts', ['--nope', 'a question'], { timeoutMs: 90_000 });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^Unknown option '--nope'.*\nusage: npm run ask/s);
    expect(unknown.stderr).not.toMatch(/\bat .*\.(ts|js):\d+/);
  });
});
