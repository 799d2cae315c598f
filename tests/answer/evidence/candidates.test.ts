import { describe, expect, it } from 'vitest';
import { candidateEvidence, focusTerm } from '../../../src/answer/evidence/candidates';

describe('answer candidates in the sentence', () => {
  it('finds a year next to the question words for a when question', () => {
    const near = candidateEvidence('when was the treaty signed', 'The treaty was signed in 2007 by the member states.');
    expect(near.typedCandidate).toBe(1);
    expect(near.candidateGap).toBeCloseTo(0.2);
  });

  it('a year far from the question words is far', () => {
    const far = candidateEvidence(
      'when was the treaty signed',
      'The treaty was signed by the member states after long talks among many of their ministers, who first met in 2007.',
    );
    expect(far.typedCandidate).toBe(1);
    expect(far.candidateGap).toBe(1);
  });

  it('a year the question already says is no candidate', () => {
    expect(candidateEvidence('who signed the treaty in 2007', 'the treaty was signed in 2007.').typedCandidate).toBe(0);
    expect(candidateEvidence('when was the 2007 treaty signed', 'The 2007 treaty was signed quickly.').typedCandidate).toBe(0);
  });

  it('a name for who that is not a question word, never the sentence opening', () => {
    expect(candidateEvidence('who signed the treaty', 'The treaty was signed by Merkel.').typedCandidate).toBe(1);
    expect(candidateEvidence('who signed the Lisbon treaty', 'Lisbon signed the treaty.').typedCandidate).toBe(0);
  });

  it('questions of no type have no candidate', () => {
    expect(candidateEvidence('what did the treaty change', 'The treaty changed the voting rules in 2009.')).toMatchObject({
      typedCandidate: 0,
      candidateGap: 1,
    });
  });

  it('reads the focus noun and whether the sentence has it', () => {
    expect(focusTerm('which team won the cup')).toBe('team');
    expect(focusTerm('what kind of guns are allowed')).toBe('gun');
    expect(focusTerm('whats the capital of Peru')).toBeUndefined();
    expect(candidateEvidence('which team won the cup', 'The team from Leeds won the cup.').focusPresent).toBe(1);
    expect(candidateEvidence('which team won the cup', 'Leeds won the cup.').focusPresent).toBe(0);
    expect(candidateEvidence('who won the cup', 'Leeds won the cup.').focusPresent).toBe(-1);
  });
});
