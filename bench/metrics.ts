/** Ranking figures from the rank (1-based) of the first correct result, or 0 when none. */
export interface Figures {
  questions: number;
  p1: number;
  mrr10: number;
  recall5: number;
}

export function figures(firstCorrectRanks: number[]): Figures {
  const n = firstCorrectRanks.length || 1;
  let p1 = 0;
  let mrr = 0;
  let recall5 = 0;
  for (const rank of firstCorrectRanks) {
    if (rank === 1) p1++;
    if (rank >= 1 && rank <= 10) mrr += 1 / rank;
    if (rank >= 1 && rank <= 5) recall5++;
  }
  return { questions: firstCorrectRanks.length, p1: p1 / n, mrr10: mrr / n, recall5: recall5 / n };
}

export function firstCorrectRank(flags: boolean[]): number {
  const at = flags.indexOf(true);
  return at === -1 ? 0 : at + 1;
}

/**
 * The area under the ROC curve of `scores` for telling positives from
 * negatives: the chance that a random positive scores above a random
 * negative (ties count half). NaN when either class is empty.
 */
export function auroc(scores: readonly number[], positive: readonly boolean[]): number {
  const order = scores.map((score, i) => ({ score, positive: positive[i] === true })).sort((a, b) => a.score - b.score);
  let positives = 0;
  let negatives = 0;
  let rankSum = 0;
  for (let i = 0; i < order.length; ) {
    let j = i;
    const score = order[i]?.score;
    while (j < order.length && order[j]?.score === score) j++;
    const midRank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) {
      if (order[k]?.positive) {
        positives++;
        rankSum += midRank;
      } else negatives++;
    }
    i = j;
  }
  if (positives === 0 || negatives === 0) return Number.NaN;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}
