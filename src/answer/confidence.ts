import { terms, tokens } from '../search/analyzer';
import type { Article } from '../library/article';
import { QuestionReader, withoutFiller } from '../search/question';
import type { Hit, SentenceIndex } from '../search/sentenceIndex';
import { rereadText } from '../search/rereadText';
import model from './confidenceModel.json' with { type: 'json' };
import { lexicalFeatures } from './evidence/lexical';
import { DISCOURSE_FEATURES, discourseEvidence } from './evidence/discourse';

/**
 * The evidence, read off the ranked sentences, that predicts whether the first
 * quote answers the question. Coverage alone is fooled by questions that reuse
 * a sentence's words but ask for something it does not say (SQuAD 2.0's
 * near-misses) and by real queries that share few words with their answer.
 */
export const FEATURES = [
  'coverage',
  'coverageMargin',
  'scoreMargin',
  'missingRarest',
  'missingNamesNumbers',
  'typed',
  'typedOffered',
  'sharedPairs',
  'why',
  'lead',
  'negationMismatch',
  'fewTerms',
  'scoped',
  'logScore',
  'missingEverywhere',
  'unknownTerms',
  'topShare',
  'secondSameArticle',
  'missingInArticle',
  'neighbourCovers',
  'restates',
  'brokenPairs',
  'otherArticleMargin',
  'sentenceLength',
  'titleLike',
  'numberMismatch',
  'caseMismatch',
  // Word relations from WordNet (evidence/lexical.ts).
  'opposite',
  'familyCovers',
  'lexicalCoverage',
  ...DISCOURSE_FEATURES,
] as const;

export type Features = Record<(typeof FEATURES)[number], number>;

