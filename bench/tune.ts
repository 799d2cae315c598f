/**
 * Tuning and ablation of the ranking on both shared sets (a development aid).
 *
 *   npx tsx bench/tune.ts grid '[{"k1":0.5},{"k1":0.8}]'   each scoring (over answerScoring) on every set
 *   npx tsx bench/tune.ts ablation                          what each part of answerScoring is worth
 *   npx tsx bench/tune.ts ascend [space] [start] [p1 floor] [mrr floor]   coordinate ascent from answerScoring
 *
 * Sets: squad open, squad in-doc, policyqa in-doc (policyqa open is ambiguous
 * by construction). Ascent maximises SQuAD P@1 + MRR@10 (both protocols) on
 * the even-numbered SQuAD articles only, and reports the odd ones as a
 * held-out check; PolicyQA in-doc may not fall below the given floors (the
 * best peer's P@1 and MRR@10), or, without them, lose more than 0.002 MRR.
 */
import { answerScoring } from '../src/answer/rank';
import type { Article } from '../src/library/article';
import { setIrregularVerbs } from '../src/search/analyzer';
import { defaultScoring, type ScoringOptions } from '../src/search/scoring';
import { SentenceIndex } from '../src/search/sentenceIndex';
import { datasetArticles, readDataset, EVAL_DIR } from './dataset';
import { quality, type Protocol } from './quality';

const load = (name: string) => {
  const dataset = readDataset(`${EVAL_DIR}${name}`);
  const index = new SentenceIndex<Article>();
  for (const article of datasetArticles(dataset)) index.add(article);
  index.shrink();
  return { dataset, index };
};
const squad = load('squad-v1.1-dev.json');
const policy = load('policyqa-dev.json');
const squadDocs = squad.dataset.documents.map((d) => d.id);
const half = (parity: number) => squad.dataset.questions.filter((q) => squadDocs.indexOf(q.documentId) % 2 === parity);
const even = half(0);
const odd = half(1);

type Scoring = Partial<ScoringOptions>;
interface Row {
  squadOpen: { p1: number; mrr10: number };
  squadInDoc: { p1: number; mrr10: number };
  policyInDoc: { p1: number; mrr10: number };
}

function measure(scoring: Scoring, questions = squad.dataset.questions, sets = { squad, policy }): Row {
  const s = { ...answerScoring, ...scoring };
  const run = (set: typeof squad, protocol: Protocol, qs = set.dataset.questions) => quality(set.index, set.dataset, protocol, s, qs);
  return {
    squadOpen: run(sets.squad, 'open', questions),
    squadInDoc: run(sets.squad, 'in-doc', questions),
    policyInDoc: run(sets.policy, 'in-doc'),
  };
}

/** The sets indexed (and questions analysed) without the irregular-verb mapping. */
function measureWithoutIrregularVerbs(scoring: Scoring): Row {
  setIrregularVerbs(false);
  try {
    return measure(scoring, squad.dataset.questions, { squad: load('squad-v1.1-dev.json'), policy: load('policyqa-dev.json') });
  } finally {
    setIrregularVerbs(true);
  }
}

const f = (x: number) => x.toFixed(3);
const line = (label: string, r: Row) =>
  `| ${label} | ${f(r.squadOpen.p1)} | ${f(r.squadOpen.mrr10)} | ${f(r.squadInDoc.p1)} | ${f(r.squadInDoc.mrr10)} | ${f(r.policyInDoc.p1)} | ${f(r.policyInDoc.mrr10)} |`;
const header = [
  '| scoring | SQuAD open P@1 | MRR@10 | SQuAD in-doc P@1 | MRR@10 | PolicyQA in-doc P@1 | MRR@10 |',
  '|---|---:|---:|---:|---:|---:|---:|',
];

const mode = process.argv[2] ?? 'ablation';

