/**
 * Names and words that newsrooms use for the same thing, reviewed by hand.
 *
 * Why a list: a subscriber writes a topic in their own words ("GOP",
 * "Tories", "tech") and the article in the paper's ("the Republican Party",
 * "the Conservatives", "technology"). Neither the stemmer nor the library's
 * related words join them: "GOP" and "Republican" share no letters, and a
 * related word never stands in for a name (MATCHING.md). So the few
 * equivalences every news reader knows are written here once. Only general,
 * well-known ones: a party and its short forms, an organisation and its
 * initials, a country's everyday names that the gazetteer (places.ts) lacks.
 * Nothing fitted to one topic list.
 *
 * Each group says one thing. A capitalised entry is a name (matched as
 * capitalised whole words, as topic names are); a lower-case entry is a word,
 * matched by stem. A topic word (or words) equal to any entry also matches
 * the others.
 */
export const ALIASES: readonly (readonly string[])[] = [
  // United States parties. "Republican" alone is left out: it is also Ireland's and France's word.
  ['GOP', 'Republican Party', 'Republicans'],
  ['Democratic Party', 'Democrats'],
  // United Kingdom parties.
  ['Conservative Party', 'Conservatives', 'Tories', 'Tory'],
  ['Labour Party', 'Labour'],
  ['Liberal Democrats', 'Lib Dems'],
  // Organisations by their initials.
  ['EU', 'European Union'],
  ['UN', 'United Nations'],
  ['NHS', 'National Health Service'],
  // Countries' everyday names and initials (the gazetteer has the official ones). "U.S." and "U.K." are read as "US", "UK".
  ['US', 'USA', 'United States', 'America'],
  ['UK', 'United Kingdom', 'Britain', 'Great Britain'],
  // Words a subscriber shortens.
  ['tech', 'technology'],
];
