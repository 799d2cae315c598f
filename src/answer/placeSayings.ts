import { places } from '../alerts/places';
import { termOf } from '../search/analyzer';

let byTerm: Map<string, Set<string>> | undefined;

/**
 * The index terms of the one-word ways the gazetteer (src/alerts/places.ts,
 * the alerts' own) says the country or UK nation a term names: "america" →
 * america, american, us, usa; "ukraine" → ukrain, ukrainian, kyiv. A story
 * about a country names it as often by its people ("Americans contribute to
 * relief effort") as by its name. Several-word sayings are left out: their
 * words alone ("united", "states") name no place. Undefined for a term that
 * names none.
 */
export function placeTerms(term: string): ReadonlySet<string> | undefined {
  if (!byTerm) {
    byTerm = new Map();
    const { places: named, nations } = places();
    for (const place of new Set([...named.values(), ...[...nations.values()].flat()])) {
      const one = new Set(place.keys.filter((key) => !key.includes(' ')).map(termOf));
      one.delete('');
      for (const said of one) byTerm.set(said, new Set([...(byTerm.get(said) ?? []), ...one]));
    }
  }
  return byTerm.get(term);
}
