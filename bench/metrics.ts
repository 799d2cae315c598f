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
