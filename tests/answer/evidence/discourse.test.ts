import { describe, expect, it } from 'vitest';
import { discourseEvidence } from '../../../src/answer/evidence/discourse';

const even = () => 1;

describe('how a sentence leans on its article', () => {
  it('sees a sentence opening with a pronoun', () => {
    expect(discourseEvidence('when was it released', 'It was released in May.', 'One More Light', even).pronounStart).toBe(1);
    expect(discourseEvidence('when was it released', '“They said so,” he wrote.', 'x', even).pronounStart).toBe(1);
    expect(discourseEvidence('when was it released', 'Items were released in May.', 'x', even).pronounStart).toBe(0);
  });

  it('weighs the question words the sentence lacks and the title has', () => {
    const evidence = discourseEvidence('when did linkin park release one more light', 'It was released on May 19.', 'One More Light', even);
    // Terms: linkin, park, releas, one, light ("more" is a stop word); "one" and "light" are in the title only.
    expect(evidence.titleCovers).toBeCloseTo(2 / 5);
    expect(discourseEvidence('when was the light released', 'The light was released.', 'Light', even).titleCovers).toBe(0);
  });
});
