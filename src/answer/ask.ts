import type { Hit, SentenceIndex } from '../search/sentenceIndex';
import { SentenceIndex as Index } from '../search/sentenceIndex';
import { contextFor } from './context';
import { mayNameThings, namesThings } from './partOfSpeech';
import { type RankOptions, rankSentences } from './rank';
import { terms } from '../search/analyzer';
import { withoutAskingIdioms, withoutChatShorthand } from '../search/question';
import { withoutReportingVerbs } from '../search/reportingVerbs';
import { calibratedConfidence, confidenceFeatures } from './confidence';
import { spellingFor } from '../search/informalNames';
import type { Answer, Citation, Quote } from './types';
import type { Article } from '../library/article';
import { smallTalk, withoutSmallTalk } from './smallTalk';
import { respelt } from '../search/spelling';
import { speakersFirst } from './speaker';

export interface AskOptions {
  /** Quotes to return (default 3). */
  limit?: number;
  articleId?: string;
  /** Only articles this accepts are quoted or suggested (a date range); word statistics stay library-wide. */
  allowArticle?: (article: Article) => boolean;
  /** Below this confidence the quotes are offered as uncertain, not as the answer (default DEFAULT_MIN_CONFIDENCE). */
  minConfidence?: number;
  /** The bot's commands, whose name typed before the question ("/ask what is …") is not searched. */
  commands?: readonly PastedCommand[];
  /** Search party names only as typed, not also said the other way (a follow-up that changed the subject to them). */
  namesAsTyped?: boolean;
}

/** A command of the bot's as someone may type or paste it into a text box: its name and its options' names. */
export interface PastedCommand {
  name: string;
  options: readonly string[];
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The text without one of the bot's commands typed before it ("/ask what is
 * the minimum wage", "/lookup term: minimum wage", as pasted from a help
 * page): the box already belongs to that command, and its name searched as a
 * word ("ask", "term") matched sentences that only use that word. A slash
 * word that is no command of the bot's ("/r/politics", "/s") stays.
 */
export function withoutCommandName(text: string, commands: readonly PastedCommand[]): string {
  const match = /^\s*\/([\p{L}\p{N}_-]+)(?=\s|$)/u.exec(text);
  const command = match && commands.find((c) => c.name.toLowerCase() === match[1]!.toLowerCase());
  if (!command) return text;
  let rest = text.slice(match[0].length);
  const option = command.options.length ? new RegExp(`^\\s+(?:${command.options.map(escapeRegExp).join('|')})\\s*:`, 'i').exec(rest) : null;
  if (option) rest = rest.slice(option[0].length);
  return rest.trimStart();
}

export const DEFAULT_MIN_CONFIDENCE = 0.2;
/**
 * Below this share of the question's weight in the best sentence, the best
 * passages are offered as uncertain at most, whatever the confidence.
 */
export const RELEVANCE_FLOOR = 0.25;
/**
 * Below this confidence nothing close enough was found: no quotes at all,
 * rather than uncertain ones (never above the minimum confidence).
 */
export const NONE_FLOOR = 0.12;
/** Longer questions are refused politely: a question is a sentence or two, not a document. */
export const MAX_QUESTION_CHARS = 1000;
// A quote far below the best one is noise next to it, not more evidence.
const RELATIVE_FLOOR = 0.5;

export function citationOf(article: Article): Citation {
  return { articleId: article.id, title: article.title, date: article.date, source: article.source, url: article.url };
}

function suggestionsFor(index: SentenceIndex<Article>, hits: { sentence: number }[], allow?: (article: Article) => boolean): string[] {
  const titles = new Set<string>();
  for (const hit of hits) titles.add(index.sentence(hit.sentence).article.title);
  if (titles.size === 0)
    for (const article of index
      .articles()
      .filter((a) => !allow || allow(a))
      .slice(0, 3))
      titles.add(article.title);
  return [...titles].slice(0, 3);
}

