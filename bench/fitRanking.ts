/**
 * npm run fit:ranking [-- --cache FILE] [--l2 X] [--drop a,b] [--weights NQ,SQuAD,PolicyQA]
 *                     [--ascend [--from fit|today] [--tolerance 0.002]] [--try '[{"depthWeight": -0.6}]']
 *
 * Fits the weights of the sentence ranking (answerScoring in
 * src/answer/rank.ts) by pairwise logistic regression: for every question,
 * every (right sentence, wrong sentence) pair among the best 50 candidates
 * should score the right one higher. The evidence is what the scorer already
 * adds up, unweighted (RANKING_FEATURES, from `explain`); BM25's weight is
 * held at 1, so the others come out in answerScoring's units.
 *
 * Fitted on nq-qed-train (real Google queries) and on the `fit` half of the
 * documents of SQuAD v1.1 and PolicyQA (in-doc only: its questions say "this
 * website"), each set weighing the same whatever its size; checked, by
 * re-ranking the same candidates, on nq-qed-dev (never fitted) and the
 * `check` halves. The re-ranked figures are an estimate: confirm a choice
 * with `npx tsx bench/tuneSets.ts` and `npm run eval:all`, which run the
 * ranking itself (candidates outside the dumped 50 cannot move up here).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { answerScoring, rankSentences } from '../src/answer/rank';
import type { Article } from '../src/library/article';
import type { ScoringOptions } from '../src/search/scoring';
import { RANKING_FEATURES, RANKING_WEIGHTS, rankingWeights, SentenceIndex } from '../src/search/sentenceIndex';
import { type Half, datasetArticles, halfOf, isCorrect, readDataset, EVAL_DIR } from './dataset';
import type { Protocol } from './userFigures';

const { values } = parseArgs({
  options: {
    cache: { type: 'string' },
    l2: { type: 'string', default: '0.001' },
    drop: { type: 'string', default: '' },
    weights: { type: 'string', default: '1,1,1' },
    depth: { type: 'string', default: '50' },
    ascend: { type: 'boolean', default: false },
    try: { type: 'string' },
    from: { type: 'string', default: 'fit' },
    tolerance: { type: 'string', default: '0.002' },
  },
});

const F = RANKING_FEATURES.length;

/** One question's candidates, best first as ranked today: features and whether each is right. */
interface Question {
  group: string;
  family: 'nq' | 'squad' | 'policyqa';
  role: 'fit' | 'check';
  candidates: { features: number[]; correct: boolean }[];
}

const GROUPS: [string, Half | 'all', 'fit' | 'check', Protocol[]][] = [
  ['nq-qed-train.json', 'all', 'fit', ['open', 'in-doc']],
  ['squad-v1.1-dev.json', 'fit', 'fit', ['open', 'in-doc']],
  ['policyqa-dev.json', 'fit', 'fit', ['in-doc']],
  ['nq-qed-dev.json', 'all', 'check', ['open', 'in-doc']],
  ['squad-v1.1-dev.json', 'check', 'check', ['open', 'in-doc']],
  ['policyqa-dev.json', 'check', 'check', ['in-doc']],
];

/** Every candidate kept is re-read, so each has all its evidence. */
const DUMP_SCORING: Partial<ScoringOptions> = { rerankDepth: Number(values.depth) };

function dump(): Question[] {
  const questions: Question[] = [];
  for (const [file, half, role, protocols] of GROUPS) {
    const dataset = readDataset(`${EVAL_DIR}${file}`);
    const index = new SentenceIndex<Article>();
    for (const article of datasetArticles(dataset)) index.add(article);
    index.shrink();
    const family = file.startsWith('nq') ? 'nq' : file.startsWith('squad') ? 'squad' : 'policyqa';
    const asked = dataset.questions.filter((q) => half === 'all' || halfOf(q.documentId) === half);
    for (const protocol of protocols) {
      const group = `${role} ${dataset.name}${half === 'all' ? '' : ` (${half} half)`} ${protocol}`;
      for (const q of asked) {
        const hits = rankSentences(index, q.question, {
          limit: Number(values.depth),
          articleId: protocol === 'in-doc' ? q.documentId : undefined,
          scoring: { ...answerScoring, ...DUMP_SCORING },
          explain: true,
        });
        const candidates = hits.map((hit) => {
          const s = index.sentence(hit.sentence);
          return { features: hit.features!, correct: isCorrect(q, s.article.id, s.start, s.end) };
        });
        questions.push({ group, family, role, candidates });
      }
      console.error(`dumped ${group}`);
    }
  }
  return questions;
}

const questions: Question[] = values.cache && existsSync(values.cache) ? JSON.parse(readFileSync(values.cache, 'utf8')) : dump();
if (values.cache && !existsSync(values.cache)) writeFileSync(values.cache, JSON.stringify(questions));

const dropped = new Set(values.drop.split(',').filter(Boolean));
const free = RANKING_FEATURES.map((name, i) => (name !== 'bm25' && !dropped.has(name) ? i : -1)).filter((i) => i >= 0);

