import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScript } from '../helpers/runScript';

describe('precise topics and alert threads in the console', () => {
  it('reads a topic with a phrase and an exclusion (single quotes around it), shows it as read, refuses bad syntax, and says it has no threads', async () => {
    const input = [
      `/subscribe topic:'"Winter Olympics" -boycott' min_score:broad`,
      '/subscribe "Taiwan Strait',
      '/subscribe topic:Hayashi thread:true',
      '/subscriptions',
      '',
    ].join('\n');
    const { code, stdout } = await runScript('src/main.ts', [], { input, env: { DATA_DIR: mkdtempSync(join(tmpdir(), 'pd-console-')) } });
    expect(code).toBe(0);
    // The console wraps long lines; compare the words.
    const replies = stdout
      .trim()
      .split('\n\n')
      .map((reply) => reply.replace(/\s+/g, ' '));
    expect(replies[0]).toContain('Subscribed: “"Winter Olympics" -boycott”');
    expect(replies[0]).toContain('Read as: “Winter Olympics” as a phrase · leaving out articles that say: boycott.');
    expect(replies[1]).toMatch(/The quote opened before “Taiwan Strait” is not closed/);
    expect(replies[2]).toContain('Alerts are posted without a thread: the console has no threads.');
    expect(replies.at(-1)).toContain('no thread: the console has no threads');
    expect(replies.at(-1)).toContain('read as: “Winter Olympics” as a phrase · leaving out articles that say: boycott');
  });
});
