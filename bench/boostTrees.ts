/**
 * Gradient-boosted shallow trees for the logistic loss: the fitting half of
 * the confidence's tree model (src/answer/confidence.ts reads the result).
 * Written here rather than installed: the well-known implementations
 * (XGBoost, LightGBM) are native libraries, and the fit needs ~100 lines.
 *
 * Each round fits one tree of depth `depth` to the loss's gradient and
 * curvature (a Newton step per leaf, as XGBoost does), over each input's
 * values cut at up to `bins` quantiles.
 */
import type { TreeNode } from '../src/answer/confidence';

export interface BoostOptions {
  trees: number;
  depth: number;
  /** Shrinkage applied to every leaf. */
  rate: number;
  /** L2 on leaf values, in units of summed curvature. */
  lambda: number;
  /** Least summed curvature a leaf may hold. */
  minLeaf: number;
  bins: number;
}

export interface Boosted {
  base: number;
  trees: TreeNode[];
}

/** Cut points per input: midpoints between distinct values when few, else quantiles. */
function cutsOf(values: number[], bins: number): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const distinct = [...new Set(sorted)];
  if (distinct.length <= bins) return distinct.slice(1).map((v, i) => (v + distinct[i]!) / 2);
  const cuts = new Set<number>();
  for (let q = 1; q < bins; q++) cuts.add(sorted[Math.floor((q * sorted.length) / bins)]!);
  return [...cuts].filter((c) => c > sorted[0]!).sort((a, b) => a - b);
}

const round = (v: number) => Math.round(v * 10000) / 10000;

/** x: rows of inputs (named by `names`), y: 0/1, w: sample weights (mean 1). */
export function boost(names: readonly string[], x: number[][], y: number[], w: number[], o: BoostOptions): Boosted {
  const n = x.length;
  const d = names.length;
  const cuts = names.map((_, j) =>
    cutsOf(
      x.map((row) => row[j]!),
      o.bins,
    ).map(round),
  );
  // bin[j][i]: how many of input j's cuts lie at or below row i's value, so "value < cuts[k]" is "bin <= k".
  const bin = cuts.map((c, j) => x.map((row) => c.filter((cut) => cut <= row[j]!).length));
  const positive = y.reduce((s, v, i) => s + v * w[i]!, 0) / w.reduce((s, v) => s + v, 0);
  const base = Math.log(positive / (1 - positive));
  const z = new Array<number>(n).fill(base);
  const g = new Array<number>(n);
  const h = new Array<number>(n);
  const trees: TreeNode[] = [];

  const grow = (rows: number[], level: number): TreeNode => {
    let G = 0;
    let H = 0;
    for (const i of rows) {
      G += g[i]!;
      H += h[i]!;
    }
    const leaf = round((-G / (H + o.lambda)) * o.rate);
    if (level === o.depth) return leaf;
    let best = { gain: 0, j: -1, k: -1 };
    for (let j = 0; j < d; j++) {
      const k = cuts[j]!.length;
      if (k === 0) continue;
      const gs = new Float64Array(k + 1);
      const hs = new Float64Array(k + 1);
      const binOf = bin[j]!;
      for (const i of rows) {
        const b = binOf[i]!;
        gs[b] = gs[b]! + g[i]!;
        hs[b] = hs[b]! + h[i]!;
      }
      let gl = 0;
      let hl = 0;
      for (let c = 0; c < k; c++) {
        gl += gs[c]!;
        hl += hs[c]!;
        const hr = H - hl;
        if (hl < o.minLeaf || hr < o.minLeaf) continue;
        const gain = (gl * gl) / (hl + o.lambda) + ((G - gl) * (G - gl)) / (hr + o.lambda) - (G * G) / (H + o.lambda);
        if (gain > best.gain) best = { gain, j, k: c };
      }
    }
    if (best.j < 0) return leaf;
    const below = rows.filter((i) => bin[best.j]![i]! <= best.k);
    const above = rows.filter((i) => bin[best.j]![i]! > best.k);
    return [names[best.j]!, cuts[best.j]![best.k]!, grow(below, level + 1), grow(above, level + 1)];
  };

  const all = [...Array(n).keys()];
  for (let t = 0; t < o.trees; t++) {
    for (let i = 0; i < n; i++) {
      const p = 1 / (1 + Math.exp(-z[i]!));
      g[i] = (p - y[i]!) * w[i]!;
      h[i] = p * (1 - p) * w[i]!;
    }
    const tree = grow(all, 0);
    trees.push(tree);
    for (let i = 0; i < n; i++) z[i]! += leafOf(tree, names, x[i]!);
  }
  return { base: round(base), trees };
}

function leafOf(node: TreeNode, names: readonly string[], row: number[]): number {
  while (typeof node !== 'number') node = row[names.indexOf(node[0])]! < node[1] ? node[2] : node[3];
  return node;
}

/**
 * Platt scaling on top of the trees: the a and b of chance = σ(a·z + b) for
 * the trees' log-odds z, fitted (weighted logistic regression in one input,
 * Newton's method) on the rows the trees were fitted on. Shrinkage leaves
 * few trees short of the log-odds they aim for, so that their chances are
 * bunched around the base rate (stated 0.66, right 0.8); a > 1 spreads them.
 */
export function platt(z: readonly number[], y: readonly number[], w: readonly number[]): { a: number; b: number } {
  let a = 1;
  let b = 0;
  for (let iteration = 0; iteration < 50; iteration++) {
    let ga = 0;
    let gb = 0;
    let haa = 0;
    let hab = 0;
    let hbb = 0;
    z.forEach((zi, i) => {
      const p = 1 / (1 + Math.exp(-(a * zi + b)));
      const error = (p - y[i]!) * w[i]!;
      const curvature = p * (1 - p) * w[i]!;
      ga += error * zi;
      gb += error;
      haa += curvature * zi * zi;
      hab += curvature * zi;
      hbb += curvature;
    });
    const det = haa * hbb - hab * hab;
    if (!(det > 0)) break;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    a -= da;
    b -= db;
    if (Math.abs(da) + Math.abs(db) < 1e-9) break;
  }
  return { a, b };
}

/** The same trees giving σ(a·z + b): every leaf times a, the base times a plus b, so that reading the model costs nothing more. */
export function scaled(model: { base: number; trees: readonly TreeNode[] }, a: number, b: number): Boosted {
  const scale = (node: TreeNode): TreeNode =>
    typeof node === 'number' ? round(node * a) : [node[0], node[1], scale(node[2]), scale(node[3])];
  return { base: round(model.base * a + b), trees: model.trees.map(scale) };
}