/** The library's latest article by date (the first one when none is dated), to build an example question from. */
function latestTitle(index: SentenceIndex<Article>, allow?: (article: Article) => boolean): string[] {
  let latest: Article | undefined;
  for (const article of index.articles()) {
    if (allow && !allow(article)) continue;
    if (!latest || (article.date !== null && (latest.date === null || article.date > latest.date))) latest = article;
  }
  return latest ? [latest.title] : [];
}

// Mentions and channel links say who is asked, not what: they are not search words.
const MENTIONS = /<(?:@[!&]?|#)\d+>|@(?:everyone|here)\b/gi;

/** The text without its mentions and channel links. */
export const withoutMentions = (text: string): string => text.replace(MENTIONS, ' ');

// Links say where something is, not what is asked; their pieces ("https", "evil", "example") are words no article
// uses, and made the question look like one about something the library does not cover. A markdown link keeps its
// text ("[the budget](https://…)"); Discord's <https://…> and bare addresses go.
const LINKS =
  /\[([^\]\n]*)\]\(\s*<?(?:[a-z][a-z0-9+.-]{0,31}:\/\/|www\.)[^)\n]*\)|<(?:[a-z][a-z0-9+.-]{0,31}:\/\/|www\.)[^>\s]*>|(?:\b[a-z][a-z0-9+.-]{0,31}:\/\/|\bwww\.)\S+/gi;

// Words of a link's text that only say it is a link ("[here](…)", "[click here](…)", "[source](…)").
const LINK_WORDS = new Set([
  'click',
  'tap',
  'here',
  'link',
  'this',
  'that',
  'the',
  'see',
  'read',
  'full',
  'more',
  'source',
  'url',
  'article',
  'story',
  'it',
  'x',
  'via',
]);

/** The text without its links, a markdown link's text kept unless it only says "link" or "here". */
export const withoutLinks = (text: string): string =>
  text.replace(LINKS, (_link, label: string | undefined) =>
    label === undefined || (label.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).every((word) => LINK_WORDS.has(word)) ? ' ' : ` ${label} `,
  );

/**
 * Whether a text has a word to search for (mentions, links, conversational filler and small talk aside). Without
 * one it is not a question ("?", emoji, "@everyone what's up", "thanks!", a bare link): it gets no answer to vote
 * on, and /report counts it apart.
 */
export function hasSearchWords(text: string): boolean {
  const plain = withoutLinks(withoutMentions(text));
  return smallTalk(plain) === undefined && Index.queryTerms(plain).length > 0;
}

/**
 * The question as it is searched and weighed, read as people type it: without links, a greeting before it or a
 * sign-off after it ("hey, … thanks!"), idioms of asking ("what's the deal with"), and with chat shorthand read
 * ("abt" → "about", "lol" left out; the spellings that are names too only where no article uses the word). Each of
 * those, kept, was a word no article uses, weighing as the rarest of the question. The case is kept: names are
 * read from it.
 */
export function searchedQuestion(index: SentenceIndex<Article> | undefined, question: string): string {
  // Without an index (the report reads past questions) a word that is chat shorthand or a name is kept as a name.
  const known = index && ((word: string) => terms(word).some((term) => index.idf(term) > 0));
  return withoutAskingIdioms(withoutChatShorthand(withoutSmallTalk(withoutLinks(withoutMentions(question))), known));
}