if (mode === 'grid') {
  const grid: Scoring[] = JSON.parse(process.argv[3] ?? '[{}]');
  console.log(header.join('\n'));
  for (const scoring of grid) console.log(line(JSON.stringify(scoring), measure(scoring)));
} else if (mode === 'ablation') {
  // Each row turns one part of the shipped scoring off; then, from plain BM25, the parts are added one at a time.
  const off: [string, Scoring][] = [
    ['article prior (articles first)', { articlePrior: 0 }],
    ['article IDF mix (open)', { articleIdfMix: 0 }],
    ['article-local IDF (in-doc)', { localIdf: false }],
    ['match bonus', { matchBonus: 0 }],
    ['neighbour context (before, after, pointing back)', { neighbourWeight: 0, nextNeighbourWeight: 0, leanBackWeight: 0 }],
    ['answer type', { answerTypeBonus: 0 }],
    ['word pairs', { phraseBonus: 0 }],
    ['novelty', { noveltyBonus: 0 }],
    ['related words (word vectors)', { relatedBonus: 0 }],
  ];
  console.log(`Shipped: ${JSON.stringify(answerScoring)}\n`);
  console.log(header.join('\n'));
  console.log(line('**shipped**', measure({})));
  for (const [name, scoring] of off) console.log(line(`without ${name}`, measure(scoring)));
  console.log(line('without irregular verb forms (analyzer)', measureWithoutIrregularVerbs({})));
  const plain: Scoring = Object.fromEntries(Object.keys(answerScoring).map((key) => [key, defaultScoring[key as keyof ScoringOptions]]));
  console.log(line('plain BM25 (k1 1.2, b 0.75), natural’s Porter stemmer alone', measureWithoutIrregularVerbs(plain)));
  console.log(line('+ irregular verb forms (analyzer)', measure(plain)));
  const pick = (...keys: (keyof ScoringOptions)[]): Scoring => Object.fromEntries(keys.map((key) => [key, answerScoring[key]]));
  const steps: [string, Scoring][] = [
    ['+ k1, b for sentences', pick('k1', 'b')],
    ['+ article-local IDF (in-doc)', pick('localIdf')],
    ['+ article prior, articles first', pick('articlePrior', 'articleK1', 'articleB', 'articleDepth')],
    ['+ article IDF mix (open)', pick('articleIdfMix')],
    ['+ match bonus', pick('matchBonus')],
    ['+ neighbour context', pick('neighbourWeight', 'nextNeighbourWeight', 'leanBackWeight')],
    ['+ answer type', pick('answerTypeBonus', 'rerankDepth')],
    ['+ word pairs', pick('phraseBonus')],
    ['+ novelty', pick('noveltyBonus')],
    ['+ related words (= shipped)', pick('relatedBonus', 'relatedThreshold')],
  ];
  let cumulative: Scoring = { ...plain };
  for (const [name, add] of steps) {
    cumulative = { ...cumulative, ...add };
    console.log(line(name, measure(cumulative)));
  }
} else if (mode === 'ascend') {
  const space: Partial<Record<keyof ScoringOptions, number[]>> = JSON.parse(
    process.argv[3] ??
      JSON.stringify({
        k1: [0.3, 0.4, 0.5, 0.6, 0.8, 1.0],
        b: [0.3, 0.4, 0.5, 0.6, 0.75],
        articlePrior: [2, 2.5, 3, 3.5, 4, 5],
        matchBonus: [0, 0.1, 0.2, 0.3, 0.5],
        neighbourWeight: [0, 0.05, 0.1, 0.15, 0.2, 0.3],
        paragraphWeight: [0, 0.5, 1, 1.5, 2, 3],
        answerTypeBonus: [0, 0.25, 0.5, 0.75, 1, 1.5],
        phraseBonus: [0, 0.1, 0.2, 0.3, 0.5],
        rerankDepth: [10, 20, 30, 50],
      }),
  );
  const objective = (r: Row) => r.squadOpen.p1 + r.squadInDoc.p1 + 0.5 * (r.squadOpen.mrr10 + r.squadInDoc.mrr10);
  let best: Scoring = JSON.parse(process.argv[4] ?? '{}');
  let bestRow = measure(best, even);
  // PolicyQA in-doc may not fall below the given floor (the best peer's figures), or by more than 0.002 MRR from the start.
  const policyFloor = Number(process.argv[6] ?? bestRow.policyInDoc.mrr10 - 0.002);
  const policyP1Floor = Number(process.argv[5] ?? 0);
  console.log(`start ${JSON.stringify(best)} objective ${f(objective(bestRow))}`);
  for (let pass = 0; pass < 3; pass++) {
    let improved = false;
    for (const [key, values] of Object.entries(space) as [keyof ScoringOptions, number[]][]) {
      for (const value of values) {
        if ((best[key] ?? answerScoring[key]) === value) continue;
        const trial = { ...best, [key]: value };
        const row = measure(trial, even);
        if (objective(row) > objective(bestRow) + 1e-4 && row.policyInDoc.mrr10 >= policyFloor && row.policyInDoc.p1 >= policyP1Floor) {
          best = trial;
          bestRow = row;
          improved = true;
          console.log(`  ${key}=${value} objective ${f(objective(row))} ${line('even', row)}`);
        }
      }
    }
    if (!improved) break;
  }
  console.log(`best ${JSON.stringify({ ...answerScoring, ...best })}`);
  console.log(header.join('\n'));
  console.log(line('start, odd articles (held out)', measure({}, odd)));
  console.log(line('best, odd articles (held out)', measure(best, odd)));
  console.log(line('best, all', measure(best)));
} else {
  console.error('usage: tsx bench/tune.ts grid <json> | ablation | ascend [space-json] [start-json]');
  process.exit(2);
}
