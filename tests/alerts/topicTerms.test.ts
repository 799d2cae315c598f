import { describe, expect, it } from 'vitest';
import { topicTerms } from '../../src/alerts/topicTerms';

const names = (topic: string) => topicTerms(topic).map((t) => `${t.word}${t.name ? '*' : ''}`);

describe('topicTerms: which topic words are names', () => {
  it('takes a capitalised word as a name, and a lone capitalised word too', () => {
    expect(names('Blair Brown feud')).toEqual(['blair*', 'brown*', 'feud']);
    expect(names('Brown')).toEqual(['brown*']);
    expect(names('US politics')).toEqual(['us*', 'politics']);
  });

  it('does not take a first word capitalised only because it starts the topic', () => {
    expect(names('Overseas aid')).toEqual(['overseas', 'aid']);
    expect(names('Climate change')).toEqual(['climate', 'change']);
    // A known place is a name wherever it stands.
    expect(names('Iraq war')).toEqual(['iraq*', 'war']);
    expect(names('council tax')).toEqual(['council', 'tax']);
  });

  it('drops stop words and single letters, and keeps each stem once', () => {
    expect(names('George W. Bush')).toEqual(['george*', 'bush*']);
    expect(names('elections and election')).toEqual(['elections']);
  });

  it('gives a place its demonyms and files the topic under their stems too', () => {
    const [iraq] = topicTerms('Iraq');
    expect(iraq!.demonyms).toContain('iraqi');
    expect(topicTerms('China')[0]!.demonyms).toContain('chinese');
    expect(topicTerms('Europe')[0]!.demonyms).toContain('european');
    expect(topicTerms('Brazil')[0]!.demonyms).toContain('brazilian');
    expect(iraq!.keys).toEqual(expect.arrayContaining(['iraq', 'iraqi']));
    expect(topicTerms('Brown')[0]!.demonyms).not.toContain('browne');
    expect(topicTerms('Iraq war')[0]!.demonyms).toContain('iraqi');
    expect(topicTerms('foreign aid')[1]!.demonyms).toEqual([]);
  });
});
