import type { Article } from '../library/article';
import { fold, stopwords, termOf, tokens } from '../search/analyzer';
import { NAME_IN_STANDINGS, namesAnOffice, passingMentions } from './passingMentions';
import { places as gazetteer, JOINING, type Place, US_STATES } from './places';
import { INSTITUTIONS, type TopicTerm, undot } from './topicTerms';

const WORD = /[\p{L}\p{N}]+/gu;
const ASCII_WORD = /[A-Za-z0-9]+/g;
const NON_ASCII = /[^\x00-\x7f]/;
const isCapital = (word: string) => {
  const code = word.charCodeAt(0);
  return code < 128 ? code >= 65 && code <= 90 : /^\p{Lu}/u.test(word);
};
/** A word as matching reads it: its folded form and stem ('' when it is skipped or a stop word). */
const reading = new Map<string, { folded: string; term: string } | null>();
const READING_LIMIT = 200_000;

function read(word: string): { folded: string; term: string } | null {
  let found = reading.get(word);
  if (found === undefined) {
    const folded = fold(word);
    found = folded.length < 2 && !/\p{N}/u.test(folded) ? null : { folded, term: termOf(folded) };
    if (reading.size >= READING_LIMIT) reading.clear();
    reading.set(word, found);
  }
  return found;
}
/** Words that, capitalised before a name, name a person as fully as their first name does. */
export const TITLES = new Set(
  'mr mrs ms miss dr sir lord lady dame president senator sen governor gov minister chancellor secretary premier judge justice general gen king queen prince princess pope rev reverend mayor rep congressman congresswoman ambassador commissioner sheikh ayatollah'.split(
    ' ',
  ),
);
/**
 * A person's noun the stemmer took back to its root ("pensioner" to "pension",
 * "campaigners" to "campaign", "officers" to "office"): someone, not the thing.
 */
const isAgent = (folded: string, term: string) =>
  (folded.endsWith('er') || folded.endsWith('ers')) && !term.endsWith('er') && folded.length > term.length + 1;
/** Whether an article's word is this word of a long name: its joining words in lower case, its names capitalised. */
const isLongNameWord = (word: string, folded: string) =>
  JOINING.has(folded) ? word === folded : isCapital(word) && read(word)?.folded === folded;
/** Where a word is, in `places`: the headline, or a sentence by its position. */
export const HEADLINE = -1;

// Every value, repeats kept (push keeps a place once, as places come in order).
const append = <T>(map: Map<string, T[]>, key: string, value: T) => {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
};
const push = (map: Map<string, number[]>, key: string, place: number) => {
  const list = map.get(key);
  if (!list) map.set(key, [place]);
  else if (list[list.length - 1] !== place) list.push(place);
};

/**
 * An article read once for matching: where each term and each capitalised
 * word stands (the headline, which sentences). A candidate topic then costs a
 * few map lookups per word, however long the article, which keeps matching
 * one article against thousands of topics fast.
 */
export class ArticleEvidence {
  /** Stem → places, in order. */
  private readonly byTerm = new Map<string, number[]>();
  /** Stem → the places where it is said only in passing (passingMentions.ts: in a job title, a list, a time reference, standings), for common words. */
  private readonly passingAt = new Map<string, number[]>();
  /** Stem → the places where it is said only as a person's noun whose "-er" the stemmer took off ("pensioners" for "pension"). */
  private readonly agentAt = new Map<string, number[]>();
  /** Folded capitalised word → places, in order: where names are looked up. */
  private readonly byName = new Map<string, number[]>();
  readonly sentenceCount: number;
  /** Folded words written in lower case somewhere: a name's last word seen so ("the court", "the party") is an ordinary word here. */
  private readonly lower = new Set<string>();
  /** Place names that are also ordinary words ("Jordan") → how often said as a name: mid-sentence, not beside another name, not in a Title-Case headline. */
  private readonly plainNames = new Map<string, number>();
  /** Folded name → the capitalised words written just before it (not titles): "jeb" for "bush" in "Jeb Bush". */
  private readonly namedBefore = new Map<string, Set<string>>();
  /**
   * Capitalised word → the places where it is written as part of a longer
   * name, with the capitalised word next to it ("michael" → "martin" in
   * "Speaker Michael Martin"): where a person's name word stands in another
   * person's name, it does not say that person. Not read in the headline,
   * which sets names side by side ("Blair Brown rift").
   */
  private readonly neighbours = new Map<string, { place: number; before?: string; after?: string }[]>();
  /** Names written before a US state ("Paris, Texas"): in this article they are not the country's capital. */
  private readonly stateTowns = new Set<string>();
  /** The headline's and each sentence's word tokens, read only when a topic has a phrase. */
  private tokenLists: string[][] | undefined;

