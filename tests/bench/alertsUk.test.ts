import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALERTS_UK_DIR, buildUkPolitics, serialise, UK_POLITICS_FILE } from '../../bench/alerts-uk/build';

// The second, independently written library (held out): same format, its own folder.
const ALERTS_UK2_DIR = join(ALERTS_UK_DIR, '..', 'alerts-uk2');
// The third (held out since the second was released for fitting).
const ALERTS_UK3_DIR = join(ALERTS_UK_DIR, '..', 'alerts-uk3');

describe('alerts-uk build', () => {
  it('the committed uk-politics.json is what build.ts makes from the articles and labels', () => {
    expect(readFileSync(UK_POLITICS_FILE, 'utf8')).toBe(serialise(buildUkPolitics()));
    expect(readFileSync(join(ALERTS_UK2_DIR, 'uk-politics.json'), 'utf8')).toBe(serialise(buildUkPolitics(ALERTS_UK2_DIR)));
    expect(readFileSync(join(ALERTS_UK3_DIR, 'uk-politics.json'), 'utf8')).toBe(serialise(buildUkPolitics(ALERTS_UK3_DIR)));
  });

  it('labels only articles that exist, and every topic has a split', () => {
    for (const [dir, articles, splits] of [
      [ALERTS_UK_DIR, 200, ['fit', 'check', 'check2']],
      [ALERTS_UK2_DIR, 120, ['check3']],
      [ALERTS_UK3_DIR, 150, ['check4']],
    ] as const) {
      const set = buildUkPolitics(dir);
      const ids = new Set(set.documents.map((d) => d.id));
      expect(set.documents.length).toBe(articles);
      for (const topic of set.topics) {
        expect(splits).toContain(topic.split);
        for (const id of topic.relevant) expect(ids.has(id)).toBe(true);
      }
    }
  });
});
