import { type Place, places } from './places';

/**
 * Words that name every place but home: "overseas aid", "foreign aid",
 * "troops abroad". The article says them by naming where ("UK pledges £1bn
 * to vaccine effort in Africa", "tsunami aid for Sri Lanka"), seldom by the
 * word itself, so such a topic word is read as a region whose members are
 * every country and region, and the library's home country (homeCountry.ts)
 * is left out as it is for any region. Lower-case only: "Foreign Office" is
 * an institution, not a place.
 */
const ABROAD_WORDS = new Set(['overseas', 'foreign', 'abroad']);

export function isAbroadWord(folded: string): boolean {
  return ABROAD_WORDS.has(folded);
}

let members: Place[] | undefined;

/** Every country and region, once: what "overseas" can be said by. */
export function abroadMembers(): Place[] {
  if (!members) {
    const { countries, regions } = places();
    members = [...countries, ...new Set(regions.values())];
  }
  return members;
}
