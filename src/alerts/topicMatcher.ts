import type { Article } from '../library/article';
import { SentenceIndex } from '../search/sentenceIndex';
import type { Hit } from '../search/sentenceIndex';
import { terms as analyze, fold, termOf, tokens } from '../search/analyzer';
import { finish, inSlices, type Steps } from '../timeSlices';
import { previewOrder } from './previewOrder';
import { carryingSentences, headlineNames, LEAD_SENTENCES, PROMINENT_SHARE, prominences, reasonFor, saidBy, weighted } from './aboutness';
import { ArticleEvidence, HEADLINE } from './articleEvidence';
import { DOTTED, topicTerms, type TopicTerm, undot } from './topicTerms';
import { readTopic, type TopicQuery } from './topicQuery';
import { homeCountries, homeCountrySteps } from './homeCountry';
import { dominantBearer } from './surnames';
import { withAbbreviations } from './abbreviationPlaces';
import { isAbroadWord } from './abroad';
import { confirmedAbroad } from './abroadConfirmed';
import { reachable, relatedStrength, RELATED_CREDIT, unreachableShare } from './relatedWords';

/** One side of a topic's OR: judged for aboutness on its words, then held to its phrases. */
interface Side {
  terms: TopicTerm[];
  /** Each quoted phrase as word tokens, which the article must hold in a row. */
  phrases: string[][];
}

/** What leaves an article out: a single word by its stem (patrols: patrol, patrolling), else the words in a row. */
type Exclusion = { term: string } | { phrase: string[] };

/** The query language read for matching: plain topics come out as one side with no phrases or exclusions. */
function compile(query: TopicQuery): { sides: Side[]; exclusions: Exclusion[] } {
  return {
    sides: query.alternatives.map((side) => ({
      terms: topicTerms(side.words),
      phrases: side.phrases.map(tokens).filter((p) => p.length > 0),
    })),
    exclusions: query.exclusions.flatMap((e): Exclusion[] => {
      const words = tokens(e.text);
      const term = words.length === 1 && !e.phrase ? termOf(words[0]!) : '';
      return term ? [{ term }] : words.length ? [{ phrase: words }] : [];
    }),
  };
}

const excluded = (evidence: ArticleEvidence, exclusions: readonly Exclusion[]) =>
  exclusions.some((e) => ('term' in e ? evidence.hasTerm(e.term) : evidence.hasPhrase(e.phrase)));

/** The best side's decision for an article, or null when no side fires or an exclusion leaves it out. */
function judgeQuery(
  index: SentenceIndex<Article>,
  evidence: ArticleEvidence,
  sides: readonly Side[],
  exclusions: readonly Exclusion[],
  minScore: number,
  weight: Weight,
): Omit<TopicMatch, 'topicId'> | null {
  let best: Omit<TopicMatch, 'topicId'> | null = null;
  for (const side of sides) {
    const match = judge(index, evidence, side.terms, minScore, weight);
    if (match && (!best || match.score > best.score) && side.phrases.every((phrase) => evidence.hasPhrase(phrase))) best = match;
  }
  return best && !excluded(evidence, exclusions) ? best : null;
}

interface Topic {
  id: string;
  sides: Side[];
  exclusions: Exclusion[];
  minScore: number;
  /** The terms it is filed under: an article can only match if it holds one of them. */
  keys: string[];
  /** Its place in the matcher's typed arrays. */
  slot: number;
  /** Each side's terms as numbers for the cheap bound: per term, its term's number, how many keys follow, then the keys' numbers. */
  bounds: Int32Array[];
}

export interface TopicMatch {
  topicId: string;
  /** How far the article is about the topic (0..1, see aboutness.ts). */
  score: number;
  /** Why it matched, in one short line ("the topic is in the headline, in 6 of 14 sentences"). */
  reason: string;
  /** The evidence the reason states, for ordering matches: the topic's share in the headline (0..1) and the sentences holding half of it. */
  headline: number;
  carrying: number;
  /** The article's sentences that say the topic best, for quoting. */
  hits: Hit[];
}

type Weight = (term: string) => number;

/** Added to the percolator's upper bound so that rounding in its sums never rejects what judge would accept. */
const SLACK = 1e-9;

