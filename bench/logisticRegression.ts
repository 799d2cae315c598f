/**
 * Logistic regression by Newton's method: the linear confidence model, kept
 * to compare the boosted trees against (bench/fitConfidence.ts --model linear).
 */
import { type Features, modelInputs } from '../src/answer/confidence';

export interface WeightedRow {
  features: Features;
  correct: boolean;
  /** Sample weight, mean 1 over the rows fitted. */
  weight: number;
}

/** Solves a·x = b by Gaussian elimination with partial pivoting (a is small: one row per model input). */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[pivot]![c]!)) pivot = r;
    [m[c], m[pivot]] = [m[pivot]!, m[c]!];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const factor = m[r]![c]! / m[c]![c]!;
      for (let k = c; k <= n; k++) m[r]![k]! -= factor * m[c]![k]!;
    }
  }
  return m.map((row, i) => row[n]! / row[i]!);
}

/**
 * Logistic regression by Newton's method on standardised inputs, each set and
 * protocol weighing the same, with a little L2; weights returned on the raw scale.
 */
export function fitLinear(rows: WeightedRow[], l2: number): { inputs: string[]; weights: number[]; bias: number } {
  const names = Object.keys(modelInputs(rows[0]!.features));
  const x = rows.map((r) => {
    const inputs = modelInputs(r.features);
    return names.map((name) => inputs[name]!);
  });
  const y = rows.map((r) => (r.correct ? 1 : 0));
  const sampleWeight = rows.map((r) => r.weight / rows.length);
  const d = names.length;
  const mean = names.map((_, j) => x.reduce((s, v) => s + v[j]!, 0) / x.length);
  const sd = names.map((_, j) => Math.sqrt(x.reduce((s, v) => s + (v[j]! - mean[j]!) ** 2, 0) / x.length) || 1);
  // Column 0 is the intercept.
  const z = x.map((v) => [1, ...v.map((value, j) => (value - mean[j]!) / sd[j]!)]);
  let w = new Array<number>(d + 1).fill(0);
  for (let iteration = 0; iteration < 25; iteration++) {
    const gradient = w.map((wj, j) => (j === 0 ? 0 : l2 * wj));
    const hessian = w.map((_, j) => w.map((__, k) => (j === k && j > 0 ? l2 : 0)));
    for (let i = 0; i < z.length; i++) {
      const zi = z[i]!;
      let t = 0;
      for (let j = 0; j <= d; j++) t += w[j]! * zi[j]!;
      const p = 1 / (1 + Math.exp(-t));
      const error = (p - y[i]!) * sampleWeight[i]!;
      const curvature = p * (1 - p) * sampleWeight[i]!;
      for (let j = 0; j <= d; j++) {
        gradient[j]! += error * zi[j]!;
        const row = hessian[j]!;
        for (let k = 0; k <= d; k++) row[k]! += curvature * zi[j]! * zi[k]!;
      }
    }
    const step = solve(hessian, gradient);
    w = w.map((wj, j) => wj - step[j]!);
  }
  const weights = names.map((_, j) => w[j + 1]! / sd[j]!);
  return { inputs: names, weights, bias: w[0]! - weights.reduce((s, wj, j) => s + wj * mean[j]!, 0) };
}
