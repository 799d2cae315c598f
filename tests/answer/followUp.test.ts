import { describe, expect, it } from 'vitest';
import { ask } from '../../src/answer/ask';
import { FOLLOW_UP_WINDOW_MS, followUpCue, withFollowUp } from '../../src/answer/followUp';
import type { Article } from '../../src/library/article';
import { SentenceIndex } from '../../src/search/sentenceIndex';
import { Library } from '../../src/library/library';
import { makeArticle } from '../../src/library/makeArticle';
import type { HistoryEntry } from '../../src/store/historyStore';
import { isName, subjectChange } from '../../src/answer/subjectChange';
import { newsroomArticles } from './newsroomArticles';

const library = new Library(new SentenceIndex<Article>(), [
  makeArticle(
    'harbour',
    'The council approved the harbour budget on Monday. The harbour budget grew by 12 million pounds, the treasurer said. Dredging of the harbour starts in May.',
    { title: 'Harbour budget', date: '2024-03-05' },
    'test',
  ),
  makeArticle(
    'trams',
    'The city ordered forty new trams from a Spanish maker. The trams enter service in 2026, the transport office said. Tram fares stay frozen until then.',
    { title: 'New trams', date: '2024-03-04' },
    'test',
  ),
]);
const index = library.indexFor(null);
const now = new Date('2024-03-06T10:00:00Z');

function entry(question: string, articleId: string | null, fields: Partial<HistoryEntry> = {}): HistoryEntry {
  return {
    id: `e-${question.length}`,
    userId: 'u',
    at: '2024-03-06T09:55:00Z',
    question,
    answered: articleId !== null,
    quotes: articleId ? [{ articleId, start: 0, end: 10 }] : [],
    ...fields,
  };
}

describe('followUpCue', () => {
  it('reads "and …", "what about …" as continuing, and a short question with a pronoun as pointing back', () => {
    expect(followUpCue('and the trams?')).toBe('continues');
    expect(followUpCue('What about the dredging?')).toBe('continues');
    expect(followUpCue('when did they approve it?')).toBe('points-back');
    expect(followUpCue('Who ordered the new trams from Spain?')).toBeNull();
    // A pronoun in a question that names its subject in full is not pointing back.
    expect(followUpCue('How many trams did the city order from the Spanish maker for its network?')).toBeNull();
  });
});

describe('withFollowUp', () => {
  const question = 'and how much did it grow?';

  it('answers a question alone when there is no recent answered question', () => {
    const alone = withFollowUp(index, question, [], {}, now);
    expect(alone.previous).toBeUndefined();
    expect(alone.answer).toEqual(ask(index, question));
    const unanswered = withFollowUp(index, question, [entry('What is the capital of Brazil?', null)], {}, now);
    expect(unanswered.previous).toBeUndefined();
  });

  it('ignores a question older than the follow-up window', () => {
    const old = entry('What did the council approve?', 'harbour', {
      at: new Date(now.getTime() - FOLLOW_UP_WINDOW_MS - 60_000).toISOString(),
    });
    expect(withFollowUp(index, question, [old], {}, now).previous).toBeUndefined();
    const recent = entry('What did the council approve?', 'harbour', {
      at: new Date(now.getTime() - FOLLOW_UP_WINDOW_MS + 60_000).toISOString(),
    });
    expect(withFollowUp(index, question, [recent], {}, now).previous).toBe(recent);
  });

  it('reads a follow-up first in the article the last answer quoted', () => {
    const previous = entry('What did the council approve?', 'harbour');
    const result = withFollowUp(index, question, [previous], {}, now);
    expect(result).toMatchObject({ previous, articleId: 'harbour' });
    expect(result.searched).toBeUndefined();
    expect(result.answer.quotes.every((q) => q.articleId === 'harbour')).toBe(true);
    expect(result.answer.quotes[0]!.text).toContain('12 million pounds');
  });

  it('searches with the earlier question’s words when the quoted article does not answer', () => {
    // The earlier answer quoted the harbour article, which says nothing of when trams run.
    const previous = entry('Which new trams did the city order?', 'harbour');
    const result = withFollowUp(index, 'and when do they enter service?', [previous], {}, now);
    expect(result.previous).toBe(previous);
    expect(result.searched).toBe('and when do they enter service? Which new trams did the city order?');
    expect(result.answer.question).toBe('and when do they enter service?');
    expect(result.answer.quotes[0]!.text).toContain('enter service in 2026');
  });

  it('does not move to the subject article when the question is already limited to one', () => {
    const previous = entry('What did the council approve?', 'harbour');
    const result = withFollowUp(index, 'and the fares?', [previous], { articleId: 'trams' }, now);
    expect(result.articleId).toBeUndefined();
    expect(result.answer.quotes.every((q) => q.articleId === 'trams')).toBe(true);
  });

  it('reads a follow-up with the question just asked when that came back uncertain, not an older answered one', () => {
    const older = entry('What did the council approve?', 'harbour', { at: '2024-03-06T09:50:00Z' });
    const uncertain = entry('Which new trams did the city order?', 'trams', { answered: false, tier: 'uncertain' });
    const result = withFollowUp(index, 'and when do they enter service?', [uncertain, older], {}, now);
    expect(result.previous).toBe(uncertain);
    expect(result.answer.quotes[0]!.text).toContain('enter service in 2026');
  });

  it('passes over a question that got no quotes: it showed nothing to follow up on', () => {
    const answered = entry('What did the council approve?', 'harbour', { at: '2024-03-06T09:50:00Z' });
    const nothing = entry('What is the capital of Brazil?', null, { tier: 'none' });
    expect(withFollowUp(index, question, [nothing, answered], {}, now).previous).toBe(answered);
  });

  it('answers alone a question with no follow-up cue, whatever came before', () => {
    const previous = entry('What did the council approve?', 'harbour');
    const result = withFollowUp(index, 'Who ordered forty new trams?', [previous], {}, now);
    expect(result.previous).toBeUndefined();
    expect(result.answer.quotes[0]!.articleId).toBe('trams');
  });
});