/**
 * Matching the other way round from search (a percolator): stored topics are
 * indexed by their terms, and a new article is checked only against topics
 * that share a term with it, so its cost grows with the topics it could match,
 * not with every topic times every article. Whether a candidate fires is an
 * article-level decision (aboutness.ts, MATCHING.md): the topic must be what
 * the article is about, not a line in it.
 */
export class TopicMatcher {
  private readonly topics = new Map<string, Topic>();
  /**
   * The hot loop runs on numbers, not strings: 10,000 topics give an article
   * thousands of candidates, and most fail the cheap bound, so that bound
   * reads typed arrays stamped once per article (presence, weights) and
   * allocates nothing.
   */
  private readonly numbers = new Map<string, number>();
  private readonly words: string[] = [];
  /** By a term's number: the slots of the topics filed under it, in the order they were filed. */
  private readonly byTerm: number[][] = [];
  private readonly bySlot: (Topic | undefined)[] = [];
  private readonly freeSlots: number[] = [];
  private epoch = 0;
  private present = new Uint32Array(0);
  private weighed = new Uint32Array(0);
  private weightOf = new Float64Array(0);
  private seen = new Uint32Array(0);
  private counted = new Uint32Array(0);
  private countOf = new Float64Array(0);

  get size(): number {
    return this.topics.size;
  }

  /**
   * Files a topic under its rarer terms only. A match needs minScore of the
   * topic's weight to be prominent in the article, so the commonest terms
   * whose weights add up to less than that can never make a match alone:
   * leaving them out of the topic index keeps a common word ("said",
   * "government") from making every article a candidate for every topic that
   * contains it.
   */
  add(id: string, topic: string, minScore: number, weight: Weight = () => 1): void {
    this.remove(id);
    // Each side of an OR is filed as a plain topic is; an article that could fire any side is a candidate.
    const { sides, exclusions } = compile(readTopic(topic));
    const keys = [...new Set(sides.flatMap((side) => filingKeys(side.terms, minScore, weight)))];
    const slot = this.freeSlots.pop() ?? this.bySlot.length;
    const bounds = sides.map(
      (side) =>
        new Int32Array(
          side.terms.flatMap(({ term, keys: termKeys }) => [this.number(term), termKeys.length, ...termKeys.map((k) => this.number(k))]),
        ),
    );
    const entry: Topic = { id, sides, exclusions, minScore, keys, slot, bounds };
    this.topics.set(id, entry);
    this.bySlot[slot] = entry;
    for (const term of keys) this.byTerm[this.number(term)]!.push(slot);
  }

  remove(id: string): void {
    const topic = this.topics.get(id);
    if (!topic) return;
    for (const term of topic.keys) {
      const slots = this.byTerm[this.numbers.get(term)!]!;
      slots.splice(slots.indexOf(topic.slot), 1);
    }
    this.topics.delete(id);
    this.bySlot[topic.slot] = undefined;
    this.freeSlots.push(topic.slot);
  }

  /** A term's number (new terms get the next one; they are kept when their topics go, as a vocabulary is bounded). */
  private number(term: string): number {
    let n = this.numbers.get(term);
    if (n === undefined) {
      this.numbers.set(term, (n = this.words.length));
      this.words.push(term);
      this.byTerm.push([]);
    }
    return n;
  }

  /** The topics filed under a term the article holds: the only ones judged for it (the percolator's candidate step). */
  candidates(article: Article): string[] {
    return this.candidatesOf(new ArticleEvidence(article)).map((slot) => this.bySlot[slot]!.id);
  }

  /** Candidate slots in the order their terms come in the article, each once; marks the terms the article holds (`present`). */
  private candidatesOf(evidence: ArticleEvidence): number[] {
    const size = this.words.length;
    if (this.present.length < size) {
      const grown = Math.max(size, 2 * this.present.length);
      this.present = new Uint32Array(grown);
      this.weighed = new Uint32Array(grown);
      this.weightOf = new Float64Array(grown);
      this.counted = new Uint32Array(grown);
      this.countOf = new Float64Array(grown);
    }
    if (this.seen.length < this.bySlot.length) this.seen = new Uint32Array(Math.max(this.bySlot.length, 2 * this.seen.length));
    const epoch = ++this.epoch;
    const candidates: number[] = [];
    for (const term of evidence.terms()) {
      const n = this.numbers.get(term);
      if (n === undefined) continue;
      this.present[n] = epoch;
      for (const slot of this.byTerm[n]!) {
        if (this.seen[slot] === epoch) continue;
        this.seen[slot] = epoch;
        candidates.push(slot);
      }
    }
    return candidates;
  }