/** Today's weights, as a vector over RANKING_FEATURES. */
function currentWeights(): number[] {
  return rankingWeights(answerScoring);
}

/**
 * Pairwise logistic regression by Newton's method, BM25's weight fixed at 1:
 * minimises Σ w_q · log(1 + exp(−(x_right − x_wrong)·θ)) + l2·|θ|², each
 * question's pairs sharing its weight, each set (NQ, SQuAD, PolicyQA) the same total.
 */
function fitWeights(): number[] {
  const familyWeight = Object.fromEntries(['nq', 'squad', 'policyqa'].map((f, i) => [f, Number(values.weights.split(',')[i] ?? 1)]));
  const fitting = questions.filter((q) => q.role === 'fit');
  const perFamily = new Map<string, number>();
  for (const q of fitting) perFamily.set(q.family, (perFamily.get(q.family) ?? 0) + 1);
  const pairs: { d: Float64Array; offset: number; w: number }[] = [];
  for (const q of fitting) {
    const right = q.candidates.filter((c) => c.correct);
    const wrong = q.candidates.filter((c) => !c.correct);
    if (right.length === 0 || wrong.length === 0) continue;
    const w = familyWeight[q.family]! / perFamily.get(q.family)! / (right.length * wrong.length);
    for (const r of right)
      for (const x of wrong) {
        const d = new Float64Array(free.length);
        free.forEach((f, i) => {
          d[i] = r.features[f]! - x.features[f]!;
        });
        pairs.push({ d, offset: r.features[0]! - x.features[0]!, w });
      }
  }
  const l2 = Number(values.l2);
  const n = free.length;
  const theta = new Float64Array(n);
  const base = currentWeights();
  free.forEach((f, i) => {
    theta[i] = base[f]!;
  });
  const loss = (t: Float64Array) => {
    let sum = 0;
    for (const p of pairs) {
      let z = p.offset;
      for (let i = 0; i < n; i++) z += p.d[i]! * t[i]!;
      sum += p.w * (z > 0 ? Math.log1p(Math.exp(-z)) : -z + Math.log1p(Math.exp(z)));
    }
    for (let i = 0; i < n; i++) sum += l2 * t[i]! * t[i]!;
    return sum;
  };
  let current = loss(theta);
  for (let iteration = 0; iteration < 50; iteration++) {
    const gradient = new Float64Array(n);
    const hessian = Array.from({ length: n }, () => new Float64Array(n));
    for (const p of pairs) {
      let z = p.offset;
      for (let i = 0; i < n; i++) z += p.d[i]! * theta[i]!;
      const s = 1 / (1 + Math.exp(z));
      const h = s * (1 - s) * p.w;
      for (let i = 0; i < n; i++) {
        gradient[i]! -= p.w * s * p.d[i]!;
        for (let j = 0; j <= i; j++) hessian[i]![j]! += h * p.d[i]! * p.d[j]!;
      }
    }
    for (let i = 0; i < n; i++) {
      gradient[i]! += 2 * l2 * theta[i]!;
      hessian[i]![i]! += 2 * l2;
      for (let j = 0; j < i; j++) hessian[j]![i] = hessian[i]![j]!;
    }
    const step = solve(hessian, gradient);
    let scale = 1;
    let next = theta;
    let nextLoss = current;
    for (; scale > 1e-4; scale /= 2) {
      next = theta.map((t, i) => t - scale * step[i]!);
      nextLoss = loss(next);
      if (nextLoss < current) break;
    }
    if (!(nextLoss < current)) break;
    const done = current - nextLoss < 1e-10;
    theta.set(next);
    current = nextLoss;
    if (done) break;
  }
  const weights = new Array<number>(F).fill(0);
  weights[0] = 1;
  free.forEach((f, i) => {
    weights[f] = theta[i]!;
  });
  return weights;
}

/** Gaussian elimination with partial pivoting. */
function solve(matrix: Float64Array[], vector: Float64Array): Float64Array {
  const n = vector.length;
  const a = matrix.map((row, i) => [...row, vector[i]!]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let row = col + 1; row < n; row++) if (Math.abs(a[row]![col]!) > Math.abs(a[pivot]![col]!)) pivot = row;
    [a[col], a[pivot]] = [a[pivot]!, a[col]!];
    const p = a[col]![col]! || 1e-12;
    for (let row = col + 1; row < n; row++) {
      const factor = a[row]![col]! / p;
      for (let k = col; k <= n; k++) a[row]![k]! -= factor * a[col]![k]!;
    }
  }
  const x = new Float64Array(n);
  for (let row = n - 1; row >= 0; row--) {
    let sum = a[row]![n]!;
    for (let k = row + 1; k < n; k++) sum -= a[row]![k]! * x[k]!;
    x[row] = sum / (a[row]![row]! || 1e-12);
  }
  return x;
}

