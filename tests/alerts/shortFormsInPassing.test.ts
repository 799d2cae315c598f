import { describe, expect, it } from 'vitest';
import { FILLER, firingsOver, story } from './newsLibrary';

// A topic written in short ("ID cards") is said in passing where the article's full form is: in a list of subjects.
describe('short and full forms said in passing', () => {
  const filler = FILLER.slice(0, 5);
  const fires = firingsOver([
    story('manifesto', "Tories launch manifesto on 'accountability'", [
      'The Conservatives promised action on crime, identity cards, schools and hospitals.',
      'Michael Howard said a Conservative government would say what it means.',
      ...filler,
    ]),
    story('identity-bill', 'Commons backs compulsory scheme', [
      'The identity cards bill cleared the Commons on Tuesday by 31 votes.',
      'Ministers said identity cards would help fight fraud.',
      ...filler,
    ]),
    story('queens-speech', 'Queen sets out bills', [
      'The Queen set out 45 bills, with identity cards first among them.',
      'Ministers said identity cards would be compulsory within five years.',
      ...filler,
    ]),
  ]);

  it('does not fire a short-form topic on its full form inside a list, as for its own words', () => {
    const fired = fires('ID cards');
    expect(fired.has('manifesto')).toBe(false);
    expect(fired.has('identity-bill')).toBe(true);
    expect(fired.has('queens-speech')).toBe(true);
  });
});
