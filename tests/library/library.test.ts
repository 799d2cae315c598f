import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/library/article';
import { SentenceIndex } from '../../src/search/sentenceIndex';
import { Library } from '../../src/library/library';
import { makeArticle } from '../../src/library/makeArticle';
import { ask } from '../../src/answer/ask';
import { terms } from '../../src/search/analyzer';
import { finish, inSlices } from '../../src/timeSlices';

const A = '2000000000000000001';
const B = '2000000000000000009';
const art = (id: string, text: string) => makeArticle(id, text, { title: id }, 'test');
const quoted = (library: Library, viewer: string | null, question: string) =>
  ask(library.indexFor(viewer), question, { minConfidence: 0.3 }).quotes.map((q) => q.articleId);

describe('Library: shared and per-server articles', () => {
  it('a server sees the shared articles and its own, never another server’s, through every change', () => {
    const library = new Library(new SentenceIndex<Article>(), [art('shared', 'The council approved the harbour budget on Monday.')]);
    library.add(art('mine', 'The Zanzibar lighthouse keepers went on strike over unpaid wages.'), A);
    expect(quoted(library, A, 'Why did the lighthouse keepers strike?')).toEqual(['mine']);
    expect(quoted(library, B, 'Why did the lighthouse keepers strike?')).toEqual([]);
    expect(quoted(library, null, 'Why did the lighthouse keepers strike?')).toEqual([]);
    expect(library.list(B).map((a) => a.id)).toEqual(['shared']);
    expect(library.get('mine', B)).toBeUndefined();
    // Word statistics too: the shared index has never seen the server's words.
    const [lighthouse] = terms('lighthouse');
    expect(library.indexFor(A).idf(lighthouse!)).toBeGreaterThan(0);
    expect(library.indexFor(B).idf(lighthouse!)).toBe(0);

    // A shared article added later reaches the server's own index too.
    library.add(art('later', 'Ferry services to Pemba resume next week, the port said.'));
    expect(quoted(library, A, 'When do ferry services to Pemba resume?')).toEqual(['later']);
    expect(quoted(library, B, 'When do ferry services to Pemba resume?')).toEqual(['later']);

    // A server's own article of a shared id is what that server sees; removing it brings the shared one back.
    library.add(art('later', 'The Pemba ferry stays closed until the storm passes, officials said.'), A);
    expect(library.get('later', A)!.text).toContain('storm');
    expect(library.get('later', B)!.text).toContain('resume');
    library.remove('shared');
    expect(library.get('shared', A)).toBeUndefined();
    expect(library.remove('later', A)).toBe(true);
    expect(library.get('later', A)!.text).toContain('resume');
    expect(library.owns(A, 'mine')).toBe(true);
    expect(library.owns(B, 'mine')).toBe(false);
    expect(library.remove('mine', B)).toBe(false);
    expect(library.remove('mine', A)).toBe(true);
    expect(library.indexFor(A)).toBe(library.indexFor(null));
  });
});

describe('Library: the articles are its own, the index is handed in', () => {
  it('takes an index that already holds some of its articles (a snapshot’s) and indexes the rest', () => {
    const first = art('first', 'The council approved the harbour budget on Monday.');
    const second = art('second', 'Ferry services to Pemba resume next week, the port said.');
    const index = new SentenceIndex<Article>();
    index.add(first);
    const library = new Library(index, [first, second]);
    expect(library.indexFor(null)).toBe(index);
    expect(index.articleCount).toBe(2);
    expect(
      library
        .list()
        .map((a) => a.id)
        .sort(),
    ).toEqual(['first', 'second']);
    expect(library.sharedCount).toBe(2);
  });

  it('keeps the later of two articles given with one id, in the index too', () => {
    const library = new Library(new SentenceIndex<Article>(), [
      art('same', 'The harbour budget was approved.'),
      art('same', 'Ferry services to Pemba resume next week.'),
    ]);
    expect(library.get('same')!.text).toContain('Pemba');
    expect(library.indexFor(null).articleCount).toBe(1);
    expect(library.indexFor(null).matchAll(terms('Pemba'))).toHaveLength(1);
    expect(library.indexFor(null).matchAll(terms('harbour'))).toEqual([]);
  });

  it('refuses an index holding an article it was not given', () => {
    const index = new SentenceIndex<Article>();
    index.add(art('stray', 'An article the library knows nothing about was indexed.'));
    expect(() => new Library(index, [art('other', 'The only article the library was given.')])).toThrow(/holds 2 articles/);
  });

  it('answers get and list from its own articles, and the index lets go of a removed one', () => {
    const library = new Library(new SentenceIndex<Article>(), [
      art('kept', 'The council approved the harbour budget on Monday.'),
      art('gone', 'Ferry services to Pemba resume next week.'),
    ]);
    expect(library.remove('gone')).toBe(true);
    expect(library.get('gone')).toBeUndefined();
    expect(library.list().map((a) => a.id)).toEqual(['kept']);
    expect(
      library
        .indexFor(null)
        .articles()
        .map((a) => a.id),
    ).toEqual(['kept']);
    expect(library.termWeight(terms('harbour')[0]!)).toBe(library.indexFor(null).idf(terms('harbour')[0]!));
    expect(library.termWeight('zzzunseen')).toBe(library.indexFor(null).unseenIdf());
  });
});

