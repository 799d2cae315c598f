import { createRequire } from 'node:module';
import { fold } from '../search/analyzer';

/**
 * A gazetteer for topics said at another level than the article's words: a
 * subscriber to "Europe" wants the story about Germany's election, one to
 * "Iraq" the story from Baghdad. Read from the npm package world-countries
 * (mledoze/countries, ODbL 1.0, see NOTICE): each country's common and
 * official names, other spellings, English demonyms, capitals, region and
 * subregion. Only capitalised names are kept, as topic names match only
 * capitalised words (topicTerms.ts).
 */

/** A way of saying a place: as written (for reasons), and its words folded and joined by one space (what matching looks up). */
export interface Saying {
  text: string;
  key: string;
}

/** A country: its sayings (names, demonyms, capitals), and what reasons call it. */
export interface Place {
  name: string;
  sayings: Saying[];
  /** The sayings' keys, looked up for every region topic judged. */
  keys: string[];
}

/** A region: its own sayings ("Europe", "European") and its countries. */
export interface Region extends Place {
  members: Place[];
}

interface Country {
  name: { common: string; official: string };
  cca3: string;
  unMember: boolean;
  capital?: string[];
  altSpellings?: string[];
  region: string;
  subregion?: string;
  demonyms?: { eng?: { f: string; m: string } };
}

/** Countries that are not UN members but are written about as countries. Territories (Jersey, Bermuda) are left out. */
const ALSO_COUNTRIES = new Set(['PSE', 'XKX', 'TWN', 'VAT']);

/**
 * Everyday names the package does not list, or no longer lists as the common
 * name (the first is what reasons call the country); "U.S." and "U.K." are
 * read as "US" and "UK" (topicTerms.ts).
 */
const EVERYDAY_NAMES: Record<string, string[]> = {
  USA: ['United States', 'US', 'USA', 'America'],
  GBR: ['United Kingdom', 'UK', 'Britain', 'Great Britain'],
  TUR: ['Turkey'],
  CZE: ['Czech Republic'],
  MKD: ['Macedonia'],
  CIV: ['Ivory Coast'],
  PSE: ['Palestine', 'Palestinian Territories'],
};

/**
 * Names left out because English news uses them more often for something
 * else: Georgia the US state, capitals that are also common place or person
 * names elsewhere (Victoria in Australia, Kingston in England, Georgetown the
 * university), and "Island", Iceland's own name, a word of every island's name.
 */
const AMBIGUOUS = new Set(['georgia', 'georgian', 'victoria', 'kingston', 'georgetown', 'island']);

/**
 * Place names that are also ordinary English words or common first names
 * (reviewed by hand from the gazetteer's one-word names): "Jordan scores 40",
 * "Turkey prices rose", "Chad Johnson", "Male voters".
 * They say their country only when the article confirms it (articleEvidence.ts).
 */
const ORDINARY_WORDS = new Set([
  'male',
  'chad',
  'jordan',
  'sofia',
  'guinea',
  'turkey',
  'china',
  'lima',
  'santiago',
  'paris',
  'holland',
  'polish',
  'wellington',
  'manila',
  'nassau',
  'panama',
]);

/**
 * The United Kingdom's nations, which the package does not list: British news
 * names them far more than the UK ("Scottish ministers", "the Welsh
 * Assembly"). Each is a place of its own for a topic ("Scotland" reaches
 * "Scottish" and "Holyrood"'s Edinburgh), in no region (a story about Wales
 * is not European news), and "Northern Ireland" is one name, so its "Ireland"
 * is not the Republic.
 */
const UK_NATIONS: { name: string; sayings: string[] }[] = [
  { name: 'England', sayings: ['England', 'English'] },
  { name: 'Scotland', sayings: ['Scotland', 'Scottish', 'Scots', 'Edinburgh'] },
  { name: 'Wales', sayings: ['Wales', 'Welsh', 'Cardiff'] },
  { name: 'Northern Ireland', sayings: ['Northern Ireland', 'Northern Irish', 'Belfast'] },
];

