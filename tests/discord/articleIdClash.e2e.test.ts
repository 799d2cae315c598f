import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { articlesDir, startHarness } from '../helpers/bot';

const budget = (what: string) => `---\ntitle: ${what}\n---\nThe council approved ${what} on Monday after a long debate.\n`;

describe('two files with one id in the watched folder', () => {
  it('refuses the second live as at start, and deleting it leaves the first one’s article', async () => {
    const harness = await startHarness({ ARTICLES_DIR: articlesDir({ 'Council Budget.md': budget('the first budget') }) });
    const library = harness.bot.app.services.library;
    expect(library.get('council-budget')?.title).toBe('the first budget');

    writeFileSync(join(harness.config.articlesDir, 'council budget.txt'), budget('the second budget'));
    await vi.waitFor(
      () =>
        expect(harness!.logs.find((l) => l.event === 'article_skipped' && l.file === 'council budget.txt')).toMatchObject({
          reason: 'its id "council-budget" is already used by Council Budget.md; rename one of them',
        }),
      { timeout: 10_000 },
    );
    expect(library.get('council-budget')?.title).toBe('the first budget');

    rmSync(join(harness.config.articlesDir, 'council budget.txt'));
    // A file written after the removal is handled after it: once it is in, the removal was handled.
    writeFileSync(join(harness.config.articlesDir, 'marker.md'), budget('the marker'));
    await vi.waitFor(() => expect(library.get('marker')).toBeDefined(), { timeout: 10_000 });
    expect(library.get('council-budget')?.title).toBe('the first budget');
  });

  it('hands the id to the other file when the one that had it is deleted, as a restart would', async () => {
    const harness = await startHarness({
      ARTICLES_DIR: articlesDir({ 'Council Budget.md': budget('the first budget'), 'council budget.txt': budget('the second budget') }),
    });
    const library = harness.bot.app.services.library;
    expect(library.get('council-budget')?.title).toBe('the first budget');
    rmSync(join(harness.config.articlesDir, 'Council Budget.md'));
    await vi.waitFor(() => expect(library.get('council-budget')?.title).toBe('the second budget'), { timeout: 10_000 });
  });
});
