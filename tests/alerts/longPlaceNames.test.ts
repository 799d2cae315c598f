import { describe, expect, it } from 'vitest';
import { FILLER, firingsOver, story } from './newsLibrary';

// A place named in full with "of the" is one name: the short name inside it is that place, not another (issue 16).
describe('long place names', () => {
  const filler = FILLER.slice(0, 4);
  const fires = firingsOver([
    story('drc-rwanda', 'Congo prepares to confront Rwanda', [
      'The Democratic Republic of the Congo may be preparing to have its troops face those of Rwanda on the Congo side of the border.',
      "Congo's president accused Rwanda of being predatory.",
      ...filler,
    ]),
    story('beijing-aid', 'Japan to cut aid to China', [
      "Japan is to reduce its aid to the People's Republic of China next year.",
      'Officials in China said the aid had helped build roads.',
      ...filler,
    ]),
    story('democrats', 'Democratic Party picks new chairman', [
      'The Democratic Party has picked Howard Dean as its chairman.',
      'Democratic Party officials said he would rebuild the party in the states.',
      ...filler,
    ]),
  ]);

  it('reads the short name inside a long one as the long one\'s place ("Congo" of the DR Congo)', () => {
    // Before, the story's "Congo" was the Republic of the Congo's name: "Republic of the Congo is overseas".
    expect(fires('overseas troops', 0.5).get('drc-rwanda')).toMatch(/, DR Congo is overseas$/);
    expect(fires('Africa').get('drc-rwanda')).toMatch(/, DR Congo is in Africa$/);
  });

  it('does not take a long name inside a longer one: Taiwan\'s "Republic of China" in the People\'s Republic', () => {
    expect(fires('China').has('beijing-aid')).toBe(true);
    expect(fires('Taiwan').has('beijing-aid')).toBe(false);
  });

  it("does not read a country's long name as a party's name", () => {
    expect(fires('Democratic Party').has('drc-rwanda')).toBe(false);
    expect(fires('Democratic Party').has('democrats')).toBe(true);
  });
});