/** US states, for "Paris, Texas": a city named with its state is not the country's capital. */
export const US_STATES =
  /\b(\p{Lu}\p{L}+),? (?:Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia|Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|Ohio|Oklahoma|Oregon|Pennsylvania|Tennessee|Texas|Utah|Vermont|Virginia|Wisconsin|Wyoming|New York|New Jersey|New Mexico|New Hampshire|North Carolina|South Carolina|North Dakota|South Dakota|Rhode Island|West Virginia|Ontario|Quebec)\b/gu;

/**
 * Regions as newsrooms name them, built from the package's regions and
 * subregions. Latin America and the Middle East are not regions of the
 * package; they are written here as the usual lists (the Middle East: the
 * Arab states of Western Asia, Israel, Palestine, Turkey, Iran and Egypt; Latin America: South and
 * Central America, Mexico and the Spanish- and French-speaking Caribbean).
 * Eastern Europe is the former eastern bloc in news usage: the package's
 * Eastern and Southeast Europe, with Poland, Czechia, Slovakia and Hungary.
 */
const MIDDLE_EAST = ['ARE', 'BHR', 'IRQ', 'IRN', 'ISR', 'JOR', 'KWT', 'LBN', 'OMN', 'PSE', 'QAT', 'SAU', 'SYR', 'TUR', 'YEM'];
const REGIONS: { names: string[]; demonyms?: string[]; regions?: string[]; subregions?: string[]; add?: string[]; drop?: string[] }[] = [
  { names: ['Europe'], demonyms: ['European'], regions: ['Europe'], add: ['EU', 'European Union'] },
  // In the news "Asia" is the east and south of it; the Middle East is a region of its own.
  { names: ['Asia'], demonyms: ['Asian'], regions: ['Asia'], drop: MIDDLE_EAST },
  { names: ['Africa'], demonyms: ['African'], regions: ['Africa'] },
  { names: ['Oceania'], regions: ['Oceania'] },
  { names: ['Americas'], regions: ['Americas'] },
  {
    names: ['Latin America'],
    demonyms: ['Latin American'],
    subregions: ['South America', 'Central America'],
    add: ['MEX', 'CUB', 'DOM', 'HTI'],
  },
  { names: ['Middle East', 'Mideast'], demonyms: ['Middle Eastern'], add: [...MIDDLE_EAST, 'EGY'] },
  { names: ['South America'], demonyms: ['South American'], subregions: ['South America'] },
  { names: ['Central America'], demonyms: ['Central American'], subregions: ['Central America'] },
  { names: ['North America'], demonyms: ['North American'], subregions: ['North America'] },
  { names: ['Caribbean'], subregions: ['Caribbean'] },
  {
    names: ['Eastern Europe'],
    demonyms: ['East European', 'Eastern European'],
    subregions: ['Eastern Europe', 'Southeast Europe'],
    add: ['POL', 'CZE', 'SVK', 'HUN'],
  },
  { names: ['Western Europe'], demonyms: ['West European', 'Western European'], subregions: ['Western Europe'] },
  { names: ['Northern Europe'], subregions: ['Northern Europe'] },
  { names: ['Southern Europe'], subregions: ['Southern Europe'] },
  { names: ['Central Europe'], subregions: ['Central Europe'] },
  { names: ['Balkans'], demonyms: ['Balkan'], subregions: ['Southeast Europe'] },
  { names: ['Scandinavia'], demonyms: ['Scandinavian'], add: ['DNK', 'NOR', 'SWE'] },
  { names: ['East Asia'], demonyms: ['East Asian'], subregions: ['Eastern Asia'] },
  { names: ['Southeast Asia', 'South East Asia'], demonyms: ['Southeast Asian'], subregions: ['South-Eastern Asia'] },
  { names: ['South Asia'], demonyms: ['South Asian'], subregions: ['Southern Asia'] },
  { names: ['Central Asia'], demonyms: ['Central Asian'], subregions: ['Central Asia'] },
  { names: ['North Africa'], demonyms: ['North African'], subregions: ['Northern Africa'] },
  { names: ['West Africa'], demonyms: ['West African'], subregions: ['Western Africa'] },
  { names: ['East Africa'], demonyms: ['East African'], subregions: ['Eastern Africa'] },
  { names: ['Southern Africa'], subregions: ['Southern Africa'] },
];