  /**
   * Whether some side of the topic could fire, by an upper bound on judge's
   * score: each topic word counted as prominent as all its keys' places
   * together (a name's or demonym's places are among its stems' places, and
   * more places never lower prominence), related words at most where judge
   * would let them in. Most candidates stop here, so it allocates nothing;
   * SLACK keeps rounding on the side of judging.
   */
  private couldFire(topic: Topic, minScore: number, weightOf: (n: number) => number, counted: (n: number) => number): boolean {
    const present = this.present;
    const epoch = this.epoch;
    for (const bound of topic.bounds) {
      if (bound.length === 0) continue;
      let total = 0;
      let mass = 0;
      for (let at = 0; at < bound.length; ) {
        const w = weightOf(bound[at]!);
        const keyCount = bound[at + 1]!;
        total += w;
        let count = 0;
        for (let k = at + 2; k < at + 2 + keyCount; k++) if (present[bound[k]!] === epoch) count += counted(bound[k]!);
        mass += w * Math.min(1, count);
        at += 2 + keyCount;
      }
      if (total !== 0 && reachable(mass / total + SLACK, minScore)) return true;
    }
    return false;
  }

  /** Topics the article is about (the article must be indexed). */
  match(index: SentenceIndex<Article>, article: Article): TopicMatch[] {
    return finish(this.matchSteps(index, article));
  }

  /**
   * The same, giving the event loop a turn every few ms between candidates: an article's first matching after a
   * start reads each candidate topic's related words and the library's home country, seconds on a large library.
   * One at a time: the typed arrays hold one article's stamps.
   */
  matchInSlices(index: SentenceIndex<Article>, article: Article): Promise<TopicMatch[]> {
    return inSlices(this.matchSteps(index, article));
  }

  private *matchSteps(index: SentenceIndex<Article>, article: Article): Steps<TopicMatch[]> {
    const evidence = new ArticleEvidence(article);
    const candidates = this.candidatesOf(evidence);
    // Candidates share many terms: each term's weight is looked up once per article.
    const unseen = index.unseenIdf();
    const epoch = this.epoch;
    const weightOf = (n: number) => {
      // A term of a topic filed during a pause has no place in this article's arrays.
      if (n >= this.weighed.length) return index.idf(this.words[n]!) || unseen;
      if (this.weighed[n] !== epoch) {
        this.weighed[n] = epoch;
        this.weightOf[n] = index.idf(this.words[n]!) || unseen;
      }
      return this.weightOf[n]!;
    };
    const weight: Weight = (term) => {
      const n = this.numbers.get(term);
      return n === undefined ? index.idf(term) || unseen : weightOf(n);
    };
    // A key's places as a share of what prominence needs (Infinity in the headline), once per article.
    const needed = Math.max(2, evidence.sentenceCount * PROMINENT_SHARE);
    const counted = (n: number) => {
      if (this.counted[n] !== epoch) {
        this.counted[n] = epoch;
        let count = 0;
        for (const place of evidence.termPlaces(this.words[n]!)) {
          if (place === HEADLINE) {
            count = Number.POSITIVE_INFINITY;
            break;
          }
          count += place < LEAD_SENTENCES ? 2 : 1;
        }
        this.countOf[n] = count / needed;
      }
      return this.countOf[n]!;
    };
    // Deleted or replaced during a pause: its hits would name removed sentences, or the new text's at the old one's
    // places. It gives no matches then; the new version is matched on its own.
    const version = indexedVersion(index, article);
    if (!version) return [];
    const matches: TopicMatch[] = [];
    for (const slot of candidates) {
      // Unsubscribed during a pause (matchInSlices).
      const topic = this.bySlot[slot];
      if (!topic || !this.couldFire(topic, topic.minScore, weightOf, counted)) continue;
      // A region's first judging reads the library's home country from 50 of its articles: in steps, not in one.
      if (topic.sides.some((side) => side.terms.some((t) => t.members.length > 0))) {
        yield* homeCountrySteps(index);
        if (indexedVersion(index, article) !== version) return [];
      }
      const match = judgeQuery(index, evidence, topic.sides, topic.exclusions, topic.minScore, weight);
      if (match) matches.push({ topicId: topic.id, ...match });
      yield;
      if (indexedVersion(index, article) !== version) return [];
    }
    return matches;
  }