  /** Long names the article writes ("democratic republic of the congo"): a place's name inside one names it (`longNamesSaid`). */
  private longSaid: Set<string> | undefined;

  constructor(readonly article: Article) {
    this.read(article.title, HEADLINE);
    article.sentences.forEach((span, at) => {
      this.read(article.text.slice(span.start, span.end), at);
    });
    if (this.longSaid) this.longNamesSaid(this.longSaid);
    this.sentenceCount = article.sentences.length;
  }

  /**
   * Where the article writes a long name, another place's name inside it names that long name's place everywhere in
   * the article: "Congo" in a story that says "Democratic Republic of the Congo" is the DR Congo, not the Republic of
   * the Congo (a reader takes the short name for the one the article named in full, as with a person's surname).
   */
  private longNamesSaid(said: ReadonlySet<string>): void {
    const { places, longNames } = gazetteer();
    for (const key of said) {
      const words = key.split(' ');
      const long = longNames.get(words[0]!)?.find((n) => n.key === key);
      if (!long) continue;
      for (const word of words) {
        const other = places.get(word);
        const at = this.byName.get(word);
        if (!other || other === long.place || !at) continue;
        const merged = [...new Set([...(this.byName.get(key) ?? []), ...at])].sort((a, b) => a - b);
        this.byName.set(key, merged);
        this.byName.delete(word);
      }
    }
  }

