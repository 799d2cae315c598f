import { readFileSync } from 'node:fs';
import { auroc } from '../bench/metrics';
type Row = { group: string; features: Record<string, number>; answerable: boolean; correct: boolean };
const rows: Row[] = JSON.parse(readFileSync('/tmp/pd-answers/features2.json', 'utf8'));
const base = Object.keys(rows[0]!.features);
const variants: Record<string, (f: Record<string, number>) => number[]> = {
  products: (f) => [...base.map((k) => f[k]!), ...base.filter((k) => k !== 'scoped').map((k) => f[k]! * f.scoped!), f.coverage! ** 2, f.typed! * f.coverage!, f.topShare! * f.scoreMargin!, f.missingRarest! ** 2],
  both: (f) => [...base.map((k) => f[k]!), ...base.filter((k) => k !== 'scoped').map((k) => f[k]! * f.scoped!), f.coverage! ** 2, f.typed! * f.coverage!, f.topShare! * f.scoreMargin!, f.missingRarest! ** 2, ...[0.2, 0.4, 0.6, 0.8].map((t) => (f.coverage! > t ? 1 : 0)), ...[0.1, 0.3, 0.5].map((t) => (f.scoreMargin! > t ? 1 : 0)), ...[0.1, 0.2, 0.3].map((t) => (f.missingRarest! > t ? 1 : 0))],
  scopedOnly: (f) => [...base.map((k) => f[k]!), ...base.filter((k) => k !== 'scoped').map((k) => f[k]! * f.scoped!)],
  bins: (f) => [...base.map((k) => f[k]!), ...[0.2, 0.4, 0.6, 0.8].map((t) => (f.coverage! > t ? 1 : 0)), ...[0.1, 0.3, 0.5].map((t) => (f.scoreMargin! > t ? 1 : 0)), ...[0.1, 0.2, 0.3].map((t) => (f.missingRarest! > t ? 1 : 0))],
};
function solve(a: number[][], b: number[]): number[] {
  const n = b.length; const m = a.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < n; c++) {
    let p = c; for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[p]![c]!)) p = r;
    [m[c], m[p]] = [m[p]!, m[c]!];
    for (let r = 0; r < n; r++) if (r !== c) { const f = m[r]![c]! / m[c]![c]!; for (let k = c; k <= n; k++) m[r]![k]! -= f * m[c]![k]!; }
  }
  return m.map((row, i) => row[n]! / row[i]!);
}
function fit(x: number[][], y: number[], sw: number[], l2 = 1e-4) {
  const d = x[0]!.length;
  const mean = Array.from({ length: d }, (_, j) => x.reduce((s, v) => s + v[j]!, 0) / x.length);
  const sd = Array.from({ length: d }, (_, j) => Math.sqrt(x.reduce((s, v) => s + (v[j]! - mean[j]!) ** 2, 0) / x.length) || 1);
  const z = x.map((v) => [1, ...v.map((value, j) => (value - mean[j]!) / sd[j]!)]);
  const total = sw.reduce((a, b) => a + b, 0); const w0 = sw.map((v) => v / total);
  let w = new Array<number>(d + 1).fill(0);
  for (let it = 0; it < 25; it++) {
    const g = w.map((wj, j) => (j ? l2 * wj : 0)); const h = w.map((_, j) => w.map((__, k) => (j === k && j ? l2 : 0)));
    for (let i = 0; i < z.length; i++) { const zi = z[i]!; let t = 0; for (let j = 0; j <= d; j++) t += w[j]! * zi[j]!; const p = 1 / (1 + Math.exp(-t)); const e = (p - y[i]!) * w0[i]!; const q = p * (1 - p) * w0[i]!;
      for (let j = 0; j <= d; j++) { g[j]! += e * zi[j]!; const hj = h[j]!; for (let k = 0; k <= d; k++) hj[k]! += q * zi[j]! * zi[k]!; } }
    const step = solve(h, g); w = w.map((wj, j) => wj - step[j]!);
  }
  return (v: number[]) => { let t = w[0]!; v.forEach((value, j) => (t += w[j + 1]! * (value - mean[j]!) / sd[j]!)); return 1 / (1 + Math.exp(-t)); };
}
const fitRows = rows.filter((r) => r.group.startsWith('fit'));
const counts = new Map<string, number>(); for (const r of fitRows) counts.set(r.group, (counts.get(r.group) ?? 0) + 1);
for (const [name, expand] of Object.entries(variants)) {
  const predict = fit(fitRows.map((r) => expand(r.features)), fitRows.map((r) => (r.correct ? 1 : 0)), fitRows.map((r) => 1 / counts.get(r.group)!));
  const out: string[] = [];
  for (const g of [...new Set(rows.map((r) => r.group))].filter((g) => g.startsWith('check'))) {
    const m = rows.filter((r) => r.group === g);
    out.push(`${g.replace('check ', '').replace(' (check half)', '')} ${auroc(m.map((r) => predict(expand(r.features))), m.map((r) => r.correct)).toFixed(3)}`);
  }
  console.log(name, out.join(' | '));
}