  /**
   * How a topic would have matched the articles already indexed (the
   * /subscribe preview), best first. Only articles whose sentences hold a topic
   * word are looked at, and of those only the ones that could reach minScore
   * going by the index's sentences and the headline's stems (an upper bound:
   * names and capitals only take away) are read in full, so a common word in
   * a large library does not mean reading every article. "U.S." and "U.K.",
   * which the index lacks, are looked for in the text (couldMatch).
   */
  static preview(index: SentenceIndex<Article>, topic: string, minScore: number): PreviewMatch[] {
    return finish(previewSteps(index, topic, minScore));
  }

  /**
   * The same preview, giving the event loop a turn every few ms: on a large
   * library it reads for seconds ("United States" at 150,000 sentences), and
   * in one pass no other command, heartbeat or alert would run meanwhile.
   */
  static previewInSlices(index: SentenceIndex<Article>, topic: string, minScore: number): Promise<PreviewMatch[]> {
    return inSlices(previewSteps(index, topic, minScore));
  }

  /** The terms a topic is matched on (empty when it has none worth searching). */
  static termsOf(topic: string): string[] {
    return SentenceIndex.queryTerms(topic).map((q) => q.term);
  }
}

/**
 * The version of the article the index holds now (undefined when none): a long pass that paused may find it
 * removed or replaced. One of no sentences has no sentence ids to go stale, and stands for itself while indexed.
 */
export function indexedVersion(index: SentenceIndex<Article>, article: Article): Article | undefined {
  const first = index.sentenceIdOf(article.id, 0);
  if (first !== undefined) return index.sentence(first).article;
  return article.sentences.length === 0 && index.has(article.id) ? article : undefined;
}

export type PreviewMatch = Omit<TopicMatch, 'topicId'> & { article: Article };

/** The preview (TopicMatcher.preview) as steps that may pause between articles and between runs of sentences. */
function* previewSteps(index: SentenceIndex<Article>, topic: string, minScore: number): Steps<PreviewMatch[]> {
  const { sides, exclusions } = compile(readTopic(topic));
  const weight: Weight = (term) => index.idf(term) || index.unseenIdf();
  const out: PreviewMatch[] = [];
  // The phrase and exclusion rules apply as for a new article: the union of what each side could match, judged whole.
  const candidates = new Map<string, Article>();
  for (const side of sides)
    for (const article of yield* couldMatch(index, side.terms, minScore, weight)) candidates.set(article.id, article);
  // A region's first judging reads the library's home country from a sample of articles (seconds on long ones): read here in steps.
  if (candidates.size > 0 && sides.some((side) => side.terms.some((t) => t.members.length > 0))) yield* homeCountrySteps(index);
  // Between steps the library can change (a file edited or deleted): an article no longer indexed as it was read is left out.
  const live = (article: Article) => {
    const first = index.sentenceIdOf(article.id, 0);
    return first !== undefined && index.sentence(first).article === article;
  };
  for (const article of candidates.values()) {
    if (!live(article)) continue;
    const match = judgeQuery(index, new ArticleEvidence(article), sides, exclusions, minScore, weight);
    if (match) out.push({ article, ...match });
    yield;
  }
  // Its quotes are sentence ids of the article as judged: with no step between this and the reply, they stay valid for it.
  return out.filter((match) => live(match.article)).sort(previewOrder);
}

/** Sentences read between pauses of the preview: a pause check per sentence would cost more than the sentence. */
const SENTENCES_PER_STEP = 256;