  private read(text: string, place: number): void {
    const { phrases, compounds, ordinary, longNames } = gazetteer();
    // Plain ASCII text, nearly all of it, takes a faster pattern with the same words.
    const written = text.includes('U.') ? undot(text) : text;
    const pattern = NON_ASCII.test(text) ? WORD : ASCII_WORD;
    // The headline says what a story is about whatever its form: only sentences have passing mentions.
    const marked = place === HEADLINE ? undefined : passingMentions(written, pattern);
    const words = marked?.words ?? written.match(pattern) ?? [];
    const passing = marked?.flags;
    if (text.includes(',')) for (const m of text.matchAll(US_STATES)) this.stateTowns.add(fold(m[1]!));
    // In a Title-Case headline ("Jordan Scores 40 As Bulls Win") every word is capitalised, names or not.
    const titleCase = place === HEADLINE && words.every((w) => w.length <= 3 || isCapital(w) || /^\p{N}/u.test(w));
    let aside: Set<string> | undefined;
    let said: Set<string> | undefined;
    let agents: Set<string> | undefined;
    let inCompound = -1;
    let title = false;
    for (let i = 0; i < words.length; i++) {
      const word = words[i]!;
      const found = read(word);
      if (!found) {
        title = false;
        continue;
      }
      if (found.term) {
        push(this.byTerm, found.term, place);
        if (passing) (passing[i] ? (aside ??= new Set()) : (said ??= new Set())).add(found.term);
        if (isAgent(found.folded, found.term)) (agents ??= new Set()).add(found.term);
      }
      if (!isCapital(word)) {
        this.lower.add(found.folded);
        title = false;
        continue;
      }
      if (
        ordinary.has(found.folded) &&
        i > 0 &&
        !titleCase &&
        !isCapital(words[i - 1]!) &&
        !(i + 1 < words.length && isCapital(words[i + 1]!))
      )
        this.plainNames.set(found.folded, (this.plainNames.get(found.folded) ?? 0) + 1);
      // A name with joining words ("Democratic Republic of the Congo") is one name: its "Congo" is not the other Congo.
      const long = i > inCompound ? longNames.get(found.folded) : undefined;
      // Not inside a longer name it does not know: "Republic of China" (Taiwan's) in "the People's Republic of China".
      if (long && !(i > 0 && (words[i - 1] === 's' || (isCapital(words[i - 1]!) && !stopwords.has(fold(words[i - 1]!)))))) {
        const name = long.find((n) => n.words.every((w, k) => i + k < words.length && isLongNameWord(words[i + k]!, w)));
        if (name) {
          push(this.byName, name.key, place);
          (this.longSaid ??= new Set()).add(name.key);
          inCompound = i + name.words.length - 1;
        }
      }
      // Known names of two or three words ("Latin America", "New Zealand"); inside one, the words are not names of their own.
      const next = i + 1 < words.length && isCapital(words[i + 1]!) ? read(words[i + 1]!) : null;
      if (next) {
        const two = `${found.folded} ${next.folded}`;
        const third = i + 2 < words.length && isCapital(words[i + 2]!) ? read(words[i + 2]!) : null;
        const three = third ? `${two} ${third.folded}` : '';
        for (const [phrase, length] of [
          [three, 3],
          [two, 2],
        ] as const) {
          if (!phrase || !phrases.has(phrase)) continue;
          push(this.byName, phrase, place);
          if (compounds.has(phrase)) inCompound = Math.max(inCompound, i + length - 1);
          break;
        }
      }
      // A name in standings is one of the field ("the Liberal Democrats on 21%"), not named there as the story's.
      if (i > inCompound && passing?.[i] !== NAME_IN_STANDINGS) push(this.byName, found.folded, place);
      if (i > 0 && !title && isCapital(words[i - 1]!)) {
        const before = read(words[i - 1]!)?.folded;
        if (before) {
          let set = this.namedBefore.get(found.folded);
          if (!set) this.namedBefore.set(found.folded, (set = new Set()));
          set.add(before);
        }
      }
      // A person named with a title ("President Bush", "Mr Brown") is named as fully as by their full name.
      if (title) push(this.byName, `~${found.folded}`, place);
      title = TITLES.has(found.folded);
    }
    if (aside) for (const term of aside) if (!said?.has(term)) push(this.passingAt, term, place);
    if (agents) {
      // Rare: only then are the sentence's words read again, for the thing itself said beside its person ("pensions" and "pensioners").
      for (const word of words) {
        const found = read(word);
        if (found && agents.has(found.term) && !isAgent(found.folded, found.term)) agents.delete(found.term);
      }
      for (const term of agents) push(this.agentAt, term, place);
    }
    if (place !== HEADLINE) this.readNeighbours(written, pattern, place);
  }

  /** Capitalised words written together, one space apart, as one name ("Speaker Michael Martin"; not "Blair, Howard"). */
  private readNeighbours(text: string, pattern: RegExp, place: number): void {
    let previous: { folded: string; end: number; title: boolean } | undefined;
    for (const m of text.matchAll(pattern)) {
      const word = m[0];
      const found = isCapital(word) ? read(word) : null;
      // A stop word is capitalised only because it opens a sentence ("When Brown rose", "But Brown said"): no one's first name.
      if (!found || found.term === '') {
        previous = undefined;
        continue;
      }
      if (previous && !previous.title && m.index === previous.end + 1 && text[previous.end] === ' ') {
        append(this.neighbours, previous.folded, { place, after: found.folded });
        append(this.neighbours, found.folded, { place, before: previous.folded });
      }
      previous = { folded: found.folded, end: m.index + word.length, title: TITLES.has(found.folded) };
    }
  }

