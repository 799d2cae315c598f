import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import type { Article } from '../../src/library/article';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rankSentences } from '../../src/answer/rank';
import { makeArticle } from '../../src/library/makeArticle';
import { silentLogger } from '../../src/log';
import { SentenceIndex } from '../../src/search/sentenceIndex';
import { loadOrBuildIndex, SNAPSHOT_FILE } from '../../src/search/snapshot';
import { seedArticle } from '../helpers/seed';

const other = makeArticle(
  'rockets',
  'North Korea launched a satellite rocket on Tuesday, officials in Seoul said.\n\nThe launch failed over the Yellow Sea.',
  { title: 'Rocket launch' },
  'test',
);
const third = makeArticle('fish', 'Fisheries ministers agreed new quotas for Atlantic cod on Friday.', { title: 'Cod quotas' }, 'test');
const questions = [
  'What did Hayashi and Blinken agree on?',
  'Who chairs the CPTPP working group?',
  'When did North Korea launch a rocket?',
  'cod quotas',
];

const answers = (index: SentenceIndex<Article>) =>
  questions.map((q) =>
    rankSentences(index, q, { limit: 5 }).map((hit) => {
      const s = index.sentence(hit.sentence);
      return `${s.article.id}:${s.index}:${hit.score.toFixed(9)}:${hit.coverage.toFixed(9)}`;
    }),
  );

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pd-snapshot-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('loadOrBuildIndex', () => {
  it('builds, saves, and reads back an index that answers exactly as a fresh one', async () => {
    const articles = [seedArticle(), other];
    const built = await loadOrBuildIndex(articles, dir, silentLogger);
    expect(built.source).toBe('built');
    const loaded = await loadOrBuildIndex([seedArticle(), other], dir, silentLogger);
    expect(loaded.source).toBe('snapshot');
    const fresh = new SentenceIndex<Article>();
    for (const article of articles) fresh.add(article);
    expect(answers(loaded.index)).toEqual(answers(fresh));
    expect(loaded.index.sentenceCount).toBe(fresh.sentenceCount);
    expect(loaded.index.keyTerms('rockets')).toEqual(fresh.keyTerms('rockets'));
    // A restored index keeps growing and shrinking like any other.
    loaded.index.add(third);
    fresh.add(third);
    expect(answers(loaded.index)).toEqual(answers(fresh));
    expect(loaded.index.remove('rockets')).toBe(true);
    expect(loaded.index.search(SentenceIndex.queryTerms('satellite rocket'))).toEqual([]);
  });

  it('fills the index it is given, so a Library can keep its own', async () => {
    await loadOrBuildIndex([seedArticle()], dir, silentLogger);
    const mine = new SentenceIndex<Article>();
    const result = await loadOrBuildIndex([seedArticle()], dir, silentLogger, mine);
    expect(result.index).toBe(mine);
    expect(mine.articleCount).toBe(1);
  });

  it('adds articles that are new since the snapshot without rebuilding', async () => {
    await loadOrBuildIndex([seedArticle(), other], dir, silentLogger);
    const result = await loadOrBuildIndex([seedArticle(), other, third], dir, silentLogger);
    expect(result).toMatchObject({ source: 'snapshot+added', added: 1 });
    expect(result.index.articleCount).toBe(3);
    expect((await loadOrBuildIndex([seedArticle(), other, third], dir, silentLogger)).source).toBe('snapshot');
  });

  it('rebuilds when an article changed or went away', async () => {
    await loadOrBuildIndex([seedArticle(), other], dir, silentLogger);
    const edited = makeArticle(
      'rockets',
      'North Korea launched two satellite rockets on Tuesday, officials in Seoul said.',
      { title: 'Rocket launch' },
      'test',
    );
    const changed = await loadOrBuildIndex([seedArticle(), edited], dir, silentLogger);
    expect(changed.source).toBe('built');
    expect(changed.index.search(SentenceIndex.queryTerms('two rockets')).length).toBeGreaterThan(0);
    const removed = await loadOrBuildIndex([seedArticle()], dir, silentLogger);
    expect(removed.source).toBe('built');
    expect(removed.index.has('rockets')).toBe(false);
  });

  it('rebuilds from a damaged or foreign file instead of failing', async () => {
    await loadOrBuildIndex([seedArticle(), other], dir, silentLogger);
    const file = join(dir, SNAPSHOT_FILE);
    const bytes = await readFile(file);
    await writeFile(file, bytes.subarray(0, Math.floor(bytes.length / 2)));
    expect((await loadOrBuildIndex([seedArticle(), other], dir, silentLogger)).source).toBe('built');
    await writeFile(file, 'not an index');
    const result = await loadOrBuildIndex([seedArticle(), other], dir, silentLogger);
    expect(result.source).toBe('built');
    expect(result.index.articleCount).toBe(2);
  });

  it('still answers when the data folder cannot be written', async () => {
    const blocked = join(dir, 'file-not-folder');
    await writeFile(blocked, 'x');
    const result = await loadOrBuildIndex([seedArticle()], join(blocked, 'data'), silentLogger);
    expect(result.source).toBe('built');
    expect(result.index.articleCount).toBe(1);
  });
});
