/**
 * npx tsx bench/fitConfidence.ts [--out src/answer/confidenceModel.json] [--cache FILE]
 *
 * Fits the confidence model (src/answer/confidence.ts): a logistic regression
 * from the evidence about the first quote to "the first quote answers the
 * question". Fitted on nq-qed-train (real Google queries) and on the `fit`
 * half of the documents of SQuAD 2.0 (answerable and unanswerable) and
 * PolicyQA, each set and protocol weighing the same; checked on the other
 * half and on nq-qed-dev, which it never sees. Prints the AUROC and a
 * reliability table (stated confidence against the share right) per check set.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { Article } from '../src/library/article';
import { parseArgs } from 'node:util';
import { unknownName } from '../src/answer/ask';
import { type ConfidenceModel, type Features, calibratedConfidence, confidenceFeatures, modelInputs } from '../src/answer/confidence';
import { rankSentences } from '../src/answer/rank';
import { SentenceIndex } from '../src/search/sentenceIndex';
import { type EvalQuestion, type Half, datasetArticles, halfOf, isCorrect, readDataset } from './dataset';
import { auroc } from './metrics';
import type { Protocol } from './userFigures';

const DIR = new URL('../../shared/eval/', import.meta.url).pathname;
const { values } = parseArgs({ options: { out: { type: 'string', default: 'src/answer/confidenceModel.json' }, cache: { type: 'string' }, l2: { type: 'string', default: '0.0001' } } });

interface Row {
  group: string;
  features: Features;
  answerable: boolean;
  correct: boolean;
}

/** [file, the half used ('all' for the whole file), role]. */
const GROUPS: [string, Half | 'all', 'fit' | 'check'][] = [
  ['nq-qed-train.json', 'all', 'fit'],
  ['squad-v2.0-dev.json', 'fit', 'fit'],
  ['policyqa-dev.json', 'fit', 'fit'],
  ['squad-v2.0-dev.json', 'check', 'check'],
  ['squad-v1.1-dev.json', 'check', 'check'],
  ['policyqa-dev.json', 'check', 'check'],
  ['nq-qed-dev.json', 'all', 'check'],
];
const PROTOCOLS: Protocol[] = ['open', 'in-doc'];