  /** Whether the article holds the term anywhere (by stem): the percolator's cheap test. */
  hasTerm(term: string): boolean {
    return this.byTerm.has(term);
  }

  /** Whether the headline or one sentence says these words one after another (folded, stop words kept; `tokens` of the analyzer). */
  hasPhrase(phrase: readonly string[]): boolean {
    if (phrase.length === 0) return false;
    this.tokenLists ??= [this.article.title, ...this.article.sentences.map((span) => this.article.text.slice(span.start, span.end))].map(
      tokens,
    );
    return this.tokenLists.some((list) => {
      for (let at = list.indexOf(phrase[0]!); at !== -1 && at + phrase.length <= list.length; at = list.indexOf(phrase[0]!, at + 1)) {
        if (phrase.every((token, i) => list[at + i] === token)) return true;
      }
      return false;
    });
  }

  /** Where a stem is said (headline, sentences), ascending: for related words, which are matched as search matches them. */
  termPlaces(term: string): readonly number[] {
    return this.byTerm.get(term) ?? [];
  }

  /** A word of the article with this stem, as written (for naming related words in a reason); read only when asked. */
  wordFor(term: string): string {
    for (const text of [this.article.title, ...this.article.sentences.map((span) => this.article.text.slice(span.start, span.end))]) {
      for (const word of text.match(WORD) ?? []) if (read(word)?.term === term) return word;
    }
    return term;
  }

  terms(): IterableIterator<string> {
    return this.byTerm.keys();
  }

  /**
   * Where a place name is said as that place. A name that is also an ordinary
   * word ("Jordan", "Turkey", "Chad") counts only when the article also names
   * the country another way ("Jordanian", "Amman"; "Santiago" for "Chile") or says the word as a name
   * twice (mid-sentence, alone); a town named with its US state ("Paris,
   * Texas") is not the capital.
   */
  private placeNamed(key: string): readonly number[] | undefined {
    if (this.stateTowns.has(key)) return undefined;
    const country = gazetteer().ordinary.get(key);
    if (country && (this.plainNames.get(key) ?? 0) < 2) {
      const confirmed = country.keys.some((k) => k !== key && !this.stateTowns.has(k) && this.byName.has(k));
      if (!confirmed) return undefined;
    }
    return this.byName.get(key);
  }

  /** Where any of these place names is said (folded, words joined by a space), ascending, without repeats. */
  namePlaces(keys: readonly string[]): readonly number[] {
    let only: readonly number[] | undefined;
    let merged: Set<number> | undefined;
    for (const key of keys) {
      const more = this.placeNamed(key);
      if (!more) continue;
      if (!only) only = more;
      else for (const place of more) (merged ??= new Set(only)).add(place);
    }
    return merged ? [...merged].sort((a, b) => a - b) : (only ?? []);
  }

  /**
   * Whether the article names the person in full, in one sentence or the
   * headline ("George W. Bush"), or by title and surname ("President Bush")
   * when it also says their first name or names no other person of that
   * surname ("Governor Jeb Bush", then "Governor Bush", is another Bush); not
   * when the surname is an ordinary word here ("the party").
   */
  namesInFull(person: readonly string[]): boolean {
    const surname = person[person.length - 1]!;
    if (this.lower.has(surname)) return false;
    const lists = person.map((word) => this.byName.get(word) ?? []);
    if (this.byName.has(`~${surname}`)) {
      const others = [...(this.namedBefore.get(surname) ?? [])].filter((word) => !person.includes(word));
      if (lists[0]!.length > 0 || others.length === 0) return true;
    }
    return lists[0]!.some((place) => lists.every((list) => list.includes(place)));
  }