// Questions that ask for a reason or a manner, which a single sentence seldom settles.
const WHY = /\bwhy\b|\bhow (?:do|does|did|is|are|was|were|can|could|to|should)\b/i;
const NEGATION = /\b(?:not|never|no|none|nor|without|n't|cannot)\b|n['’]t\b/i;
// Names and figures the question pins down: a capitalised word after the first, or digits.
const PINNED = /(?<=\S\s+)\p{Lu}[\p{L}\p{N}'’-]*|\d[\d,.]*\d|\d/gu;
const CAPITALISED = /\p{Lu}[\p{L}\p{N}'’-]*/gu;
const NUMBERS = /\d+/g;
// A sentence that ends without a full stop is usually a heading or a caption, not a statement.
const ENDS_AS_SENTENCE = /[.!?;:]["'”’)\]]*\s*$/;

export function confidenceFeatures(index: SentenceIndex<Article>, question: string, hits: readonly Hit[], scoped: boolean): Features {
  const best = hits[0];
  const second = hits[1];
  const text = best ? sentenceText(index, best) : '';
  const sentenceTerms = new Set(terms(text));
  // The words searched for: conversational filler and chat spellings are not what the question asks about.
  const questionTerms = [...new Set(terms(withoutFiller(question)))];
  const weightOf = (term: string) => index.idf(term) || index.unseenIdf();
  const weights = questionTerms.map(weightOf);
  const total = weights.reduce((sum, w) => sum + w, 0) || 1;
  let missingRarest = 0;
  questionTerms.forEach((term, i) => {
    if (!sentenceTerms.has(term)) missingRarest = Math.max(missingRarest, weights[i]! / total);
  });
  const pinned = [...question.matchAll(PINNED)].flatMap(([word]) => terms(word));
  const sentenceTokens = new Set(tokens(text));
  const missingPinned = pinned.filter((term) => !sentenceTerms.has(term) && !sentenceTokens.has(term)).length;
  // Question words none of the best five sentences has: the library may not hold the answer at all.
  const nearby = new Set(hits.slice(0, 5).flatMap((hit) => terms(sentenceText(index, hit))));
  let missingEverywhere = 0;
  let unknownTerms = 0;
  questionTerms.forEach((term, i) => {
    if (!nearby.has(term)) missingEverywhere += weights[i]! / total;
    if (index.idf(term) === 0) unknownTerms += weights[i]! / total;
  });
  // Question words the best sentence's whole article lacks: a swapped name or date (SQuAD 2.0's near-misses) leaves one.
  // Only the words the sentence lacks are looked up, so this costs a posting walk for one or two terms.
  let missingInArticle = 0;
  let neighbourCovers = 0;
  if (best) {
    const { article, index: position } = index.sentence(best.sentence);
    const neighbours = new Set(
      [position - 1, position + 1]
        .filter((i) => i >= 0 && i < article.sentences.length)
        .flatMap((i) => terms(rereadText(article.text, article.sentences[i]!.start, article.sentences[i]!.end))),
    );
    questionTerms.forEach((term, i) => {
      if (sentenceTerms.has(term)) return;
      if (neighbours.has(term)) neighbourCovers += weights[i]! / total;
      else if (index.matchAll([term], article.id).length === 0) missingInArticle += weights[i]! / total;
    });
  }
  // A sentence whose words are nearly all the question's restates it rather than answering it.
  const novel = [...sentenceTerms].filter((term) => !questionTerms.includes(term)).length;
  const topFive = hits.slice(0, 5).reduce((sum, hit) => sum + Math.max(0, hit.score), 0);
  const reader = new QuestionReader(question);
  const typed = reader.type !== 'other';
  const sentenceSequence = terms(text);
  // The best hit from another article: a close one means the library offers two stories, not one answer.
  const other = best ? hits.find((hit) => index.sentence(hit.sentence).article !== index.sentence(best.sentence).article) : undefined;
  // A capitalised question word that the sentence has only in lower case ("Apple" against "apple") names something else.
  const capitalisedInSentence = new Set([...text.matchAll(CAPITALISED)].flatMap(([word]) => tokens(word)));
  let caseMismatch = 0;
  for (const [word] of question.matchAll(PINNED)) {
    if (!/^\p{Lu}/u.test(word)) continue;
    for (const token of tokens(word)) if (sentenceTokens.has(token) && !capitalisedInSentence.has(token)) caseMismatch = 1;
  }
  // A number of the question that the sentence lacks while giving another one: a swapped year or figure.
  const questionNumbers = new Set(question.match(NUMBERS) ?? []);
  const sentenceNumbers = new Set(text.match(NUMBERS) ?? []);
  const numberMismatch =
    [...questionNumbers].some((n) => !sentenceNumbers.has(n)) && [...sentenceNumbers].some((n) => !questionNumbers.has(n)) ? 1 : 0;
  const lexical = lexicalFeatures(questionTerms, weights, sentenceTerms, tokens(question), sentenceTokens);
  return {
    coverage: best?.coverage ?? 0,
    coverageMargin: best ? best.coverage - (second?.coverage ?? 0) : 0,
    scoreMargin: best && best.score > 0 ? (best.score - (second?.score ?? 0)) / best.score : 0,
    missingRarest,
    missingNamesNumbers: pinned.length === 0 ? 0 : missingPinned / pinned.length,
    typed: typed ? 1 : 0,
    typedOffered: typed && reader.offersAnswer(text) ? 1 : 0,
    sharedPairs: reader.sharedPairs(tokens(text)) / Math.max(1, tokens(question).length - 1),
    why: WHY.test(question) ? 1 : 0,
    lead: best && index.sentence(best.sentence).index === 0 ? 1 : 0,
    negationMismatch: NEGATION.test(question) !== NEGATION.test(text) ? 1 : 0,
    fewTerms: 1 / Math.max(1, questionTerms.length),
    scoped: scoped ? 1 : 0,
    logScore: best ? Math.log1p(Math.max(0, best.score)) : 0,
    missingEverywhere,
    unknownTerms,
    topShare: best && topFive > 0 ? Math.max(0, best.score) / topFive : 0,
    secondSameArticle: best && second && index.sentence(best.sentence).article === index.sentence(second.sentence).article ? 1 : 0,
    missingInArticle,
    neighbourCovers,
    restates: sentenceTerms.size === 0 ? 1 : 1 - novel / sentenceTerms.size,
    brokenPairs: brokenPairs(terms(question), sentenceSequence),
    otherArticleMargin: best && best.score > 0 ? (other ? (best.score - other.score) / best.score : 1) : 0,
    sentenceLength: Math.log1p(sentenceSequence.length),
    titleLike: text && !ENDS_AS_SENTENCE.test(text) ? 1 : 0,
    numberMismatch,
    caseMismatch,
    ...lexical,
    ...discourseEvidence(question, text, best ? index.sentence(best.sentence).article.title : '', weightOf),
  };
}

/**
 * The share of the question's adjacent word pairs, both words in the sentence,
 * that the sentence does not keep together in that order (within two words):
 * "Point Tehachapi and the Conception Mountains" against "Point Conception
 * and the Tehachapi Mountains" has the words but not the pairs.
 */
export function brokenPairs(questionTerms: readonly string[], sentenceTerms: readonly string[]): number {
  const positions = new Map<string, number[]>();
  sentenceTerms.forEach((term, i) => {
    const list = positions.get(term);
    if (list) list.push(i);
    else positions.set(term, [i]);
  });
  let present = 0;
  let broken = 0;
  for (let i = 1; i < questionTerms.length; i++) {
    const a = positions.get(questionTerms[i - 1]!);
    const b = positions.get(questionTerms[i]!);
    if (!a || !b || questionTerms[i - 1] === questionTerms[i]) continue;
    present++;
    if (!a.some((p) => b.some((q) => q > p && q - p <= 2))) broken++;
  }
  return present === 0 ? 0 : broken / present;
}

function sentenceText(index: SentenceIndex<Article>, hit: Hit): string {
  const { article, start, end } = index.sentence(hit.sentence);
  return rereadText(article.text, start, end);
}

/**
 * The model's inputs: the evidence as read, each piece again for questions
 * scoped to one article (scores and margins mean other things there), a few
 * steps and products, so that a linear model can bend where the evidence does.
 */
export function modelInputs(f: Features): Record<string, number> {
  const inputs: Record<string, number> = { ...f };
  for (const name of FEATURES) if (name !== 'scoped') inputs[`${name}×scoped`] = f[name] * f.scoped;
  inputs['coverage²'] = f.coverage ** 2;
  inputs['missingRarest²'] = f.missingRarest ** 2;
  inputs['typed×coverage'] = f.typed * f.coverage;
  inputs['topShare×scoreMargin'] = f.topShare * f.scoreMargin;
  inputs['missingInArticle>0'] = f.missingInArticle > 0 ? 1 : 0;
  inputs['typedOffered×coverage'] = f.typedOffered * f.coverage;
  inputs['missingNamesNumbers>0'] = f.missingNamesNumbers > 0 ? 1 : 0;
  for (const step of [0.2, 0.4, 0.6, 0.8]) inputs[`coverage>${step}`] = f.coverage > step ? 1 : 0;
  for (const step of [0.1, 0.3, 0.5]) inputs[`scoreMargin>${step}`] = f.scoreMargin > step ? 1 : 0;
  for (const step of [0.1, 0.2, 0.3]) inputs[`missingRarest>${step}`] = f.missingRarest > step ? 1 : 0;
  return inputs;
}

/** The linear model: logistic regression over modelInputs(). */
export interface LinearModel {
  inputs: readonly string[];
  weights: readonly number[];
  bias: number;
}

/** A leaf's addition to the log-odds, or [evidence, threshold, below it, at or above it]. */
export type TreeNode = number | readonly [string, number, TreeNode, TreeNode];

/** Boosted shallow trees over the evidence as read: the log-odds are `base` plus one leaf of each tree. */
export interface TreeModel {
  kind: 'trees';
  base: number;
  trees: readonly TreeNode[];
}

export type ConfidenceModel = LinearModel | TreeModel;

const shipped = model as unknown as ConfidenceModel;

function leafOf(node: TreeNode, f: Readonly<Record<string, number>>): number {
  while (typeof node !== 'number') node = (f[node[0]] ?? 0) < node[1] ? node[2] : node[3];
  return node;
}

/** The fitted chance (0..1) that the first quote answers the question (bench/fitConfidence.ts). */
export function calibratedConfidence(features: Features, fitted: ConfidenceModel = shipped): number {
  let z: number;
  if ('kind' in fitted) {
    z = fitted.base;
    for (const tree of fitted.trees) z += leafOf(tree, features);
  } else {
    const inputs = modelInputs(features);
    z = fitted.bias;
    fitted.inputs.forEach((name, i) => {
      z += (fitted.weights[i] ?? 0) * (inputs[name] ?? 0);
    });
  }
  return 1 / (1 + Math.exp(-z));
}