const WORD = /[\p{L}\p{N}]+/gu;
const isName = (words: string[]) => words.every((w) => /^\p{Lu}/u.test(w));

/** A name as matching reads it, or null when it is not a capitalised name of at most three words. */
function saying(text: string): Saying | null {
  const words = text.match(WORD) ?? [];
  if (words.length === 0 || words.length > 3 || !isName(words)) return null;
  const key = words.map(fold).join(' ');
  return AMBIGUOUS.has(key) ? null : { text, key };
}

const unique = (sayings: (Saying | null)[]) => {
  const seen = new Set<string>();
  return sayings.filter((s): s is Saying => s !== null && !seen.has(s.key) && Boolean(seen.add(s.key)));
};

interface Gazetteer {
  /** A name's key → the country it names (not its capital or demonym: a topic "Warsaw" is the city, not Poland). */
  places: Map<string, Place>;
  /** A region's saying's key → the region. */
  regions: Map<string, Region>;
  /** Every country, for the library's home country (homeCountry.ts). */
  countries: Place[];
  /** A country's nations (the United Kingdom's), which name it as home though they are places of their own. */
  nations: Map<Place, Place[]>;
  /** Multi-word place names ("Latin America", "New Zealand"): inside one, its words are not names of their own ("American" in "Latin American"). */
  compounds: Set<string>;
  /** Every multi-word saying, looked up where capitalised words follow one another. */
  phrases: Set<string>;
  /** One-word sayings that are also ordinary words ("jordan", "turkey") → the country they may name. */
  ordinary: Map<string, Place>;
  /**
   * Names written with "of", "the" or "and" ("Democratic Republic of the Congo", "Bosnia and Herzegovina"), by their
   * first word: read as one name where the article writes them, and another place's name inside ("Congo", the Republic
   * of the Congo's) then names this place in that article (articleEvidence.ts).
   */
  longNames: Map<string, LongName[]>;
}

/** A name with lower-case joining words: its words folded, and its key (those words joined by one space). */
export interface LongName {
  words: string[];
  key: string;
  place: Place;
}

/** Joining words a country's long name may hold in lower case ("s" of "People's Republic of China"). */
export const JOINING = new Set(['of', 'the', 'and', 's']);
/** Longer names are official styles news seldom writes ("United Kingdom of Great Britain and Northern Ireland"). */
const LONG_NAME_WORDS = 6;

/** A name that `saying` leaves out for its joining words, as a long name; null when it is no such name. */
function longName(text: string): Saying | null {
  const words = text.match(WORD) ?? [];
  if (words.length < 3 || words.length > LONG_NAME_WORDS) return null;
  if (!/^\p{Lu}/u.test(words[0]!) || !/^\p{Lu}/u.test(words[words.length - 1]!)) return null;
  if (!words.some((w) => JOINING.has(w)) || !words.every((w) => JOINING.has(w) || /^\p{Lu}/u.test(w))) return null;
  return { text, key: words.map(fold).join(' ') };
}

let gazetteer: Gazetteer | undefined;

