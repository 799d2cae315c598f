import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/library/article';
import { SentenceIndex } from '../../src/search/sentenceIndex';
import { Library } from '../../src/library/library';
import { makeArticle } from '../../src/library/makeArticle';
import { ask } from '../../src/answer/ask';
import { terms } from '../../src/search/analyzer';

const A = '2000000000000000001';
const B = '2000000000000000009';
const art = (id: string, text: string) => makeArticle(id, text, { title: id }, 'test');
const quoted = (library: Library, viewer: string | null, question: string) => ask(library.indexFor(viewer), question, { minConfidence: 0.3 }).quotes.map((q) => q.articleId);

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
