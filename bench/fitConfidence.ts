/**
 * npm run fit:confidence [-- --out FILE] [--cache FILE] [--model trees|linear] [--trees 150] [--depth 3] [--rate 0.05]
 *   [--without EVIDENCE,...] [--recompute] [--select blocks|sets] [--platt] [--news-weight 0.05]
 *
 * Fits the confidence model (src/answer/confidence.ts) from the evidence about
 * the first quote to "the first quote answers the question": boosted shallow
 * trees (bench/boostTrees.ts), or with `--model linear` the logistic
 * regression of earlier rounds (bench/logisticRegression.ts), which is fitted
 * either way as the yardstick. Fitted on nq-qed-train (real Google queries)
 * and on the `fit` half of the documents of SQuAD 2.0 (answerable and
 * unanswerable), PolicyQA and the project's informal news questions
 * (bench/news-questions), each set and protocol weighing the same but the
 * news set, at `--news-weight` (its 262 rows are learnt by heart at full weight); checked
 * on the other half and on nq-qed-dev, which it never sees. Prints
 * the AUROC and a reliability table (stated confidence against the share
 * right) per set, and what each threshold would decline. `--cache FILE`
 * keeps the evidence read (written when missing), to refit without ranking
 * again; delete it after changing the ranking or the evidence (`--recompute`
 * reads the discourse evidence, src/answer/evidence/discourse.ts, again from
 * it; any other change, the WordNet table included, needs a fresh read).
 * `--without` leaves evidence out, to measure what it is worth; `--select
 * blocks|sets` first prints the trees' held-out AUROC on the fit rows by
 * count, depth and rate (bench/selectTrees.ts); `--platt` rescales the trees' log-odds on the
 * fit rows (bench/boostTrees.ts).
 */
import { withoutFiller } from '../src/search/question';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { Article } from '../src/library/article';
import { parseArgs } from 'node:util';
import { unknownName } from '../src/answer/ask';
import {
  type ConfidenceModel,
  FEATURES,
  type Features,
  type LinearModel,
  type TreeModel,
  calibratedConfidence,
  confidenceFeatures,
} from '../src/answer/confidence';
import { rankSentences } from '../src/answer/rank';
import { terms } from '../src/search/analyzer';
import { rereadText } from '../src/search/rereadText';
import { SentenceIndex } from '../src/search/sentenceIndex';
import { type EvalQuestion, type Half, datasetArticles, halfOf, isCorrect, readDataset, EVAL_DIR } from './dataset';
import { type BoostOptions, boost, platt, scaled } from './boostTrees';
import { type WeightedRow, fitLinear } from './logisticRegression';
import { auroc } from './metrics';
import { select } from './selectTrees';
import { discourseEvidence } from '../src/answer/evidence/discourse';
import type { Protocol } from './userFigures';

const { values } = parseArgs({
  options: {
    out: { type: 'string', default: 'src/answer/confidenceModel.json' },
    cache: { type: 'string' },
    model: { type: 'string', default: 'trees' },
    l2: { type: 'string', default: '0.0001' },
    trees: { type: 'string', default: '150' },
    depth: { type: 'string', default: '3' },
    rate: { type: 'string', default: '0.05' },
    without: { type: 'string' },
    recompute: { type: 'boolean', default: false },
    select: { type: 'string' },
    platt: { type: 'boolean', default: false },
    'news-weight': { type: 'string', default: '0.05' },
  },
});
if (values.model !== 'trees' && values.model !== 'linear') throw new Error('--model trees|linear');

interface Row {
  group: string;
  features: Features;
  answerable: boolean;
  correct: boolean;
  /** What the text-only evidence reads, so that `--recompute` can read it again from the cache without ranking. */
  read?: { question: string; sentence: string; title: string; idf: Record<string, number> };
}

/** The project's own informal news questions (bench/news-questions), kept in the repository rather than in EVAL_DIR. */
const NEWS = new URL('./news-questions/news-questions.json', import.meta.url).pathname;

/** [file (in EVAL_DIR unless a path), the half used ('all' for the whole file), role]. */
const GROUPS: [string, Half | 'all', 'fit' | 'check'][] = [
  ['nq-qed-train.json', 'all', 'fit'],
  ['squad-v2.0-dev.json', 'fit', 'fit'],
  ['policyqa-dev.json', 'fit', 'fit'],
  [NEWS, 'fit', 'fit'],
  ['squad-v2.0-dev.json', 'check', 'check'],
  ['squad-v1.1-dev.json', 'check', 'check'],
  ['policyqa-dev.json', 'check', 'check'],
  ['nq-qed-dev.json', 'all', 'check'],
  [NEWS, 'check', 'check'],
];
const PROTOCOLS: Protocol[] = ['open', 'in-doc'];

