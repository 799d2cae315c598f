/**
 * Chooses the trees' count, depth and learning rate on the fit rows alone:
 * blocked cross-validation (blocks of 50 consecutive questions of one set and
 * protocol, so that questions on one paragraph stay together), scored by the
 * held-out AUROC averaged over the fit sets. The sets the fit never sees
 * only confirm the choice afterwards. A model of N trees is the first N trees
 * of a longer one, so each depth and rate is fitted once per fold.
 */
import type { BoostOptions } from './boostTrees';
import type { TreeModel, TreeNode } from '../src/answer/confidence';
import type { WeightedRow } from './logisticRegression';
import { auroc } from './metrics';

const FOLDS = 5;
const BLOCK = 50;
const COUNTS = [50, 75, 100, 150, 200, 300];
const SHAPES: [depth: number, rate: number][] = [
  [2, 0.1],
  [3, 0.1],
  [4, 0.1],
  [3, 0.05],
];

function leafOf(node: TreeNode, f: Readonly<Record<string, number>>): number {
  while (typeof node !== 'number') node = (f[node[0]] ?? 0) < node[1] ? node[2] : node[3];
  return node;
}

/**
 * `by`: 'blocks' holds out blocks of questions of every set in turn; 'sets'
 * holds out one fit set at a time (both its protocols), fitting on the
 * others, which asks what carries over to questions of another kind.
 */
export function select<R extends WeightedRow & { group: string }>(
  rows: R[],
  fitModel: (rows: R[], options: BoostOptions) => TreeModel,
  options: (trees: number, depth: number, rate: number) => BoostOptions,
  by: 'blocks' | 'sets' = 'blocks',
): void {
  const seen = new Map<string, number>();
  const setOf = (group: string) => group.replace(/ (?:open|in-doc)$/, '');
  const sets = [...new Set(rows.map((r) => setOf(r.group)))];
  const fold = rows.map((r) => {
    const i = seen.get(r.group) ?? 0;
    seen.set(r.group, i + 1);
    return by === 'sets' ? sets.indexOf(setOf(r.group)) : Math.floor(i / BLOCK) % FOLDS;
  });
  const folds = by === 'sets' ? sets.length : FOLDS;
  const groups = [...seen.keys()];
  console.log(
    `Held-out AUROC on the fit rows (${by === 'sets' ? 'each set held out in turn' : `${FOLDS}-fold, blocks of ${BLOCK}`}), mean over ${groups.join(', ')}:\n`,
  );
  console.log(`| depth | rate | ${COUNTS.map((c) => `${c} trees`).join(' | ')} |`);
  console.log(`|---:|---:|${COUNTS.map(() => '---:').join('|')}|`);
  for (const [depth, rate] of SHAPES) {
    // z[c][i]: row i's held-out log-odds after COUNTS[c] trees.
    const z = COUNTS.map(() => new Float64Array(rows.length));
    for (let k = 0; k < folds; k++) {
      const model = fitModel(
        rows.filter((_, i) => fold[i] !== k),
        options(COUNTS.at(-1)!, depth, rate),
      );
      rows.forEach((r, i) => {
        if (fold[i] !== k) return;
        let sum = model.base;
        let c = 0;
        model.trees.forEach((tree, t) => {
          sum += leafOf(tree, r.features);
          if (t + 1 === COUNTS[c]) z[c++]![i] = sum;
        });
      });
    }
    const cells = z.map((scores) => {
      const perGroup = groups.map((group) => {
        const mine = rows.flatMap((r, i) => (r.group === group ? [i] : []));
        return auroc(
          mine.map((i) => scores[i]!),
          mine.map((i) => rows[i]!.correct),
        );
      });
      return (perGroup.reduce((s, v) => s + v, 0) / perGroup.length).toFixed(4);
    });
    console.log(`| ${depth} | ${rate} | ${cells.join(' | ')} |`);
  }
  console.log('');
}
