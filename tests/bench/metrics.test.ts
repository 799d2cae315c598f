import { describe, expect, it } from 'vitest';
import { halfOf } from '../../bench/dataset';
import { auroc } from '../../bench/metrics';
import { type QuestionRecord, summarise, tierRows } from '../../bench/userFigures';

describe('auroc', () => {
  it('is 1 when every positive outscores every negative, 0 when reversed, and counts ties half', () => {
    expect(auroc([0.9, 0.8, 0.2, 0.1], [true, true, false, false])).toBe(1);
    expect(auroc([0.9, 0.8, 0.2, 0.1], [false, false, true, true])).toBe(0);
    expect(auroc([0.5, 0.5, 0.5, 0.5], [true, false, true, false])).toBe(0.5);
    expect(auroc([0.9, 0.3, 0.5, 0.1], [true, true, false, false])).toBe(0.75);
  });

  it('is NaN when one class is missing', () => {
    expect(auroc([0.1, 0.2], [true, true])).toBeNaN();
  });
});

const record = (over: Partial<QuestionRecord>): QuestionRecord => ({
  id: 'q',
  question: 'q?',
  documentId: 'd',
  answerable: true,
  tier: 'answer',
  answered: true,
  confidence: 0.5,
  firstQuote: { articleId: 'd', start: 0, end: 1, text: 'x' },
  correct: true,
  rank: 1,
  ...over,
});

describe('summarise', () => {
  it('reads what users get: first quote right, declines by kind, precision of answers given', () => {
    const f = summarise('set', 'in-doc', [
      record({ confidence: 0.9 }),
      record({ answered: false, tier: 'uncertain', correct: true, confidence: 0.4 }),
      record({ answered: false, tier: 'none', correct: false, rank: 0, confidence: 0.1 }),
      record({ answerable: false, correct: false, rank: 0, confidence: 0.6 }),
      record({ answerable: false, answered: false, tier: 'none', correct: false, rank: 0, confidence: 0 }),
    ]);
    expect(f).toMatchObject({
      questions: 3,
      unanswerable: 2,
      p1: 2 / 3,
      top1: 2 / 3,
      declinedAnswerable: 2 / 3,
      declinedUnanswerable: 0.5,
      precisionAnswered: 0.5,
    });
    // Right first quotes (0.9, 0.4) against wrong or unanswerable (0.1, 0.6, 0): 5 of 6 pairs ordered.
    expect(f.confidenceAuroc).toBeCloseTo(5 / 6);
  });

  it('gives null for declined unanswerable questions when the set has none', () => {
    expect(summarise('set', 'open', [record({})]).declinedUnanswerable).toBeNull();
  });
});

describe('tierRows', () => {
  it('counts per tier the right first quotes among answerable questions and the unanswerable ones', () => {
    const rows = tierRows('set', 'open', [
      record({}),
      record({ tier: 'uncertain', answered: false, correct: false }),
      record({ tier: 'uncertain', answered: false, correct: true }),
      record({ tier: 'uncertain', answered: false, answerable: false, correct: false }),
      record({ tier: 'none', answered: false, correct: true }),
    ]).split('\n');
    expect(rows).toEqual([
      '| set | open | answer | 1 | 1 | 1 (1.000) | 0 |',
      '| set | open | uncertain | 3 | 2 | 1 (0.500) | 1 |',
      '| set | open | none | 1 | 1 | 1 (1.000) | 0 |',
    ]);
  });
});

describe('halfOf', () => {
  it('splits documents by id, the same way in every file', () => {
    const ids = Array.from({ length: 200 }, (_, i) => `doc-${i}`);
    const fit = ids.filter((id) => halfOf(id) === 'fit').length;
    expect(fit).toBeGreaterThan(70);
    expect(fit).toBeLessThan(130);
    expect(halfOf('Super_Bowl_50')).toBe(halfOf('Super_Bowl_50'));
  });
});
