import { describe, expect, it } from 'vitest';
import { currentQuotes } from '../../src/alerts/currentQuotes';
import { makeArticle } from '../../src/library/makeArticle';

const ONE = 'Farmers marched on the capital on Monday.';
const TWO = 'Police said the march was peaceful.';
const THREE = 'Ministers will meet the farmers next week.';
const article = (...sentences: string[]) => makeArticle('march', sentences.join(' '), { title: 'March' }, 'test');
const before = article(ONE, TWO, THREE);
/** Each sentence of `before` as an alert row records it: its place and its text. */
const recorded = (...texts: string[]) =>
  texts.map((text) => {
    const start = before.text.indexOf(text);
    return { articleId: 'march', start, end: start + text.length, text };
  });
const quoted = (a: ReturnType<typeof article>, places: { start: number; end: number }[]) => places.map((q) => a.text.slice(q.start, q.end));

describe('currentQuotes: an alert’s quotes in the article as it is when posted', () => {
  it('the same article: the recorded places, nothing lost', () => {
    expect(currentQuotes(before, recorded(ONE, THREE))).toEqual({
      quotes: recorded(ONE, THREE).map(({ start, end }) => ({ start, end })),
      lost: 0,
      lead: false,
    });
  });

  it('a sentence moved by an edit: found at its new place; one cut: left out and counted', () => {
    const after = article('Update: the march grew to 4,000 people.', ONE, THREE);
    const found = currentQuotes(after, recorded(ONE, TWO, THREE));
    expect(quoted(after, found.quotes)).toEqual([ONE, THREE]);
    expect([found.lost, found.lead]).toEqual([1, false]);
  });

  it('a sentence said twice: the occurrence nearest its old place', () => {
    const after = article(TWO, 'Up.', TWO, THREE);
    const [place] = currentQuotes(after, recorded(TWO)).quotes;
    expect(place!.start).toBe(after.text.lastIndexOf(TWO));
  });

  it('the text also inside a longer sentence: the quote is the whole sentence, not the fragment nearer its old place', () => {
    const said = 'Smith resigned at 10 a.m.';
    const after = article(`Reports that ${said} were denied.`, TWO, said);
    const found = currentQuotes(after, [{ articleId: 'march', start: 0, end: said.length, text: said }]);
    expect(found.quotes).toEqual([{ start: after.text.lastIndexOf(said), end: after.text.lastIndexOf(said) + said.length }]);
    expect(after.sentences.some((s) => s.start === found.quotes[0]!.start && s.end === found.quotes[0]!.end)).toBe(true);
  });

  it('the text left only inside a longer sentence: left out and counted, never quoted as a fragment', () => {
    const said = 'Smith resigned at 10 a.m.';
    const after = article(`Reports that ${said} were denied.`, TWO);
    expect(currentQuotes(after, [{ articleId: 'march', start: 0, end: said.length, text: said }])).toMatchObject({ lost: 1, lead: true });
  });

  it('none of the quotes left: the lead stands in, flagged', () => {
    const after = article('Farm leaders asked for talks.', 'The ministry said it would answer.');
    expect(currentQuotes(after, recorded(ONE, TWO))).toEqual({ quotes: [{ start: 0, end: 29 }], lost: 2, lead: true });
    expect(quoted(after, [{ start: 0, end: 29 }])).toEqual(['Farm leaders asked for talks.']);
  });

  it('a row without texts (recorded before they were kept): a place stands only on a whole sentence of the current text', () => {
    const legacy = recorded(ONE, TWO).map(({ articleId, start, end }) => ({ articleId, start, end }));
    expect(currentQuotes(before, legacy).lost).toBe(0);
    const after = article('Update: 4,000 came.', ONE, TWO);
    const found = currentQuotes(after, legacy);
    for (const text of quoted(after, found.quotes)) expect(after.sentences.map((s) => after.text.slice(s.start, s.end))).toContain(text);
    expect(found.lost).toBeGreaterThan(0);
  });

  it('no quotes recorded: none given, nothing said', () => {
    expect(currentQuotes(before, [])).toEqual({ quotes: [], lost: 0, lead: false });
  });
});
