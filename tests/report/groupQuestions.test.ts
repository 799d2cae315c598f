import { describe, expect, it } from 'vitest';
import { groupQuestions, questionTerms } from '../../src/report/groupQuestions';

const group = (questions: string[]) => groupQuestions(questions, (q) => q).map((g) => ({ question: g.question, members: g.members }));

describe('grouping similar questions for the report', () => {
  it('keys a question by its analysed terms: case, stop words, punctuation and word endings do not matter', () => {
    expect(questionTerms('What did Kishida PROMISE?')).toEqual(questionTerms('kishida promises'));
    expect(questionTerms('What is the tariff on rice?')).toEqual(['rice', 'tariff']);
  });

  it('groups the same question asked in different words, most frequent group first', () => {
    const groups = group([
      'What is the rice tariff?',
      'Who chairs the CPTPP group?',
      'rice tariffs',
      'RICE TARIFF!!',
      'who chairs cptpp group',
    ]);
    expect(groups.map((g) => g.members.length)).toEqual([3, 2]);
    expect(groups[0]!.members).toEqual(['What is the rice tariff?', 'rice tariffs', 'RICE TARIFF!!']);
    expect(groups[1]!.members).toEqual(['Who chairs the CPTPP group?', 'who chairs cptpp group']);
  });

  it('joins a question that shares at least half of its terms with a bigger group, and keeps unrelated ones apart', () => {
    const groups = group(['rice tariff', 'rice tariff', 'rice tariff in Japan', 'rice prices', 'steel tariff', 'Taiwan Strait']);
    expect(groups[0]!.members).toEqual(['rice tariff', 'rice tariff', 'rice tariff in Japan']);
    // "rice prices" and "steel tariff" share one term of three with "rice tariff": under half, so apart.
    expect(groups.map((g) => g.members.length)).toEqual([3, 1, 1, 1]);
    expect(
      groups
        .slice(1)
        .map((g) => g.question)
        .sort(),
    ).toEqual(['Taiwan Strait', 'rice prices', 'steel tariff']);
  });

  it('shows the most frequent wording, the latest of those', () => {
    const groups = group(['Rice tariff?', 'rice tariffs in japan', 'rice tariff', 'rice tariff!']);
    expect(groups).toHaveLength(1);
    expect(groups[0]!.question).toBe('rice tariff!');
  });

  it('groups questions with no searchable word by their text, never with each other', () => {
    const groups = group(['🙂', '🙂', 'what is it?', 'What is it']);
    expect(groups.map((g) => g.members)).toEqual([
      ['🙂', '🙂'],
      ['what is it?', 'What is it'],
    ]);
  });

  // How long it takes is `npm run bench:event-loop`'s figure (/report on a busy channel); a time limit here failed under load.
  it('places each of thousands of distinct questions in exactly one group', () => {
    const questions = Array.from({ length: 5000 }, (_, i) => `question about topic${i} and subject${i % 50}`);
    const groups = group(questions);
    expect(groups.flatMap((g) => g.members).sort()).toEqual([...questions].sort());
  });
});