/** Built once, when a topic or an article first needs it (the package is 1.4 MB of JSON). */
export function places(): Gazetteer {
  if (gazetteer) return gazetteer;
  const countries = (createRequire(import.meta.url)('world-countries/countries.json') as Country[]).filter(
    (c) => c.unMember || ALSO_COUNTRIES.has(c.cca3),
  );
  const byCode = new Map<string, Place>();
  const namesOf = new Map<Place, Set<string>>();
  const out: Gazetteer = {
    countries: [],
    nations: new Map(),
    places: new Map(),
    regions: new Map(),
    compounds: new Set(),
    phrases: new Set(),
    ordinary: new Map(),
    longNames: new Map(),
  };
  for (const c of countries) {
    const demonyms = [c.demonyms?.eng?.m, c.demonyms?.eng?.f].flatMap((d) => (d ? d.split(/, | or /) : []));
    const capitals = (c.capital ?? []).map((capital) => capital.replace(/ D\.C\.$/, ''));
    // Two- and three-letter codes ("DE", "IT") are ordinary words in capitals: the ones newsrooms use are everyday names.
    const otherNames = (c.altSpellings ?? []).filter((name) => !/^[A-Z]{2,3}$/.test(name));
    const names = [c.name.common, c.name.official, ...(EVERYDAY_NAMES[c.cca3] ?? []), ...otherNames];
    const longs = unique(names.map(longName));
    const sayings = [...unique([...names, ...demonyms, ...capitals].map(saying)), ...longs];
    const place = { name: EVERYDAY_NAMES[c.cca3]?.[0] ?? c.name.common, sayings, keys: [] };
    for (const long of longs) {
      const words = long.key.split(' ');
      out.longNames.set(words[0]!, [...(out.longNames.get(words[0]!) ?? []), { words, key: long.key, place }]);
    }
    byCode.set(c.cca3, place);
    namesOf.set(place, new Set(names.flatMap((n) => saying(n)?.key ?? [])));
  }
  out.countries = [...byCode.values()];
  const nations = UK_NATIONS.map(({ name, sayings }) => ({ name, sayings: unique(sayings.map(saying)), keys: [] as string[] }));
  out.nations.set(byCode.get('GBR')!, nations);
  for (const nation of nations) {
    // Only the nation's own name makes a topic this place ("Belfast" stays the city), as for countries.
    out.places.set(saying(nation.name)!.key, nation);
    for (const s of nation.sayings) if (s.key.includes(' ')) out.compounds.add(s.key);
  }
  for (const place of byCode.values()) {
    for (const s of place.sayings) {
      if (!out.places.has(s.key) && namesOf.get(place)!.has(s.key)) out.places.set(s.key, place);
      if (s.key.includes(' ')) out.compounds.add(s.key);
      if (ORDINARY_WORDS.has(s.key)) out.ordinary.set(s.key, place);
    }
  }
  for (const r of REGIONS) {
    const members = countries
      .filter((c) => r.regions?.includes(c.region) || r.subregions?.includes(c.subregion ?? '') || r.add?.includes(c.cca3))
      .filter((c) => !r.drop?.includes(c.cca3))
      .map((c) => byCode.get(c.cca3)!);
    const sayings = unique([...r.names, ...(r.demonyms ?? []), ...(r.add ?? []).filter((a) => !byCode.has(a))].map(saying));
    const region = { name: r.names[0]!, sayings, keys: [], members };
    // A topic names a region by its names; its demonym ("European Union") and the EU are only ways an article says it.
    for (const name of r.names) out.regions.set(saying(name)!.key, region);
    for (const s of sayings) {
      if (s.key.includes(' ') && !/^(eu|european union)$/.test(s.key)) out.compounds.add(s.key);
    }
  }
  // A continent is also said by its parts' names ("Southeast Asia" is Asia), which would otherwise hide its name.
  for (const continent of new Set(out.regions.values())) {
    if (!REGIONS.find((r) => r.names[0] === continent.name)?.regions) continue;
    for (const part of new Set(out.regions.values()))
      if (part !== continent && part.name.endsWith(` ${continent.name}`))
        continent.sayings = unique([...continent.sayings, ...part.sayings]);
  }
  for (const place of [...out.places.values(), ...out.regions.values()])
    for (const s of place.sayings) if (s.key.includes(' ')) out.phrases.add(s.key);
  // Places named inside another name are not that place: New Mexico and New York are in the United States.
  // Seas and oceans named for a people ("Indian Ocean", "South China Sea") are not their country.
  const seas = [...out.places.values()].flatMap((place) =>
    place.sayings.filter((s) => !s.key.includes(' ')).flatMap((s) => [`${s.key} ocean`, `${s.key} sea`]),
  );
  for (const key of [
    'new mexico',
    'new york',
    'new jersey',
    'new england',
    'new hampshire',
    'new south wales',
    'african american',
    'south china sea',
    'east china sea',
    ...seas,
  ]) {
    out.compounds.add(key);
    out.phrases.add(key);
  }
  for (const place of [...byCode.values(), ...nations, ...out.regions.values()]) place.keys = place.sayings.map((s) => s.key);
  gazetteer = out;
  return out;
}