// A capitalised word after the first one is usually a name: "Brazil", "Kishida", "CPTPP".
const NAME = /(?<=\S\s+)\p{Lu}[\p{L}\p{N}'’-]*/gu;

/**
 * A name in the question that no article mentions. Such a question is about
 * something the library does not cover, however well its other words match
 * ("What is the capital of Brazil?" against an article about a capital).
 */
export function unknownName(index: SentenceIndex<Article>, question: string): string | undefined {
  for (const [word] of question.matchAll(NAME)) {
    const [term] = terms(word);
    if (term !== undefined && index.idf(term) === 0) return word;
  }
  return undefined;
}

// A word as the question writes it.
const WORD = /\p{L}[\p{L}\p{N}'’-]*/gu;

/**
 * The question's nouns and adjectives that no article uses, when they are half or more of its search words ("best
 * pizza in london": best, pizza). What the library does not speak of at all is not answered by its other words,
 * like a name no article mentions (unknownName), which catches only capitalised words. Half, not a third: on NQ and
 * the news questions a third also declined answers that were right one time in three ("whooping cough", "serial
 * killer"; docs/quality.md). Verbs are said in other words too often to count ("what happened in Liverpool", "who
 * attended the meeting"); mostlyUnknown weighs them.
 */
export function unknownWords(index: SentenceIndex<Article>, question: string): string[] {
  const searched = Index.queryTerms(question).map((t) => t.term);
  const missing = new Set(searched.filter((term) => index.idf(term) === 0));
  if (missing.size === 0 || missing.size * 2 < searched.length) return [];
  const words = [...question.matchAll(WORD)].map(([word]) => word);
  const things = namesThings(words);
  const unknown: string[] = [];
  words.forEach((word, i) => {
    const [term] = terms(word);
    if (things[i] && term !== undefined && missing.delete(term)) unknown.push(word);
  });
  return unknown.length * 2 >= searched.length ? unknown : [];
}

/** What a word that does not name a thing (a verb, an adverb, a number) weighs against one that does. */
const OTHER_WORD_WEIGHT = 0.5;
/** The share of the question's weight that words no article uses must pass for it to be about something else. */
export const UNKNOWN_WEIGHT_SHARE = 0.55;

/**
 * Whether words no article uses carry most of the question ("who won the world cup" on a library that never says
 * "win" or "cup": the best sentence had "world", and was the answer at 38 %). A word weighs its rarity in the
 * library (one no article uses, the rarest), a verb, adverb or number half that: one verb is said in other words too
 * often to decide ("what happened in Liverpool"), but it names the event asked about. Such a question gets the
 * closest passages as uncertain at most, not "no good answer": on NQ the words no article uses are as often the
 * answer's own spelt another way ("neel darpan" for "Nil Darpan", "gall bladder"), and the passage is then right
 * (docs/quality.md, "Off-topic questions").
 */
export function mostlyUnknown(index: SentenceIndex<Article>, question: string): boolean {
  const searched = Index.queryTerms(question).map((t) => t.term);
  const known = searched.filter((term) => index.idf(term) > 0).length;
  // With no word known no sentence is found at all; with all known there is nothing to weigh.
  if (known === 0 || known === searched.length) return false;
  const words = [...question.matchAll(WORD)].map(([word]) => word);
  const things = mayNameThings(words);
  const weighs = new Map<string, number>();
  words.forEach((word, i) => {
    const [term] = terms(word);
    if (term !== undefined) weighs.set(term, Math.max(weighs.get(term) ?? 0, things[i] ? 1 : OTHER_WORD_WEIGHT));
  });
  let total = 0;
  let unknown = 0;
  for (const term of searched) {
    const idf = index.idf(term);
    const weight = (idf || index.unseenIdf()) * (weighs.get(term) ?? OTHER_WORD_WEIGHT);
    total += weight;
    if (idf === 0) unknown += weight;
  }
  return unknown > total * UNKNOWN_WEIGHT_SHARE;
}

/**
 * The ranked sentences and confidence of the reading the confidence trusts most. Without its verb of reporting, a
 * question whose other words many sentences share ("what did Blinken say" on an article about Blinken) has no
 * sentence that stands out, where "say" picked the one reporting what he said; with it, a question whose best
 * sentence reports nothing ("what did they say about China") fell under the floor of no good answer.
 */
function bestReading(
  index: SentenceIndex<Article>,
  asked: string,
  readings: readonly string[],
  options: RankOptions,
): { hits: Hit[]; confidence: number } {
  let chosen = { hits: [] as Hit[], confidence: -1 };
  for (const reading of readings) {
    // "What did Galloway say" asks for what he said: sentences reporting him saying it first (speaker.ts), read from
    // the question as asked, since the reading without its verb of reporting no longer says it.
    const hits = speakersFirst(index, asked, rankSentences(index, reading, options));
    let confidence = 0;
    if (hits[0]) {
      // Judged on the party name the best sentence uses ("Tories" asked, "Conservatives" found: informalNames.ts).
      const { article, start, end } = index.sentence(hits[0].sentence);
      const asFound = options.namesAsTyped ? reading : spellingFor(reading, article.text.slice(start, end));
      confidence = calibratedConfidence(confidenceFeatures(index, asFound, hits, options.articleId !== undefined));
    }
    if (confidence > chosen.confidence) chosen = { hits, confidence };
  }
  return chosen;
}

export function ask(index: SentenceIndex<Article>, rawQuestion: string, options: AskOptions = {}): Answer {
  const limit = options.limit ?? 3;
  const question = withoutCommandName(withoutMentions(rawQuestion), options.commands ?? []);
  const base: Pick<Answer, 'question' | 'suggestions' | 'quotes' | 'confidence' | 'respelt'> & { tier: 'none' } = {
    question: rawQuestion,
    tier: 'none',
    suggestions: [],
    quotes: [],
    confidence: 0,
  };
  if (!question.trim()) return { ...base, answered: false, reason: 'empty', suggestions: latestTitle(index, options.allowArticle) };
  if (rawQuestion.length > MAX_QUESTION_CHARS) return { ...base, answered: false, reason: 'too-long' };
  if (options.articleId !== undefined && !index.has(options.articleId)) {
    return { ...base, answered: false, reason: 'unknown-article', suggestions: suggestionsFor(index, [], options.allowArticle) };
  }
  // The latest title gives small talk an example question, as it does an empty one.
  if (smallTalk(question)) return { ...base, answered: false, reason: 'small-talk', suggestions: latestTitle(index, options.allowArticle) };
  // A word no article uses is searched as the library's word it most likely meant (spelling.ts), and the answer says so.
  const { text: searched, respellings } = respelt(index, searchedQuestion(index, question));
  if (respellings.length > 0) Object.assign(base, { respelt: respellings });
  if (!hasSearchWords(searched)) return { ...base, answered: false, reason: 'no-terms' };
  // "What did they say about China" asks what was said about China: "say" is no word the answer must hold.
  const plain = withoutReportingVerbs(searched);
  const missing = unknownName(index, plain) ?? (unknownWords(index, plain).join(', ') || undefined);
  if (missing)
    return {
      ...base,
      answered: false,
      reason: 'no-match',
      unknownName: missing,
      suggestions: suggestionsFor(index, [], options.allowArticle),
    };
  const { hits, confidence } = bestReading(index, searched, plain === searched ? [searched] : [plain, searched], {
    limit: Math.max(limit, 5),
    articleId: options.articleId,
    allowArticle: options.allowArticle,
    namesAsTyped: options.namesAsTyped,
  });
  const best = hits[0];
  if (!best) return { ...base, answered: false, reason: 'no-match', suggestions: suggestionsFor(index, hits, options.allowArticle) };
  const minConfidence = options.minConfidence ?? DEFAULT_MIN_CONFIDENCE;
  // Below the floor the first passage is right about one time in ten or less on every set (docs/quality.md): not worth quoting.
  if (confidence < Math.min(NONE_FLOOR, minConfidence))
    return { ...base, answered: false, reason: 'not-close', suggestions: suggestionsFor(index, hits, options.allowArticle) };
  const quotes = hits
    .filter((hit) => hit.score >= best.score * RELATIVE_FLOOR)
    .slice(0, limit)
    .map((hit): Quote => {
      const { article, index: position, start, end } = index.sentence(hit.sentence);
      return {
        ...citationOf(article),
        text: article.text.slice(start, end),
        start,
        end,
        score: hit.score,
        context: contextFor(article, position),
      };
    });
  // A best sentence holding little of the question is never the answer, however the rest scores; nor is one for a
  // question mostly about what no article mentions. Either may still help.
  if (confidence < minConfidence || best.coverage < RELEVANCE_FLOOR || mostlyUnknown(index, plain)) {
    return {
      ...base,
      tier: 'uncertain',
      confidence: Math.min(confidence, minConfidence),
      quotes,
      answered: false,
      reason: 'weak',
      suggestions: suggestionsFor(index, hits, options.allowArticle),
    };
  }
  return { ...base, tier: 'answer', answered: true, confidence, quotes };
}
