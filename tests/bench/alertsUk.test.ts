import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildUkPolitics, serialise, UK_POLITICS_FILE } from '../../bench/alerts-uk/build';

describe('alerts-uk build', () => {
  it('the committed uk-politics.json is what build.ts makes from the articles and labels', () => {
    expect(readFileSync(UK_POLITICS_FILE, 'utf8')).toBe(serialise(buildUkPolitics()));
  });

  it('labels only articles that exist, and every topic has a split', () => {
    const set = buildUkPolitics();
    const ids = new Set(set.documents.map((d) => d.id));
    expect(set.documents.length).toBeGreaterThanOrEqual(200);
    for (const topic of set.topics) {
      expect(['fit', 'check', 'check2']).toContain(topic.split);
      for (const id of topic.relevant) expect(ids.has(id)).toBe(true);
    }
  });
});
