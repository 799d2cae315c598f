import { describe, expect, it } from 'vitest';
import { passingMentions } from '../../src/alerts/passingMentions';
import { FILLER, firingsOver, story } from './newsLibrary';

const WORDS = /[A-Za-z0-9]+/g;
const marked = (text: string) => {
  const read = passingMentions(text, WORDS);
  return read ? read.words.filter((_, i) => read.flags?.[i] === 1) : [];
};

describe('an event still to come named as a time', () => {
  it('marks the event after a preposition of time and a determiner that looks ahead', () => {
    expect(marked('It is expected to be the last Queen’s Speech before a general election next spring.')).toEqual([
      'general',
      'election',
      'next',
      'spring',
    ]);
    expect(marked('Reform will not be brought forward until after the next general election, Mr Hain said.')).toEqual([
      'general',
      'election',
    ]);
    expect(marked('The party would stand candidates in the coming general election on a platform of leaving the EU.')).toEqual([
      'general',
      'election',
    ]);
    expect(marked('Ministers want the bill passed ahead of an expected general election in May.')).toEqual(['general', 'election']);
  });

  it('leaves a past or a definite event alone', () => {
    // "The" alone does not look ahead: a past event is often the story's own subject.
    expect(marked('Car makers changed course after the 1973 oil crisis.')).toEqual([]);
    expect(marked('Labour won a third term in the general election on Thursday.')).toEqual([]);
    expect(marked('Tony Blair is expected to call a general election for 5 May.')).toEqual([]);
    // "A" looks ahead only after "before", "until", "ahead of": "in a statement", "after a long debate" are no time to come.
    expect(marked('In a statement after a long debate, ministers said the budget was final.')).toEqual([]);
    // "Before a" after a verb of appearing is a place: the committee or court is where the story happens.
    expect(marked('Ministers appeared before a committee of MPs to defend control orders.')).toEqual([]);
    expect(marked('The detainees were brought before a court in London on Monday.')).toEqual([]);
  });
});

describe('topic alerts and time references', () => {
  const filler = FILLER.slice(0, 4);
  const fires = firingsOver([
    // A Lords reform story that names the election only as when it will happen (UK library, uk-1-020).
    story('lords-delay', "Lords reform 'on hold'", [
      'Plans to complete reform of the House of Lords will not be brought forward until after the next general election, Commons Leader Peter Hain has confirmed.',
      'Labour MP Robin Cook said the delay was disappointing but predictable.',
      'Peers have resisted a largely elected chamber.',
      ...filler,
    ]),
    story('poll-date', 'Blair names the day', [
      'Tony Blair has called a general election for 5 May, ending months of speculation.',
      'The prime minister said the general election would be a choice between going forward and going back.',
      'Michael Howard said the general election was a chance to hold the government to account.',
      ...filler,
    ]),
    story('campaign', 'Parties gear up for poll', [
      'The parties are preparing for the general election, with Labour well ahead in the polls.',
      'Campaign chiefs say the general election will be fought on the economy.',
      ...filler,
    ]),
  ]);

  it('does not fire a topic named only as the time of another story', () => {
    const fired = fires('general election');
    expect(fired.has('lords-delay')).toBe(false);
    expect(fired.has('poll-date')).toBe(true);
    expect(fired.has('campaign')).toBe(true);
  });
});