function collect(): Row[] {
  const rows: Row[] = [];
  for (const [file, half, role] of GROUPS) {
    const dataset = readDataset(file.startsWith('/') ? file : `${EVAL_DIR}${file}`);
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
        const idf: Record<string, number> = {};
        // The discourse evidence weighs the question as searched (chat spellings in full), so those terms are kept too.
        for (const term of new Set([...terms(q.question), ...terms(withoutFiller(q.question))]))
          idf[term] = index.idf(term) || index.unseenIdf();
        rows.push({
          group,
          features: confidenceFeatures(index, q.question, hits, articleId !== undefined),
          answerable: 'spans' in q,
          correct,
          read: { question: q.question, sentence: rereadText(s.article.text, s.start, s.end), title: s.article.title, idf },
        });
      }
      console.error(`${group}: ${rows.filter((r) => r.group === group).length} questions`);
    }
  }
  return rows;
}

/** Reads the text-only evidence again from what the cache kept, so that its definitions can change without ranking again. */
function recompute(row: Row): void {
  if (!row.read) throw new Error('--recompute needs a cache that keeps what was read: delete it and read again');
  const { question, sentence, title, idf } = row.read;
  const weightOf = (term: string) => idf[term] ?? 0;
  Object.assign(row.features, discourseEvidence(question, sentence, title, weightOf));
}

/**
 * Each set and protocol weighs the same in the fit, whatever its size
 * (weights average 1), except the news set's groups, scaled by `newsWeight`:
 * a few hundred rows weighing as much as thousands are learnt by heart.
 */
function weighted(rows: Row[], newsWeight: number): (WeightedRow & Row)[] {
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.group, (counts.get(r.group) ?? 0) + 1);
  const scale = (group: string) => (group.includes('news-questions') ? newsWeight : 1);
  const total = [...counts.keys()].reduce((sum, group) => sum + scale(group), 0);
  return rows.map((r) => ({ ...r, weight: (rows.length * scale(r.group)) / counts.get(r.group)! / total }));
}

function report(rows: Row[], model: ConfidenceModel, linear: ConfidenceModel): void {
  const bins = [0, 0.2, 0.4, 0.6, 0.8, 1.0001];
  console.log(
    '| set | questions | right | AUROC coverage | AUROC shipped | AUROC linear | AUROC model | ' +
      bins
        .slice(0, -1)
        .map((lo, i) => `${lo.toFixed(1)}–${Math.min(1, bins[i + 1]!).toFixed(1)}`)
        .join(' | ') +
      ' |',
  );
  console.log(
    '|---|---:|---:|---:|---:|---:|---:|' +
      bins
        .slice(0, -1)
        .map(() => '---:')
        .join('|') +
      '|',
  );
  for (const group of [...new Set(rows.map((r) => r.group))]) {
    const mine = rows.filter((r) => r.group === group);
    const p = mine.map((r) => calibratedConfidence(r.features, model));
    const cells = bins.slice(0, -1).map((lo, i) => {
      const inBin = mine.flatMap((r, k) => (p[k]! >= lo && p[k]! < bins[i + 1]! ? [{ r, p: p[k]! }] : []));
      if (inBin.length === 0) return '–';
      const right = inBin.filter(({ r }) => r.correct).length / inBin.length;
      const stated = inBin.reduce((s, { p }) => s + p, 0) / inBin.length;
      return `${stated.toFixed(2)}→${right.toFixed(2)} (${inBin.length})`;
    });
    const right = mine.filter((r) => r.correct).length / mine.length;
    const labels = mine.map((r) => r.correct);
    const aurocOf = (scores: number[]) => auroc(scores, labels).toFixed(3);
    console.log(
      `| ${group} | ${mine.length} | ${right.toFixed(3)} | ${aurocOf(mine.map((r) => r.features.coverage))} | ${aurocOf(mine.map((r) => calibratedConfidence(r.features)))} | ${aurocOf(mine.map((r) => calibratedConfidence(r.features, linear)))} | ${aurocOf(p)} | ${cells.join(' | ')} |`,
    );
  }
  console.log(
    '\nEach bin: mean stated confidence → share of first quotes right (questions). "AUROC shipped": the model src/answer/confidence.ts loaded when the script started (the file in the repository); "AUROC linear": the logistic regression fitted on the same rows.',
  );
}