/** Indexed articles whose aboutness, counted on stems from the index, could reach minScore. */
function* couldMatch(index: SentenceIndex<Article>, terms: readonly TopicTerm[], minScore: number, weight: Weight): Steps<Article[]> {
  const counts = new Map<string, { article: Article; counts: number[] }>();
  // `said` false: the article holds the key's stem but not as the topic says it; it is still looked at, as its headline may.
  const count = (article: Article, i: number, position: number, said = true) => {
    let entry = counts.get(article.id);
    if (!entry) counts.set(article.id, (entry = { article, counts: terms.map(() => 0) }));
    if (said) entry.counts[i]! += position < LEAD_SENTENCES ? 2 : 1;
  };
  for (const [i, term] of terms.entries()) {
    for (const key of term.keys) {
      let read = 0;
      for (const sentence of index.matchAll([key])) {
        const said = index.liveSentence(sentence);
        if (!said) continue;
        const { article, index: position, start, end } = said;
        // A name is said only by capitalised words (ArticleEvidence): the index, which folds case, would count every "us"
        // of "contact us" for the US and every "state" for "United States", and make most articles of a library candidates.
        count(article, i, position, !term.name || capitalisedWith(article.text.slice(start, end), key));
        if (++read % SENTENCES_PER_STEP === 0) yield;
      }
    }
  }
  // A new article's "U.S." is its "US" (undot), which the index does not hold: without these sentences a story saying
  // only "U.S." would fire and yet be missing here. Only topics with such a key pay for reading the texts.
  const dotted = terms.map((term) => term.keys.flatMap((key) => DOTTED.get(key) ?? []));
  if (dotted.some((forms) => forms.length > 0)) {
    for (const article of index.articles()) {
      if (!article.text.includes('U.')) continue;
      article.sentences.forEach((span, position) => {
        const text = article.text.slice(span.start, span.end);
        if (!text.includes('U.')) return;
        dotted.forEach((forms, i) => {
          for (const form of forms) if (form.test(text)) count(article, i, position);
        });
      });
      yield;
    }
  }
  const weights = terms.map(({ term }) => weight(term));
  const total = weights.reduce((sum, w) => sum + w, 0);
  const out: Article[] = [];
  for (const { article, counts: termCounts } of counts.values()) {
    const headline = new Set(analyze(undot(article.title)));
    const needed = Math.max(2, article.sentences.length * PROMINENT_SHARE);
    let bound = 0;
    terms.forEach((term, i) => {
      bound += weights[i]! * (term.keys.some((key) => headline.has(key)) ? 1 : Math.min(1, termCounts[i]! / needed));
    });
    if (total > 0 && reachable(bound / total, minScore)) out.push(article);
  }
  return out;
}

const NAME_WORD = /[\p{L}\p{N}]+/gu;

/**
 * Whether the text holds a capitalised word whose stem (or, for a name of stop
 * words only, whose folded form) is the key: every place a name is said has
 * one, as each word of a name and of its other names is matched capitalised,
 * so leaving out sentences without it keeps the preview's bound an upper bound.
 */
function capitalisedWith(text: string, key: string): boolean {
  for (const word of undot(text).match(NAME_WORD) ?? []) {
    if (!/^\p{Lu}/u.test(word)) continue;
    const folded = fold(word);
    if (folded === key || termOf(folded) === key) return true;
  }
  return false;
}

/**
 * The terms a topic is filed under: its rarer ones only. A match needs
 * minScore of the topic's weight to be prominent in the article (related
 * words can complete part of it, relatedWords.ts), so the commonest terms
 * whose weights add up to less than `unreachableShare` can never make a match
 * alone.
 */
function filingKeys(terms: readonly TopicTerm[], minScore: number, weight: Weight): string[] {
  const byWeight = terms.map((t) => ({ keys: t.keys, weight: weight(t.term) })).sort((a, b) => a.weight - b.weight);
  const total = byWeight.reduce((sum, t) => sum + t.weight, 0);
  let leftOut = 0;
  const keys: string[] = [];
  for (const { keys: termKeys, weight: w } of byWeight) {
    if (leftOut + w < unreachableShare(minScore) * total) leftOut += w;
    else keys.push(...termKeys);
  }
  return keys;
}

