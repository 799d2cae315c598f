import { fold, termsWithSurface, tokens } from '../search/analyzer';
import { finish, type Steps } from '../timeSlices';

/** Two questions are one group when their sets of analysed terms share at least this much (Jaccard: shared / all). */
export const SIMILARITY = 0.5;

export interface Grouped<T> {
  /** The wording shown for the group: its most frequent, the latest of those. */
  question: string;
  /** The analysed terms of that wording, sorted. */
  terms: string[];
  members: T[];
}

/** A question's key: its analysed terms (stop words out, stemmed: "promised", "promises" → "promis"), sorted, once each. */
export function questionTerms(question: string): string[] {
  return [...new Set(termsWithSurface(question).map((t) => t.term))].sort();
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let shared = 0;
  for (const term of a) if (b.has(term)) shared++;
  return shared / (a.size + b.size - shared);
}

/**
 * Groups similar questions, most frequent group first. Questions with the
 * same analysed terms are one group ("What did Kishida promise?" and
 * "kishida promises"); then a group joins a bigger one whose terms it shares
 * at least SIMILARITY of ("Kishida promise Taiwan" joins "Kishida promise"),
 * bigger groups first, so a group grows around its most asked wording and
 * never chains away from it. A question with no searchable word (emoji,
 * only stop words) is grouped by its words or, without any, its folded text. Candidates are found
 * through the rare terms they share (prefix filtering), so this stays near
 * linear.
 */
export function groupQuestions<T>(items: readonly T[], questionOf: (item: T) => string): Grouped<T>[] {
  return finish(groupingSteps(items, questionOf));
}

/** groupQuestions as steps that may pause after each question read (a server's month of questions is thousands). */
export function* groupingSteps<T>(items: readonly T[], questionOf: (item: T) => string): Steps<Grouped<T>[]> {
  const exact = new Map<string, { terms: string[]; members: T[] }>();
  for (const item of items) {
    yield;
    const terms = questionTerms(questionOf(item));
    // Without a searchable word, its words as typed ("what is it?"), else its folded text (emoji): apart from every worded group.
    const words = terms.length ? [] : tokens(questionOf(item));
    const key = terms.length
      ? terms.join(' ')
      : `\u0000${words.length ? words.join(' ') : fold(questionOf(item)).replace(/\s+/g, ' ').trim()}`;
    const group = exact.get(key);
    if (group) group.members.push(item);
    else exact.set(key, { terms, members: [item] });
  }
  const bySize = [...exact.values()].sort((a, b) => b.members.length - a.members.length);
  // Prefix filtering: two sets with Jaccard >= t share a term among the rarest |A| - ceil(t|A|) + 1 of each,
  // so a cluster is indexed, and a group looks, only under those: a term in every question ("tariff") costs nothing.
  const frequency = new Map<string, number>();
  for (const group of bySize) for (const term of group.terms) frequency.set(term, (frequency.get(term) ?? 0) + 1);
  const prefix = (terms: string[]) => {
    const rarest = [...terms].sort((a, b) => frequency.get(a)! - frequency.get(b)! || (a < b ? -1 : 1));
    return rarest.slice(0, terms.length - Math.ceil(SIMILARITY * terms.length) + 1);
  };
  const clusters: { seed: Set<string>; terms: string[]; parts: T[][] }[] = [];
  const byTerm = new Map<string, number[]>();
  for (const group of bySize) {
    yield;
    const own = new Set(group.terms);
    let best = -1;
    let bestScore = 0;
    const candidates = new Set(prefix(group.terms).flatMap((term) => byTerm.get(term) ?? []));
    for (const index of [...candidates].sort((a, b) => a - b)) {
      const score = jaccard(own, clusters[index]!.seed);
      if (score >= SIMILARITY && score > bestScore) [best, bestScore] = [index, score];
    }
    if (best >= 0) {
      clusters[best]!.parts.push(group.members);
      continue;
    }
    clusters.push({ seed: own, terms: group.terms, parts: [group.members] });
    for (const term of prefix(group.terms)) byTerm.set(term, [...(byTerm.get(term) ?? []), clusters.length - 1]);
  }
  return clusters
    .map((cluster) => {
      // The seed is the cluster's biggest exact group; its last member is the latest wording.
      const seed = cluster.parts[0]!;
      return { question: questionOf(seed[seed.length - 1]!), terms: cluster.terms, members: cluster.parts.flat() };
    })
    .sort((a, b) => b.members.length - a.members.length);
}
