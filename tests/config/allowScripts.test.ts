import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/runScript';

const json = (path: string) => JSON.parse(readFileSync(join(ROOT, path), 'utf8'));

describe("package.json's allowScripts", () => {
  it('covers every installed package with an install script, so npm 11 installs without the unreviewed-scripts notice', () => {
    const lock = json('package-lock.json').packages as Record<string, { hasInstallScript?: boolean }>;
    const withScripts = Object.entries(lock)
      .filter(([, entry]) => entry.hasInstallScript)
      .map(([path]) => path.replace(/^.*node_modules\//, ''));
    expect(withScripts).toContain('esbuild');
    const allowed = json('package.json').allowScripts as Record<string, boolean> | undefined;
    for (const name of withScripts) expect(allowed?.[name], name).toBe(true);
  });
});