/** The decision for one topic and one article: a match with its reason and quotes, or null. */
function judge(
  index: SentenceIndex<Article>,
  evidence: ArticleEvidence,
  terms: readonly TopicTerm[],
  minScore: number,
  weight: Weight,
): Omit<TopicMatch, 'topicId'> | null {
  if (terms.length === 0) return null;
  // Cheap bound first: every topic word the article holds anywhere, fully prominent (and related words for the rest), must reach minScore.
  // Most candidates stop here, so it allocates nothing.
  let total = 0;
  let present = 0;
  for (const { term, keys } of terms) {
    const w = weight(term);
    total += w;
    for (const key of keys) {
      if (evidence.hasTerm(key)) {
        present += w;
        break;
      }
    }
  }
  if (total === 0 || !reachable(present / total, minScore)) return null;
  terms = asBearer(index, terms);
  const weights = terms.map(({ term }) => weight(term));
  // The home is read from a sample of the library (seconds on a large one, once): a word for abroad asks for it only once the
  // rest of its topic is prominent, which few articles are.
  let home = terms.some((t) => t.members.length > 0 && !isAbroadWord(t.word)) ? homeCountries(index, evidence.article.source) : undefined;
  terms = confirmedAbroad(evidence, terms, weights, minScore, home);
  if (!home && terms.some((t) => t.members.length > 0)) home = homeCountries(index, evidence.article.source);
  let prominence = prominences(evidence, terms, home);
  let score = weighted(prominence, weights);
  // Short and full forms ("Lib Dems") only add places, so the article is scanned for them only where the topic falls short.
  if (score < minScore) {
    const more = withAbbreviations(evidence, terms);
    if (more !== terms) {
      terms = more;
      prominence = prominences(evidence, terms, home);
      score = weighted(prominence, weights);
    }
  }
  let related: string[] = [];
  // Some topic words are missing: the topic's related words, where prominent here, stand in for them
  // (read only when they could lift it to minScore at full strength).
  // Not where a word for abroad stands: any place says it, and related words on top of that fired "foreign aid" on every foreign story.
  if (score < minScore && present < total && reachable(score, minScore) && !terms.some((t) => isAbroadWord(t.word))) {
    // A name is who or what the topic is: its context does not stand in for it ("Kublai Khan" is not "Genghis Khan").
    const standIn = (strength: number) =>
      weighted(
        prominence.map((p, i) => (terms[i]!.name || evidence.places(terms[i]!).length > 0 ? p : RELATED_CREDIT * strength)),
        weights,
      );
    if (standIn(1) >= minScore) {
      const found = relatedStrength(index, evidence, terms);
      const lifted = standIn(found.strength);
      if (lifted >= minScore) {
        score = lifted;
        related = found.terms.slice(0, 2).map((term) => evidence.wordFor(term));
      }
    }
  }
  if (score < minScore) return null;
  const shares = evidence.shares(terms, weights, home);
  return {
    score,
    reason: reasonFor(shares, related, saidBy(evidence, terms, home), headlineNames(evidence, terms, home)),
    headline: shares.headline,
    carrying: carryingSentences(shares.sentences),
    hits: quotesOf(index, evidence.article.id, shares.sentences),
  };
}

/**
 * A topic that is one capitalised word, no place, means that word's dominant
 * bearer in the library when it is a surname with one (surnames.ts): "Brown"
 * is Gordon Brown on a British politics library, not Nick or Lyn Brown.
 */
function asBearer(index: SentenceIndex<Article>, terms: readonly TopicTerm[]): readonly TopicTerm[] {
  const [only] = terms;
  if (terms.length !== 1 || !only!.name || only!.person || only!.members.length || only!.sayings.length) return terms;
  const bearer = dominantBearer(index, only!.word);
  return bearer ? [{ ...only!, bearer }] : terms;
}

/** How many sentences an alert quotes. */
const QUOTES = 3;

/**
 * The sentences that decided the alert, for quoting: those holding most of
 * the topic as it was matched there (a country for its region, a surname for
 * its person, a capital for its country), first by share, then in order. A
 * search on the topic's literal words would find none where another name
 * decided ("France" for "Europe"). When only the headline holds the topic,
 * the lead is quoted: a headline is the article's title, not a quote of it.
 */
function quotesOf(index: SentenceIndex<Article>, articleId: string, sentences: Float64Array): Hit[] {
  const ranked: number[] = [];
  sentences.forEach((share, position) => {
    if (share > 0) ranked.push(position);
  });
  ranked.sort((a, b) => sentences[b]! - sentences[a]! || a - b);
  if (ranked.length === 0 && sentences.length > 0) ranked.push(0);
  return ranked.slice(0, QUOTES).flatMap((position) => {
    const sentence = index.sentenceIdOf(articleId, position);
    const share = sentences[position]!;
    return sentence === undefined ? [] : [{ sentence, score: share, coverage: share }];
  });
}
