import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { seedText } from '../helpers/seed';
import { runScript } from '../helpers/runScript';

const dataDir = () => mkdtempSync(join(tmpdir(), 'pd-console-'));

describe('the local console (npm start without a token)', () => {
  it('says in one line that it is the console, then answers piped lines one reply each and exits at end of input', async () => {
    const input = [
      '/ask Who chairs the CPTPP working group?',
      'What is the capital of Brazil?',
      '/lookup term:"Taiwan Strait"',
      '/articles',
      '/article read 000',
      '/help',
      '/nope',
      '',
    ].join('\n');
    const { code, stdout, stderr } = await runScript('src/main.ts', [], { input, env: { DATA_DIR: dataDir() } });
    expect(code).toBe(0);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/No DISCORD_TOKEN set: local console on 1 article/);
    const replies = stdout.trim().split('\n\n');
    expect(replies).toHaveLength(7);
    expect(replies[0]).toContain('“Tokyo chairs the CPTPP London membership working group.”');
    expect(replies[0]).toMatch(/— Foreign Minister Yoshimasa Hayashi/);
    expect(replies[1]).toMatch(/No good answer/);
    expect(replies[2]).toMatch(/Taiwan Strait/);
    expect(replies[3]).toMatch(/000_02b1b7e6bf94f65a/);
    expect(replies[4]).toMatch(/Key terms: .*hayashi/);
    for (const name of ['/ask', '/lookup', '/articles', '/article', '/help']) expect(replies[5]).toContain(name);
    expect(replies[6]).toMatch(/There is no \/nope command/);
  });

  it('leaves on /quit and presses a button of the last reply', async () => {
    // One sentence answers it, so its only button is Whole article.
    const input = ['Who chairs the CPTPP working group?', '/press 1', '/quit', '/help'].join('\n');
    const { code, stdout } = await runScript('src/main.ts', [], { input, env: { DATA_DIR: dataDir() } });
    expect(code).toBe(0);
    const replies = stdout.trim().split('\n\n');
    expect(replies).toHaveLength(2);
    expect(replies[1]).toMatch(/Page 1 of 2/);
  });

  it('votes with the buttons of an answer, changes the vote, and writes /report’s CSV into its data folder', async () => {
    const dir = dataDir();
    // Answer buttons: 1 Whole article, 2 Helpful, 3 Not helpful; the thanks has none, so the answer's stay pressable.
    const input = [
      'Who chairs the CPTPP working group?',
      '/press 2',
      '/press 3',
      'recipe for chocolate cake',
      'chocolate cake recipes',
      '/report',
      '',
    ].join('\n');
    const { code, stdout } = await runScript('src/main.ts', [], { input, env: { DATA_DIR: dir } });
    expect(code).toBe(0);
    const replies = stdout.trim().split('\n\n');
    expect(replies[0]).toContain('[/press 1: Whole article]  [/press 2: 👍 Helpful]  [/press 3: 👎 Not helpful]');
    expect(replies[1]).toMatch(/marked helpful/);
    expect(replies[2]).toMatch(/Changed your vote to not helpful/);
    const report = replies[5]!;
    expect(report).toMatch(
      /3 questions in 1 channel: 1 answered, 0 uncertain, 2 with no good answer\. Votes: 👍 0\s+helpful, 👎 1 not helpful\./,
    );
    expect(report).toMatch(
      /Not answered well: 3 questions in 2 groups, most asked first: 2× “chocolate cake recipes” \(no good answer 2\)\n {2}1× “Who chairs the CPTPP working group\?” \(voted not helpful 1\)/,
    );
    const path = /written to (\S+\.csv)$/m.exec(report)![1]!;
    expect(path.startsWith(join(dir, 'console', 'reports'))).toBe(true);
    const csv = readFileSync(path, 'utf8');
    expect(csv).toContain('gap_question,2,,Who chairs the CPTPP working group?,answer,0,1,console,');
    expect(csv).toContain('gap_group,1,2,chocolate cake recipes,,,,,');
  });

  it('stops with one clear line on a malformed setting', async () => {
    const { code, stderr } = await runScript('src/main.ts', [], { env: { QUOTES: 'lots' } });
    expect(code).toBe(1);
    expect(stderr.trim()).toBe('Policy Desk cannot start: QUOTES must be a whole number from 1 to 10 (got "lots")');
  });
});

describe('npm run ask', () => {
  it('prints one answer as JSON with --json', async () => {
    const { code, stdout } = await runScript('src/cli.ts', ['What did Kishida promise?', '--json']);
    expect(code).toBe(0);
    const answer = JSON.parse(stdout) as {
      tier: string;
      answered: boolean;
      confidence: number;
      quotes: { articleId: string; title: string; text: string; start: number; end: number; score: number }[];
    };
    expect(answer).toMatchObject({ tier: 'answer', answered: true });
    expect(answer.confidence).toBeGreaterThan(0);
    expect(answer.quotes[0]).toEqual(
      expect.objectContaining({ articleId: '000_02b1b7e6bf94f65a', title: expect.any(String), score: expect.any(Number) }),
    );
    for (const quote of answer.quotes) expect(seedText.slice(quote.start, quote.end)).toBe(quote.text);
  });

  it('says no good answer for an off-topic question', async () => {
    const { stdout } = await runScript('src/cli.ts', ['recipe for chocolate cake', '--json']);
    expect(JSON.parse(stdout)).toMatchObject({ tier: 'none', answered: false, quotes: [] });
  });

  it('marks passages that may not answer as uncertain, in JSON and as text, never as the answer', async () => {
    const question = 'What did Truss discuss about the Olympics?';
    const json = JSON.parse((await runScript('src/cli.ts', [question, '--json'])).stdout) as {
      tier: string;
      answered: boolean;
      quotes: { text: string; start: number; end: number }[];
    };
    expect(json).toMatchObject({ tier: 'uncertain', answered: false });
    expect(json.quotes.length).toBeGreaterThan(0);
    for (const quote of json.quotes) expect(seedText.slice(quote.start, quote.end)).toBe(quote.text);
    const { stdout } = await runScript('src/cli.ts', [question]);
    expect(stdout.split('\n')[0]).toBe('! These passages may help; none clearly answers the question');
    expect(stdout).toContain(`1. “${json.quotes[0]!.text.split(' ').slice(0, 4).join(' ')}`);
    expect(stdout).toMatch(/Chance the first passage answers: \d+%/);
    expect(stdout).not.toMatch(/^Confidence/m);
  });
});
