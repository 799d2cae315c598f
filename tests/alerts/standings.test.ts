import { describe, expect, it } from 'vitest';
import { passingMentions } from '../../src/alerts/passingMentions';
import { FILLER, firingsOver, story } from './newsLibrary';

const WORDS = /[A-Za-z0-9]+/g;
const marked = (text: string) => {
  const read = passingMentions(text, WORDS);
  return read ? read.words.filter((_, i) => (read.flags?.[i] ?? 0) !== 0) : [];
};

describe('standings in a sentence', () => {
  it('marks the names and words of a list whose items end in figures, the opening clause left out', () => {
    expect(marked('The survey puts Labour on 37%, the Conservatives on 32% and the Liberal Democrats on 21%.')).toEqual([
      'Labour',
      'on',
      '37',
      'the',
      'Conservatives',
      'on',
      '32',
      'the',
      'Liberal',
      'Democrats',
      'on',
      '21',
    ]);
  });

  it('leaves a list of names without figures, and figures in two items, alone', () => {
    expect(marked('Tony Blair, Michael Howard and Charles Kennedy attended the ceremony.')).toEqual([]);
    expect(marked('Labour won 355 seats and the Conservatives 198.')).toEqual([]);
  });
});

describe('topic alerts and standings', () => {
  const filler = FILLER.slice(0, 4);
  const fires = firingsOver([
    // A poll story names every party in its standings: it is about the poll, not the third party (UK library, uk-2-062).
    story('poll', 'Poll gap narrows as campaign intensifies', [
      'Labour’s lead over the Conservatives has narrowed to three points, according to a new poll.',
      'The survey puts Labour on 37%, the Conservatives on 34% and the Liberal Democrats on 21%.',
      'Pollsters said the campaign had barely begun.',
      ...filler,
    ]),
    story('lib-dem-plans', 'Kennedy sets out tax plans', [
      'The Liberal Democrats have set out plans for a local income tax.',
      'Charles Kennedy said the Liberal Democrats would scrap council tax.',
      ...filler,
    ]),
  ]);

  it('does not fire a party named only as one of the standings', () => {
    const fired = fires('Liberal Democrats');
    expect(fired.has('poll')).toBe(false);
    expect(fired.has('lib-dem-plans')).toBe(true);
  });
});