/** What MIN_CONFIDENCE would give: answerable and unanswerable questions declined, and the share right among those answered. */
function sweep(rows: Row[], model: ConfidenceModel): void {
  const thresholds = [0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5];
  console.log(`\n| set | ${thresholds.map((t) => `≥ ${t}`).join(' | ')} |`);
  console.log(`|---|${thresholds.map(() => '---:').join('|')}|`);
  for (const group of [...new Set(rows.map((r) => r.group))]) {
    const mine = rows.filter((r) => r.group === group).map((r) => ({ ...r, p: calibratedConfidence(r.features, model) }));
    const cells = thresholds.map((t) => {
      const answered = mine.filter((r) => r.p >= t);
      const declined = (list: typeof mine) => (list.length === 0 ? '–' : (list.filter((r) => r.p < t).length / list.length).toFixed(2));
      const precision = answered.length === 0 ? '–' : (answered.filter((r) => r.correct).length / answered.length).toFixed(2);
      return `${declined(mine.filter((r) => r.answerable))} / ${declined(mine.filter((r) => !r.answerable))} / ${precision}`;
    });
    console.log(`| ${group} | ${cells.join(' | ')} |`);
  }
  console.log(
    '\nEach cell: answerable declined / unanswerable declined / right among answered (questions ask() declines before ranking left out).',
  );
}

/** One tree per line, so that a review reads the model tree by tree. */
function treesJson(model: TreeModel): string {
  return `{\n  "kind": "trees",\n  "base": ${model.base},\n  "trees": [\n${model.trees.map((t) => `    ${JSON.stringify(t)}`).join(',\n')}\n  ]\n}\n`;
}

const started = performance.now();
const rows: Row[] = values.cache && existsSync(values.cache) ? JSON.parse(readFileSync(values.cache, 'utf8')) : collect();
if (values.cache && !existsSync(values.cache)) writeFileSync(values.cache, JSON.stringify(rows));
if (values.recompute) for (const row of rows) recompute(row);
// Only the evidence read today: a cache may hold pieces since dropped, and must hold every current one.
for (const row of rows) {
  const missing = FEATURES.find((name) => typeof row.features[name] !== 'number');
  if (missing) throw new Error(`the cache has no ${missing}: delete it (or --recompute) to read the questions again`);
  row.features = Object.fromEntries(FEATURES.map((name) => [name, row.features[name]])) as Features;
}
const collected = performance.now();
// Evidence left out reads as 0 everywhere: no tree splits on it and the linear model gives it no weight.
const without = new Set((values.without ?? '').split(',').filter((name) => name !== ''));
for (const name of without) if (!(FEATURES as readonly string[]).includes(name)) throw new Error(`--without: no evidence named ${name}`);
const used = FEATURES.filter((name) => !without.has(name));
for (const row of rows) for (const name of without) row.features[name as keyof Features] = 0;
const fitRows = weighted(
  rows.filter((r) => r.group.startsWith('fit')),
  Number(values['news-weight']),
);
const round = (v: number) => Math.round(v * 10000) / 10000;
const fittedLinear = fitLinear(fitRows, Number(values.l2));
const linear: LinearModel = { inputs: fittedLinear.inputs, weights: fittedLinear.weights.map(round), bias: round(fittedLinear.bias) };
const treeOptions = (trees: number, depth: number, rate: number): BoostOptions => ({ trees, depth, rate, lambda: 1, minLeaf: 5, bins: 32 });
const fitTrees = (fit: WeightedRow[], options: BoostOptions): TreeModel => ({
  kind: 'trees',
  ...boost(
    used,
    fit.map((r) => used.map((name) => r.features[name])),
    fit.map((r) => (r.correct ? 1 : 0)),
    fit.map((r) => r.weight),
    options,
  ),
});
if (values.select !== undefined) {
  if (values.select !== 'blocks' && values.select !== 'sets') throw new Error('--select blocks|sets');
  select(fitRows, fitTrees, treeOptions, values.select);
}
let model: ConfidenceModel = linear;
if (values.model === 'trees') {
  const trees = fitTrees(fitRows, treeOptions(Number(values.trees), Number(values.depth), Number(values.rate)));
  model = trees;
  if (values.platt) {
    const logOdds = fitRows.map((r) => {
      // Kept off 0 and 1, where the log-odds are infinite and the fit would go NaN.
      const p = Math.min(1 - 1e-9, Math.max(1e-9, calibratedConfidence(r.features, trees)));
      return Math.log(p / (1 - p));
    });
    const { a, b } = platt(
      logOdds,
      fitRows.map((r) => (r.correct ? 1 : 0)),
      fitRows.map((r) => r.weight),
    );
    console.log(`Platt scaling on the fit rows: chance = σ(${a.toFixed(3)}·z + ${b.toFixed(3)})`);
    model = { ...trees, ...scaled(trees, a, b) };
  }
}
writeFileSync(values.out, 'kind' in model ? treesJson(model) : `${JSON.stringify(model, null, 2)}\n`);
const fitted = performance.now();
console.log(
  `wrote ${values.out} (${values.model}); questions read and ranked in ${((collected - started) / 1000).toFixed(1)} s, fitted in ${((fitted - collected) / 1000).toFixed(1)} s\n`,
);
report(rows, model, linear);
sweep(rows, model);
