import { describe, expect, it } from 'vitest';
import { opensByPointingBack } from '../../src/search/pointsBack';

describe('opensByPointingBack', () => {
  const opens = (sentence: string) => opensByPointingBack(`Before. ${sentence}`, 'Before. '.length);

  it('reads a sentence opening with a word that points back, after an opening quote too', () => {
    for (const sentence of [
      'They agreed.',
      'He said so.',
      'This was new.',
      'That was the end.',
      'The two met.',
      '“It is done,” she said.',
      'Both sides agreed.',
    ]) {
      expect(opens(sentence), sentence).toBe(true);
    }
  });

  it('does not read one that names its subject, or a word that only begins like one', () => {
    for (const sentence of ['Japan agreed.', 'There were five.', 'Theresa May spoke.', 'Items were sold.', 'Hermes left.']) {
      expect(opens(sentence), sentence).toBe(false);
    }
  });

  it('looks only where the sentence starts', () => {
    expect(opensByPointingBack('Japan and they agreed.', 0)).toBe(false);
  });
});
