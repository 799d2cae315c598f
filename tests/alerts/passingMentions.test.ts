import { describe, expect, it } from 'vitest';
import { passingMentions } from '../../src/alerts/passingMentions';
import { FILLER, firingsOver, story } from './newsLibrary';

const WORDS = /[A-Za-z0-9]+/g;
/** The words the rule marks as said in passing, as written. */
const marked = (text: string) => {
  const read = passingMentions(text, WORDS);
  // The words it reads are the caller's words, so the flags line up with them.
  if (read) expect(read.words).toEqual(text.match(WORDS));
  return read ? read.words.filter((_, i) => read.flags?.[i] === 1) : [];
};

describe('passing mentions in a sentence', () => {
  it('marks the field of a job title or a committee, capitalised or not', () => {
    expect(marked('Work and Pensions Secretary Alan Johnson said he shared the frustration.')).toEqual(['Work', 'Pensions']);
    expect(marked('The Commons work and pensions committee said the agency was in crisis.')).toEqual(['Commons', 'work', 'pensions']);
    expect(marked('Immigration Minister Des Browne said the fall showed the measures were working.')).toEqual(['Immigration']);
    expect(marked('He wrote to the Secretary of State for Work and Pensions.')).toEqual(['State', 'Work', 'Pensions']);
  });

  it('does not run a title past a possessive or a determiner', () => {
    expect(marked("Tony Blair's spokesman said the talks would go on.")).toEqual([]);
    expect(marked('Pensions are a matter for the secretary to decide.')).toEqual([]);
  });

  it('marks lower-case words of a list of three or more short items, not names nor a list of two', () => {
    expect(marked('The Conservatives promised action on crime, immigration, schools and hospitals.')).toEqual([
      'immigration',
      'schools',
      'hospitals',
    ]);
    expect(marked('Tony Blair, Michael Howard and Charles Kennedy attended the ceremony.')).toEqual([]);
    expect(marked('The party would campaign on immigration and on schools.')).toEqual([]);
    // The end of a longer phrase before the commas is not an item ("after the oil crisis" is not in the list of carmakers).
    expect(marked('A decade after the oil crisis, Honda, Toyota and Nissan opened plants.')).toEqual([]);
  });
});

describe('topic alerts and passing mentions', () => {
  const filler = FILLER.slice(0, 5);
  const articles = [
    // The example: a Child Support Agency story whose minister is the Work and Pensions Secretary.
    story('csa-review', 'Blunkett orders review of child support agency', [
      'Work and Pensions Secretary David Blunkett has ordered a review of the Child Support Agency, admitting it is failing many families.',
      'The agency has been hit by computer problems.',
      'The Commons work and pensions committee said in a report that the agency was in crisis.',
      'Shadow work and pensions secretary Malcolm Rifkind said the agency should be replaced.',
      ...filler,
    ]),
    story('pension-age', 'Unions threaten strike over pension age', [
      'Public sector unions have threatened strikes over plans to raise the pension age for new staff.',
      'Ministers say pensions must be affordable as people live longer.',
      'The unions said pensions were deferred pay and not a gift.',
      ...filler,
    ]),
    story('manifesto', "Tories launch manifesto on 'accountability'", [
      'The Conservatives have launched their election manifesto with a promise of action on crime, immigration, schools and hospitals.',
      'Michael Howard said a Conservative government would say what it means.',
      'Labour said the manifesto contained deep cuts to public services.',
      ...filler,
    ]),
    story('asylum-rules', 'New limits on immigration announced', [
      'The government has announced new limits on immigration from outside Europe.',
      'Ministers said immigration would be managed by a points system.',
      'Critics said the rules on immigration were too harsh.',
      ...filler,
    ]),
    // "Pensioners" stems to "pension": a story about pensioners' council tax is not about pensions.
    story('pensioner-protest', 'Pensioners stage council tax protest', [
      'Hundreds of pensioners have protested outside Parliament against council tax rises.',
      'A pensioners group said older people were being forced into poverty.',
      ...filler,
    ]),
    story('home-sec', 'Clarke sets out prison plans', [
      'Home Secretary Charles Clarke has set out plans for new prisons.',
      'Mr Clarke said places were needed for serious offenders.',
      ...filler,
    ]),
  ];
  const fires = firingsOver(articles);

  it('does not fire a topic said only in a job title', () => {
    const fired = fires('pensions');
    expect(fired.has('csa-review')).toBe(false);
    expect(fired.has('pension-age')).toBe(true);
  });

  it('does not fire a topic said only in a list of subjects', () => {
    const fired = fires('immigration');
    expect(fired.has('manifesto')).toBe(false);
    expect(fired.has('asylum-rules')).toBe(true);
  });

  it("does not take a person's noun for the word it was made from", () => {
    expect(fires('pensions').has('pensioner-protest')).toBe(false);
    expect(fires('pensioners').has('pensioner-protest')).toBe(true);
  });

  it('still fires a topic that names the office itself', () => {
    expect(fires('home secretary').has('home-sec')).toBe(true);
  });
});