  /**
   * Where a topic word is said as the topic's own: a name as a capitalised
   * whole word (so "Brown" is not "Browne" nor "brown"), any other word by its
   * stem; either also by a capitalised demonym ("Iraqi" for "Iraq") and a
   * country's other names ("Baghdad", "Britain"); a first name also where the
   * surname is, once the person is named in full. A common word only in a
   * title or a list is not there (passingMentions.ts), unless the topic names
   * an office itself (`office`: "home secretary"). Ascending, without repeats.
   */
  ownPlaces(term: TopicTerm, office = false): readonly number[] {
    let own: readonly number[] =
      (term.name ? this.byName.get(term.word) : this.commonPlaces(term.term, office, isAgent(term.word, term.term))) ?? [];
    if (term.person) own = this.withoutOtherPeople(term.word, term.person, own);
    else if (term.bearer) own = this.bearersOwn(term.word, term.bearer, own);
    let merged: Set<number> | undefined;
    const add = (places: readonly number[] | undefined) => {
      if (places) for (const place of places) (merged ??= new Set(own)).add(place);
    };
    for (const form of term.demonyms) add(this.byName.get(form));
    add(term.alsoAt);
    // The singular ("Liberal Democrat spokesman") says the party only in an article that names it: else it is a passing title.
    if (term.singular && own.length > 0) add(this.singularPlaces(term, term.singular));
    for (const s of term.sayings) add(this.placeNamed(s.key));
    if (term.person && this.namesInFull(term.person)) {
      const surname = term.person[term.person.length - 1]!;
      add(this.withoutOtherPeople(surname, term.person, this.byName.get(surname) ?? []));
    }
    return merged ? [...merged].sort((a, b) => a - b) : own;
  }

  /**
   * Where a plural name's singular says the name, not a first name ("William Hague" is no Williams). In a name of
   * several words (topicTerms reads "Liberal Democrats" as it reads "Rowan Williams") only beside the name's own
   * words: "Liberal Democrat manifesto" is written, "Rowan William" never. Alone, not before another capitalised
   * word unless an institution's or a title ("Conservative Party", "Conservative MP") nor after a title; and never for a surname with
   * a bearer in the library, whose singular is a first name.
   */
  private singularPlaces(term: TopicTerm, singular: string): readonly number[] {
    const places = this.byName.get(singular);
    if (!places || term.bearer) return [];
    const near = this.neighbours.get(singular) ?? [];
    if (term.person) {
      const stems = new Set(term.person.filter((word) => word !== term.word).map(termOf));
      const own = (name: string | undefined) => name !== undefined && stems.has(termOf(name));
      const beside = new Set(near.filter(({ before, after }) => own(before) || own(after)).map(({ place }) => place));
      return places.filter((place) => beside.has(place));
    }
    const firstName = new Set([
      ...near.filter(({ after }) => after !== undefined && !INSTITUTIONS.has(after) && !TITLES.has(after)).map(({ place }) => place),
      // After a title it is someone's name ("Prince William"); no party is written so.
      ...(this.byName.get(`~${singular}`) ?? []),
    ]);
    return places.filter((place) => !firstName.has(place));
  }

  /**
   * A person's name word where it is not part of another person's name: a
   * first name followed by another surname ("Michael Martin" for Michael
   * Howard), a surname after another first name ("Nick Brown" for Gordon
   * Brown). Where the full name is also said, the place stays. A surname
   * followed by another capitalised word is left alone: that is more often
   * "Liberal Democrat Treasury spokesman" than another person.
   */
  private withoutOtherPeople(word: string, person: readonly string[], places: readonly number[]): readonly number[] {
    const near = this.neighbours.get(word);
    if (!near || places.length === 0) return places;
    const surname = word === person[person.length - 1];
    // By stem, so "Liberal Democrat spokesman" still says "Liberal Democrats".
    const stems = new Set(person.map(termOf));
    const foreign = (name: string | undefined) => name !== undefined && !stems.has(termOf(name));
    const other = new Set<number>();
    for (const { place, before, after } of near) if (surname ? foreign(before) : foreign(after)) other.add(place);
    if (other.size === 0) return places;
    const full = person.map((w) => this.byName.get(w) ?? []);
    return places.filter((place) => !other.has(place) || full.every((list) => list.includes(place)));
  }