describe('Library: a shared article reaches every server’s copy in steps', () => {
  const C = '2000000000000000005';
  const servers = [A, B, C];
  /** The text of the article a viewer's index holds under the id, or undefined. */
  const held = (library: Library, viewer: string | null, id: string) =>
    library
      .indexFor(viewer)
      .articles()
      .find((a) => a.id === id)?.text;
  function withServers(): Library {
    const library = new Library(new SentenceIndex<Article>(), [art('shared', 'The council approved the harbour budget on Monday.')]);
    for (const [i, server] of servers.entries()) library.add(art(`own${i}`, `Server ${i} wrote about the lighthouse keepers.`), server);
    return library;
  }
  const news = art('news', 'Ferry services to Pemba resume next week, the port said.');

  it('gives the event loop a turn between copies, and ends as add() does', async () => {
    const library = withServers();
    // Other work waiting for the loop: counts the turns it gets while the article is added.
    let turns = 0;
    let waiting = setImmediate(function other() {
      turns++;
      waiting = setImmediate(other);
    });
    // A slice of 0 ms: a turn at every step.
    await inSlices(library.addSteps(news), 0);
    clearImmediate(waiting);
    expect(turns).toBeGreaterThanOrEqual(servers.length - 1);
    for (const viewer of [null, ...servers]) expect(held(library, viewer, 'news')).toBe(news.text);
    expect(quoted(library, B, 'When do ferry services to Pemba resume?')).toEqual(['news']);
  });

  it('stops when the article is removed or replaced meanwhile, and leaves a server’s own article of the id alone', () => {
    const removed = withServers();
    const adding = removed.addSteps(news);
    adding.next();
    adding.next();
    removed.remove('news');
    finish(adding);
    for (const viewer of [null, ...servers]) expect(held(removed, viewer, 'news')).toBeUndefined();

    const replaced = withServers();
    const first = replaced.addSteps(news);
    first.next();
    first.next();
    const newer = art('news', 'Ferry services to Pemba stay suspended, the port said.');
    replaced.add(newer);
    finish(first);
    for (const viewer of [null, ...servers]) expect(held(replaced, viewer, 'news')).toBe(newer.text);

    const owned = withServers();
    const sharing = owned.addSteps(news);
    sharing.next();
    const own = art('news', 'Our own note on the Pemba ferry timetable.');
    owned.add(own, C);
    // A server that adds its first article meanwhile gets a copy that holds the shared article already.
    const D = '2000000000000000007';
    owned.add(art('first', 'A first article of a fourth server.'), D);
    finish(sharing);
    expect(held(owned, C, 'news')).toBe(own.text);
    for (const viewer of [null, A, B, D]) expect(held(owned, viewer, 'news')).toBe(news.text);
  });

  it('removes a shared article from every copy in steps; one added again meanwhile stays everywhere', async () => {
    const library = withServers();
    library.add(news);
    let turns = 0;
    let waiting = setImmediate(function other() {
      turns++;
      waiting = setImmediate(other);
    });
    expect(await inSlices(library.removeSteps('news'), 0)).toBe(true);
    clearImmediate(waiting);
    expect(turns).toBeGreaterThanOrEqual(servers.length - 1);
    for (const viewer of [null, ...servers]) expect(held(library, viewer, 'news')).toBeUndefined();
    expect(quoted(library, B, 'When do ferry services to Pemba resume?')).toEqual([]);

    library.add(news);
    const removing = library.removeSteps('news');
    removing.next();
    removing.next();
    const again = art('news', 'Ferry services to Pemba resume on Friday, the port said.');
    library.add(again);
    finish(removing);
    for (const viewer of [null, ...servers]) expect(held(library, viewer, 'news')).toBe(again.text);
  });

  it('adds several articles in steps and stops where it is told to', () => {
    const library = withServers();
    const more = [news, art('other', 'The harbour master retired after thirty years.'), art('third', 'Tolls on the bridge rise in May.')];
    // Stops once two of the three are in.
    const stopAt = 2;
    finish(
      library.addAllSteps(
        more.map((article) => ({ article, owner: null })),
        () => library.sharedCount - 1 >= stopAt,
      ),
    );
    expect(['news', 'other', 'third'].map((id) => held(library, B, id) !== undefined)).toEqual([true, true, false]);
    finish(library.addAllSteps([{ article: more[2]!, owner: C }]));
    expect(held(library, C, 'third')).toBe(more[2]!.text);
    expect(held(library, B, 'third')).toBeUndefined();
  });
});