function collect(): Row[] {
  const rows: Row[] = [];
  for (const [file, half, role] of GROUPS) {
    const dataset = readDataset(`${DIR}${file}`);
    const index = new SentenceIndex<Article>();
    for (const article of datasetArticles(dataset)) index.add(article);
    const keep = (q: { documentId: string }) => half === 'all' || halfOf(q.documentId) === half;
    const questions = [...dataset.questions.filter(keep), ...dataset.unanswerable.filter(keep)];
    for (const protocol of PROTOCOLS) {
      const group = `${role} ${dataset.name}${half === 'all' ? '' : ` (${half} half)`} ${protocol}`;
      // PolicyQA's questions say "this website": over the whole collection they are ambiguous by construction.
      if (role === 'fit' && dataset.name.startsWith('policyqa') && protocol === 'open') continue;
      for (const q of questions) {
        // ask() declines these before any confidence is read.
        if (unknownName(index, q.question)) continue;
        const articleId = protocol === 'in-doc' ? q.documentId : undefined;
        const hits = rankSentences(index, q.question, { limit: 5, articleId });
        const best = hits[0];
        if (!best) continue;
        const s = index.sentence(best.sentence);
        const correct = 'spans' in q && isCorrect(q as EvalQuestion, s.article.id, s.start, s.end);
        rows.push({ group, features: confidenceFeatures(index, q.question, hits, articleId !== undefined), answerable: 'spans' in q, correct });
      }
      console.error(`${group}: ${rows.filter((r) => r.group === group).length} questions`);
    }
  }
  return rows;
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
function fit(rows: Row[], l2: number): { inputs: string[]; weights: number[]; bias: number } {
  const names = Object.keys(modelInputs(rows[0]!.features));
  const x = rows.map((r) => {
    const inputs = modelInputs(r.features);
    return names.map((name) => inputs[name]!);
  });
  const y = rows.map((r) => (r.correct ? 1 : 0));
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.group, (counts.get(r.group) ?? 0) + 1);
  const sampleWeight = rows.map((r) => 1 / counts.get(r.group)! / counts.size);
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

function report(rows: Row[], model: ConfidenceModel): void {
  const bins = [0, 0.2, 0.4, 0.6, 0.8, 1.0001];
  console.log('| set | questions | right | AUROC coverage | AUROC model | ' + bins.slice(0, -1).map((lo, i) => `${lo.toFixed(1)}–${Math.min(1, bins[i + 1]!).toFixed(1)}`).join(' | ') + ' |');
  console.log('|---|---:|---:|---:|---:|' + bins.slice(0, -1).map(() => '---:').join('|') + '|');
  for (const group of [...new Set(rows.map((r) => r.group))]) {
    const mine = rows.filter((r) => r.group === group);
    const p = mine.map((r) => calibratedConfidence(r.features, model));
    const cells = bins.slice(0, -1).map((lo, i) => {
      const inBin = mine.filter((_, k) => p[k]! >= lo && p[k]! < bins[i + 1]!);
      if (inBin.length === 0) return '–';
      const right = inBin.filter((r) => r.correct).length / inBin.length;
      const stated = inBin.reduce((s, r) => s + calibratedConfidence(r.features, model), 0) / inBin.length;
      return `${stated.toFixed(2)}→${right.toFixed(2)} (${inBin.length})`;
    });
    const right = mine.filter((r) => r.correct).length / mine.length;
    const labels = mine.map((r) => r.correct);
    console.log(`| ${group} | ${mine.length} | ${right.toFixed(3)} | ${auroc(mine.map((r) => r.features.coverage), labels).toFixed(3)} | ${auroc(p, labels).toFixed(3)} | ${cells.join(' | ')} |`);
  }
  console.log('\nEach bin: mean stated confidence → share of first quotes right (questions).');
}

/** What MIN_CONFIDENCE would give: answerable and unanswerable questions declined, and the share right among those answered. */
function sweep(rows: Row[], model: ConfidenceModel): void {
  const thresholds = [0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5];
  console.log(`\n| set | ${thresholds.map((t) => `≥ ${t}`).join(' | ')} |`);
  console.log(`|---|${thresholds.map(() => '---:').join('|')}|`);
  for (const group of [...new Set(rows.map((r) => r.group))]) {
    const mine = rows.filter((r) => r.group === group);
    const cells = thresholds.map((t) => {
      const answered = mine.filter((r) => calibratedConfidence(r.features, model) >= t);
      const declined = (list: Row[]) => (list.length === 0 ? '–' : (list.filter((r) => calibratedConfidence(r.features, model) < t).length / list.length).toFixed(2));
      const precision = answered.length === 0 ? '–' : (answered.filter((r) => r.correct).length / answered.length).toFixed(2);
      return `${declined(mine.filter((r) => r.answerable))} / ${declined(mine.filter((r) => !r.answerable))} / ${precision}`;
    });
    console.log(`| ${group} | ${cells.join(' | ')} |`);
  }
  console.log('\nEach cell: answerable declined / unanswerable declined / right among answered (questions ask() declines before ranking left out).');
}

const rows: Row[] = values.cache && existsSync(values.cache) ? JSON.parse(readFileSync(values.cache, 'utf8')) : collect();
if (values.cache && !existsSync(values.cache)) writeFileSync(values.cache, JSON.stringify(rows));
const fitted = fit(rows.filter((r) => r.group.startsWith('fit')), Number(values.l2));
const round = (v: number) => Math.round(v * 10000) / 10000;
const model: ConfidenceModel = { inputs: fitted.inputs, weights: fitted.weights.map(round), bias: round(fitted.bias) };
writeFileSync(values.out, `${JSON.stringify(model, null, 2)}\n`);
console.log(`wrote ${values.out}: ${model.inputs.map((name, j) => `${name} ${model.weights[j]}`).join(', ')}, bias ${model.bias}\n`);
report(rows, model);
sweep(rows, model);