  /**
   * A bare surname's places that are its library's dominant bearer's
   * (surnames.ts): all of them when the article names no one else of that
   * surname ("Mr Brown" and "Brown" where no other Brown is named); where it
   * names another, as for a person topic when the bearer is named too (not
   * where the other's first name stands, "Nick Brown"), and none when the
   * bearer is not named (the Brown there is someone else).
   */
  private bearersOwn(surname: string, first: string, places: readonly number[]): readonly number[] {
    const near = this.neighbours.get(surname);
    if (!near || places.length === 0) return places;
    const { places: known } = gazetteer();
    // Not another bearer: a stop word ("The Bush administration") or a place ("Scottish Brown" is rarer than the Scottish press's Brown).
    const other = near.some(({ before }) => before !== undefined && before !== first && !known.has(before) && termOf(before) !== '');
    if (!other) return places;
    return this.byName.has(first) ? this.withoutOtherPeople(surname, [first, surname], places) : [];
  }

  /**
   * Where a common word is said as itself: not only in a title or a list
   * (unless the topic names an office), nor only as a person's noun that
   * shares its stem ("pensioners" is not "pensions"; unless the topic's word
   * is one).
   */
  private commonPlaces(term: string, office: boolean, agent: boolean): readonly number[] | undefined {
    const all = this.byTerm.get(term);
    const passing = office ? undefined : this.passingAt.get(term);
    const agents = agent ? undefined : this.agentAt.get(term);
    if (!all || (!passing && !agents)) return all;
    return all.filter((place) => !passing?.includes(place) && !agents?.includes(place));
  }

  /** Where a region's country is said, by any of its names. */
  memberPlaces(member: Place): readonly number[] {
    return this.namePlaces(member.keys);
  }

  /** Where a topic word is said in any way: its own places and, for a region, its countries' (but the library's home). */
  places(term: TopicTerm, home?: ReadonlySet<Place>, office = false): readonly number[] {
    const own = this.ownPlaces(term, office);
    if (term.members.length === 0) return own;
    const all = new Set(own);
    for (const member of term.members) if (!home?.has(member)) for (const place of this.memberPlaces(member)) all.add(place);
    return all.size === own.length ? own : [...all].sort((a, b) => a - b);
  }

  /** The name of the saying of a topic word said most in the article: what the reason names when it is not the word itself. */
  sayingUsed(term: TopicTerm): string | undefined {
    let best: { text: string; count: number } | undefined;
    for (const s of term.sayings) {
      const count = this.placeNamed(s.key)?.length ?? 0;
      if (count > (best?.count ?? 0)) best = { text: s.text, count };
    }
    return best?.text;
  }

  /**
   * Each sentence's share of the topic's weight (0..1), and the headline's. The
   * library's home country is not its region here either (homeCountry.ts), so a
   * domestic sentence is neither quoted nor counted for "Europe".
   */
  shares(
    terms: readonly TopicTerm[],
    weights: readonly number[],
    home?: ReadonlySet<Place>,
  ): { headline: number; sentences: Float64Array } {
    const total = weights.reduce((sum, w) => sum + w, 0);
    const sentences = new Float64Array(this.sentenceCount);
    let headline = 0;
    const office = namesAnOffice(terms);
    terms.forEach((term, i) => {
      for (const place of this.places(term, home, office)) {
        if (place === HEADLINE) headline += weights[i]! / total;
        else sentences[place]! += weights[i]! / total;
      }
    });
    return { headline, sentences };
  }
}
