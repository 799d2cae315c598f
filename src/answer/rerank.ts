import { places } from '../alerts/places';
import { termOf, tokens } from '../search/analyzer';
import { officeAskedFor, namesHolder } from '../search/officeHolder';
import { QuestionReader } from '../search/question';
import { asksWhetherHappened, isConditional } from '../search/sentenceKind';
import { RelatedWords } from '../search/related';
import { rereadText } from '../search/rereadText';
import type { ScoringOptions } from '../search/scoring';
import { REREAD_FEATURES_AT, type Hit } from '../search/sentenceIndex';
import type { WordVectors } from '../search/wordVectors';

/** The weights of the evidence the re-reading gives, in RANKING_FEATURES' order from REREAD_FEATURES_AT. */
const REREAD_WEIGHTS = [
  'phraseBonus',
  'noveltyBonus',
  'answerTypeBonus',
  'relatedBonus',
  'officeBonus',
  'conditionalWeight',
  'countOnlyWeight',
  'subjectBonus',
] as const satisfies readonly (keyof ScoringOptions)[];

let placeWords: Map<string, string> | undefined;

/** The country or UK nation a word names, in one of its one-word names or demonyms ("scottish" → Scotland), from the alerts' gazetteer. */
function placeOf(word: string): string | undefined {
  if (!placeWords) {
    const { countries, nations } = places();
    placeWords = new Map();
    for (const place of [...countries, ...[...nations.values()].flat()])
      for (const { key } of place.sayings) if (!key.includes(' ') && !placeWords.has(key)) placeWords.set(key, place.name);
  }
  return placeWords.get(word);
}

/** Whether the options ask for any check that re-reads the best sentences' words. */
export function rereads(scoring: ScoringOptions): boolean {
  return REREAD_WEIGHTS.some((weight) => scoring[weight] !== 0);
}

export interface Rereading {
  /** The question as typed: answer type and word pairs read its raw words, which the analyzer drops. */
  question: string;
  /** The text of a hit's sentence. */
  sentenceText: (sentence: number) => { text: string; start: number; end: number };
  /** Word vectors for related words; none, and related words give nothing. */
  vectors: WordVectors | undefined;
  /** Each question term's weight as the index scored it (SentenceIndex.queryWeights); asked only for related words. */
  weights: () => ReadonlyMap<string, number>;
}

/**
 * Re-reads the best few sentences the index ranked (the `rerankDepth` it was
 * asked for) for the evidence that needs their words: the kind of answer
 * the question asks for, the question's word pairs, words the question does
 * not have, and question words said with a related word. Adds each to the
 * hit's score (see src/search/DESIGN.md, "Scoring") and sorts again, best
 * first, equal scores in sentence order.
 */
export function rerank(hits: Hit[], scoring: ScoringOptions, { question, sentenceText, vectors, weights }: Rereading): Hit[] {
  const reader = new QuestionReader(question);
  const office = officeAskedFor(question);
  const whetherHappened = asksWhetherHappened(question);
  let related: RelatedWords | undefined;
  if (scoring.relatedBonus !== 0 && vectors) {
    const weightOf = weights();
    related = new RelatedWords(tokens(question), vectors, (term) => weightOf.get(term) ?? 0, scoring.relatedThreshold);
  }
  const ranked = hits.map((hit) => ({ ...hit, ...(hit.features ? { features: [...hit.features] } : {}) }));
  for (const entry of ranked) {
    const { text: whole, start, end } = sentenceText(entry.sentence);
    const text = rereadText(whole, start, end);
    const words = tokens(text);
    const terms = words.map(termOf);
    const pairs = scoring.phraseBonus !== 0 ? reader.sharedPairs(words) : 0;
    const novelty = scoring.noveltyBonus !== 0 ? Math.log1p(reader.novelTerms(terms)) : 0;
    const offers = reader.offersAnswer(text) ? 1 : 0;
    const relatedMass = related ? related.mass(words, terms) : 0;
    // In RANKING_FEATURES' order from 'pairs'.
    const evidence = [
      pairs,
      novelty,
      offers,
      relatedMass,
      office && namesHolder(text, office, reader.words, placeOf) ? 1 : 0,
      whetherHappened && isConditional(text) ? 1 : 0,
      reader.offersCountOnly(text) ? 1 : 0,
      reader.saysWhatSubjectIs(words) ? 1 : 0,
    ];
    for (let i = 0; i < evidence.length; i++) entry.score += scoring[REREAD_WEIGHTS[i]!] * evidence[i]!;
    if (entry.features) entry.features.splice(REREAD_FEATURES_AT, evidence.length, ...evidence);
  }
  return ranked.sort((x, y) => y.score - x.score || x.sentence - y.sentence);
}
