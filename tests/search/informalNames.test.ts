import { describe, expect, it } from 'vitest';
import { otherSpelling, spellingFor } from '../../src/search/informalNames';

describe('informal names said the other way', () => {
  it('says a party as the news may write it, in the same number', () => {
    expect(otherSpelling('did the tories win the election')).toBe('did the Conservatives win the election');
    expect(otherSpelling('who is the Tory leader')).toBe('who is the Conservative leader');
    expect(otherSpelling('what did the lib dems promise')).toBe('what did the Liberal Democrats promise');
    expect(otherSpelling('who leads the Liberal Democrats?')).toBe('who leads the Lib Dems?');
    expect(otherSpelling('what did the Conservatives say')).toBe('what did the Tories say');
  });

  it('swaps every name at once', () => {
    expect(otherSpelling('tories and lib dems on the budget')).toBe('Conservatives and Liberal Democrats on the budget');
  });

  it('leaves everyday words and questions naming none alone', () => {
    expect(otherSpelling('tell us about the budget')).toBeUndefined();
    expect(otherSpelling('what are conservative estimates of the cost')).toBeUndefined();
    expect(otherSpelling('who is the chancellor')).toBeUndefined();
    expect(otherSpelling('history of the territory')).toBeUndefined();
  });
});

describe('the spelling a sentence answers', () => {
  it('is the one whose words the sentence says', () => {
    expect(spellingFor('who is the tory leader', 'Conservative leader Michael Howard said so.')).toBe('who is the Conservative leader');
    expect(spellingFor('who is the tory leader', 'The Tory leader Michael Howard said so.')).toBe('who is the tory leader');
    expect(spellingFor('who is the chancellor', 'Chancellor Gordon Brown said so.')).toBe('who is the chancellor');
  });
});
