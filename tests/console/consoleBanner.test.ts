import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScript } from '../helpers/runScript';
import { shippedSeedsDir } from '../helpers/seed';

describe("the console's first line", () => {
  it("counts the articles /articles lists: the shared folder and the console's own", { timeout: 200_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pd-console-banner-'));
    for (const name of ['saxony', 'bavaria']) {
      writeFileSync(
        join(dir, `${name}.md`),
        `---\ntitle: Towns in ${name} vote\ndate: 2005-03-01\n---\nVoters in ${name} approved the merger of four towns on Sunday.\n`,
      );
    }
    const articles = shippedSeedsDir();
    const env = { DATA_DIR: join(dir, 'data'), ARTICLES_DIR: articles };
    const first = await runScript('src/main.ts', [], {
      input: `/article add file:${join(dir, 'saxony.md')}\n/article add file:${join(dir, 'bavaria.md')}\n`,
      env,
      timeoutMs: 90_000,
    });
    expect(first.code).toBe(0);
    expect(first.stderr).toContain(`local console on 1 article from ${articles} (`);
    const again = await runScript('src/main.ts', [], { input: '/articles\n', env, timeoutMs: 90_000 });
    expect(again.code).toBe(0);
    expect(again.stderr).toContain(`local console on 3 articles: 1 from ${articles}, 2 of its own (`);
    expect(again.stdout).toMatch(/3 articles/);
  });
});