/** P@1 and MRR@10 per group when the dumped candidates are re-ranked by these weights. */
function rerankFigures(weights: number[], only: Question[] = questions): Map<string, { p1: number; mrr: number }> {
  const sums = new Map<string, { p1: number; mrr: number; n: number }>();
  for (const q of only) {
    const scored = q.candidates.map((c, order) => ({
      correct: c.correct,
      order,
      score: c.features.reduce((sum, x, i) => sum + x * weights[i]!, 0),
    }));
    scored.sort((x, y) => y.score - x.score || x.order - y.order);
    const rank = scored.slice(0, 10).findIndex((c) => c.correct) + 1;
    const entry = sums.get(q.group) ?? { p1: 0, mrr: 0, n: 0 };
    entry.p1 += rank === 1 ? 1 : 0;
    entry.mrr += rank > 0 ? 1 / rank : 0;
    entry.n++;
    sums.set(q.group, entry);
  }
  return new Map([...sums].map(([group, s]) => [group, { p1: s.p1 / s.n, mrr: s.mrr / s.n }]));
}

/**
 * Coordinate ascent from `start` on what the ranking is judged by: P@1 and
 * MRR@10 of the re-ranked fit groups, each set weighing the same, with any
 * fit group falling below today's P@1 by more than 0.002 heavily penalised
 * (a change must hurt no set).
 */
function ascend(start: number[]): number[] {
  const fitting = questions.filter((q) => q.role === 'fit');
  const groups = [...new Set(fitting.map((q) => q.group))];
  const family = new Map(fitting.map((q) => [q.group, q.family]));
  const familyGroups = new Map<string, number>();
  for (const g of groups) familyGroups.set(family.get(g)!, (familyGroups.get(family.get(g)!) ?? 0) + 1);
  const familyWeight = Object.fromEntries(['nq', 'squad', 'policyqa'].map((f, i) => [f, Number(values.weights.split(',')[i] ?? 1)]));
  const today = rerankFigures(before, fitting);
  const tolerance = Number(values.tolerance);
  const objective = (weights: number[]) => {
    const figures = rerankFigures(weights, fitting);
    let sum = 0;
    for (const g of groups) {
      const f = figures.get(g)!;
      const w = familyWeight[family.get(g)!]! / familyGroups.get(family.get(g)!)!;
      sum += (w * (f.p1 + f.mrr)) / 2;
      sum -= 10 * Math.max(0, today.get(g)!.p1 - f.p1 - tolerance);
    }
    return sum;
  };
  const weights = [...start];
  let best = objective(weights);
  const tunable = free.filter((f) => f !== 0);
  for (let pass = 0; pass < 6; pass++) {
    let moved = false;
    for (const f of tunable) {
      const scale = Math.max(0.05, Math.abs(weights[f]!));
      for (const delta of [-1, -0.5, -0.25, -0.1, 0.1, 0.25, 0.5, 1].map((d) => d * scale * (pass < 3 ? 1 : 0.5))) {
        const trial = [...weights];
        trial[f] = weights[f]! + delta;
        const value = objective(trial);
        if (value > best + 1e-6) {
          best = value;
          weights[f] = trial[f]!;
          moved = true;
        }
      }
    }
    console.error(`pass ${pass}: objective ${best.toFixed(4)}`);
    if (!moved) break;
  }
  return weights;
}

const before = currentWeights();
if (values.try) {
  // Re-ranked figures of given scorings (over answerScoring), without fitting.
  const trials: Partial<ScoringOptions>[] = JSON.parse(values.try);
  const groups = [...new Set(questions.map((q) => q.group))];
  console.log(`| scoring | ${groups.join(' | ')} |\n|---|${groups.map(() => '---:').join('|')}|`);
  for (const trial of trials) {
    const weights = rankingWeights({ ...answerScoring, ...trial });
    const figures = rerankFigures(weights);
    console.log(`| ${JSON.stringify(trial)} | ${groups.map((g) => figures.get(g)!.p1.toFixed(3)).join(' | ')} |`);
  }
  process.exit(0);
}
const fitted = fitWeights();
// --from today: ascend from answerScoring's weights (with depth at 0) rather than from the logistic fit.
const after = values.ascend ? ascend(values.from === 'today' ? before : fitted) : fitted;
const figuresBefore = rerankFigures(before);
const figuresAfter = rerankFigures(after);
console.log('| weight | today | fitted |\n|---|---:|---:|');
RANKING_FEATURES.forEach((name, i) => {
  console.log(
    `| ${name}${RANKING_WEIGHTS[name] ? ` (${RANKING_WEIGHTS[name]})` : ''} | ${before[i]!.toFixed(3)} | ${after[i]!.toFixed(3)} |`,
  );
});
console.log('\n| group | P@1 today | P@1 fitted | MRR@10 today | MRR@10 fitted |\n|---|---:|---:|---:|---:|');
for (const [group, b] of figuresBefore) {
  const a = figuresAfter.get(group)!;
  console.log(`| ${group} | ${b.p1.toFixed(3)} | ${a.p1.toFixed(3)} | ${b.mrr.toFixed(3)} | ${a.mrr.toFixed(3)} |`);
}
const scoring = Object.fromEntries(
  RANKING_FEATURES.flatMap((name, i) => (RANKING_WEIGHTS[name] ? [[RANKING_WEIGHTS[name], Number(after[i]!.toFixed(3))]] : [])),
);
console.log(`\n${JSON.stringify(scoring)}`);