describe('follow-ups that change the subject (a newsroom library)', () => {
  const newsroom = new Library(new SentenceIndex<Article>(), newsroomArticles()).indexFor(null);
  // What the channel history holds after a question: the quotes its answer gave.
  const asked = (question: string): HistoryEntry => {
    const { answer } = withFollowUp(newsroom, question, [], { limit: 3 }, now);
    return entry(question, answer.quotes[0]?.articleId ?? null, {
      quotes: answer.quotes.map((q) => ({ articleId: q.articleId, start: q.start, end: q.end })),
    });
  };

  it('reads "what about the tories?" as the question before with the Tories in Labour’s place', () => {
    expect(subjectChange(newsroom, 'what about the tories?', 'what did labour promise in its manifesto')).toEqual({
      phrase: 'the tories',
      terms: ['tori'],
      words: 'tories',
      rewritten: 'what did the tories promise in its manifesto',
      replaced: 'labour',
    });
    expect(subjectChange(newsroom, 'and wales?', 'when does the smoking ban start in scotland')?.rewritten).toBe(
      'when does the smoking ban start in wales',
    );
    // A subject that is no name narrows the question rather than replacing a word of it.
    expect(subjectChange(newsroom, 'and the minimum wage?', 'what did labour promise in its manifesto')).toMatchObject({
      rewritten: 'what did labour promise in its manifesto the minimum wage',
      replaced: '',
    });
    // A place stands only for a place: Ireland replaces Scotland, but narrows a question about what McConnell announced.
    expect(subjectChange(newsroom, 'and ireland?', 'when does the smoking ban start in scotland')?.replaced).toBe('scotland');
    expect(subjectChange(newsroom, 'and ireland?', 'what did mcconnell announce on smoking')).toMatchObject({
      rewritten: 'what did mcconnell announce on smoking ireland',
      replaced: '',
    });
    // A capitalised initialism of a common noun is no name the new subject can stand for: not "what are tories cards for".
    expect(subjectChange(newsroom, 'and the tories?', 'what are ID cards for')).toMatchObject({
      rewritten: 'what are ID cards for the tories',
      replaced: '',
    });
    // Nor when the vectors set them apart (a cosine below 0: "blair" and "id").
    expect(subjectChange(newsroom, 'and blair?', 'what are ID cards for')).toMatchObject({ replaced: '' });
    // A follow-up with a question of its own, or with nothing new, keeps the subject.
    expect(subjectChange(newsroom, 'and when does it start?', 'what will scotland ban in pubs')).toBeUndefined();
    expect(subjectChange(newsroom, 'and the manifesto?', 'what did labour promise in its manifesto')).toBeUndefined();
  });

  it('tells a name from a common word by how the library writes it', () => {
    expect(isName(newsroom, 'labour')).toBe(true);
    expect(isName(newsroom, 'wales')).toBe(true);
    expect(isName(newsroom, 'manifesto')).toBe(false);
    expect(isName(newsroom, 'france')).toBe(false);
  });

  it('answers "what about the tories?" from the Tory manifesto, not from a mention in passing in Labour’s', () => {
    const previous = asked('what did labour promise in its manifesto');
    expect(previous.quotes[0]!.articleId).toBe('uk-2-060');
    const result = withFollowUp(newsroom, 'what about the tories?', [previous], { limit: 3 }, now);
    expect(result.previous).toBe(previous);
    expect(result.searched).toBe('what did the tories promise in its manifesto');
    expect(result.answer.question).toBe('what about the tories?');
    expect(result.answer.quotes[0]).toMatchObject({ articleId: 'uk-2-059', title: "Tories launch manifesto on 'accountability'" });
    expect(result.answer.quotes[0]!.text).toContain('The Conservatives have launched their election manifesto');
  });

  it('never gives Scotland’s smoking ban as the answer about Wales, which the library does not cover', () => {
    const previous = asked('when does the smoking ban start in scotland');
    expect(previous.quotes[0]!.articleId).toBe('uk-1-015');
    const result = withFollowUp(newsroom, 'what about wales?', [previous], { limit: 3 }, now);
    expect(result.previous).toBe(previous);
    expect(result.answer.tier).not.toBe('answer');
    expect(result.answer.quotes.length).toBeGreaterThan(0);
    for (const quote of result.answer.quotes) {
      expect(quote.text).toContain('Wales');
      expect(quote.text).not.toContain('Scotland');
    }
  });

  it('says there is no answer when nothing in the library is about the new subject', () => {
    const previous = asked('when does the smoking ban start in scotland');
    const result = withFollowUp(newsroom, 'what about france?', [previous], { limit: 3 }, now);
    expect(result.previous).toBe(previous);
    expect(result.answer).toMatchObject({ tier: 'none', answered: false, quotes: [], confidence: 0 });
    // No article names France: the reply says so by name, not that the question's other words are unknown.
    expect(result.answer).toMatchObject({ reason: 'no-match', unknownName: 'france' });
  });

  it('reads a chat spelling in the new subject as the search reads it ("govt" is "government")', () => {
    const previous = asked('what did labour promise in its manifesto');
    const typed = withFollowUp(newsroom, 'what about the govt?', [previous], { limit: 3 }, now);
    const written = withFollowUp(newsroom, 'what about the government?', [previous], { limit: 3 }, now);
    expect(written.answer.quotes.length).toBeGreaterThan(0);
    expect(typed.answer.quotes.map((q) => q.text)).toEqual(written.answer.quotes.map((q) => q.text));
    expect(typed.answer.unknownName).toBeUndefined();
  });

  it('says no passage answers closely enough when the new subject is in the library but not about the question', () => {
    const previous = asked('when does the smoking ban start in scotland');
    const result = withFollowUp(newsroom, 'what about the tories?', [previous], { limit: 3 }, now);
    // The fixture's Tories are in the manifesto stories, none about a smoking ban.
    expect(result.answer).toMatchObject({ tier: 'none', reason: 'not-close', quotes: [] });
    expect(result.answer.unknownName).toBeUndefined();
    // Like every other none, it offers the closest articles' titles to ask about instead.
    expect(result.answer.suggestions.length).toBeGreaterThan(0);
    const titles = new Set(newsroomArticles().map((a) => a.title));
    for (const title of result.answer.suggestions) expect(titles.has(title)).toBe(true);
  });

  it('changes the subject of the question just asked when that came back uncertain', () => {
    const older = { ...asked('when does the smoking ban start in scotland'), at: '2024-03-06T09:50:00Z' };
    const uncertain: HistoryEntry = { ...asked('what did labour promise in its manifesto'), answered: false, tier: 'uncertain' };
    const result = withFollowUp(newsroom, 'what about the tories?', [uncertain, older], { limit: 3 }, now);
    expect(result.previous).toBe(uncertain);
    expect(result.searched).toBe('what did the tories promise in its manifesto');
    expect(result.answer.quotes[0]!.articleId).toBe('uk-2-059');
  });

  it('stays in the article before when the new words are what its sentence is about', () => {
    const previous = asked('what did labour promise in its manifesto');
    const result = withFollowUp(newsroom, 'and the minimum wage?', [previous], { limit: 3 }, now);
    expect(result.articleId).toBe('uk-2-060');
    expect(result.answer.tier).toBe('answer');
    expect(result.answer.quotes[0]!.text).toBe('The party says the minimum wage will rise to £5.35 an hour by October 2006.');
  });

  it('keeps the subject for "and when does it start?", answering from the article before', () => {
    const previous = asked('what will scotland ban in pubs');
    expect(previous.quotes[0]!.articleId).toBe('uk-1-015');
    const result = withFollowUp(newsroom, 'and when does it start?', [previous], { limit: 3 }, now);
    expect(result.previous).toBe(previous);
    expect(result.searched).toBe('and when does it start? what will scotland ban in pubs');
    expect(result.answer.tier).toBe('answer');
    expect(result.answer.quotes[0]!.articleId).toBe('uk-1-015');
    expect(result.answer.quotes[0]!.text).toContain('from spring 2006');
  });
});
