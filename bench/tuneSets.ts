/**
 * The ranking on every shared set, for changes that must carry beyond SQuAD
 * (a development aid; the figures users get are `npm run eval:all`).
 *
 *   npx tsx bench/tuneSets.ts '[{}, {"answerTypeBonus": 3}]'
 *
 * Prints P@1 and MRR@10 per scoring (over answerScoring): NQ train (fit) and
 * dev (check), open and in-doc; SQuAD v1.1 open and in-doc and PolicyQA
 * in-doc, each on the fit and the check half of its documents.
 */
import { answerScoring } from '../src/answer/rank';
import type { Article } from '../src/library/article';
import type { ScoringOptions } from '../src/search/scoring';
import { SentenceIndex } from '../src/search/sentenceIndex';
import { type Dataset, datasetArticles, halfOf, readDataset, EVAL_DIR } from './dataset';
import { quality, type Protocol } from './quality';

const load = (name: string) => {
  const dataset = readDataset(`${EVAL_DIR}${name}`);
  const index = new SentenceIndex<Article>();
  for (const article of datasetArticles(dataset)) index.add(article);
  index.shrink();
  return { dataset, index };
};
type Set = ReturnType<typeof load>;
const nqTrain = load('nq-qed-train.json');
const nqDev = load('nq-qed-dev.json');
const squad = load('squad-v1.1-dev.json');
const policy = load('policyqa-dev.json');
const halfQuestions = (dataset: Dataset, half: 'fit' | 'check') => dataset.questions.filter((q) => halfOf(q.documentId) === half);

const columns: [string, Set, Protocol, 'fit' | 'check' | undefined][] = [
  ['NQ train open', nqTrain, 'open', undefined],
  ['NQ train in-doc', nqTrain, 'in-doc', undefined],
  ['NQ dev open', nqDev, 'open', undefined],
  ['NQ dev in-doc', nqDev, 'in-doc', undefined],
  ['SQuAD open fit', squad, 'open', 'fit'],
  ['SQuAD open check', squad, 'open', 'check'],
  ['SQuAD in-doc fit', squad, 'in-doc', 'fit'],
  ['SQuAD in-doc check', squad, 'in-doc', 'check'],
  ['PolicyQA in-doc fit', policy, 'in-doc', 'fit'],
  ['PolicyQA in-doc check', policy, 'in-doc', 'check'],
];

const grid: Partial<ScoringOptions>[] = JSON.parse(process.argv[2] ?? '[{}]');
const only = process.argv[3]?.split(',');
const chosen = columns.filter(([name]) => !only || only.some((o) => name.includes(o)));
console.log(`| scoring | ${chosen.map(([name]) => `${name} P@1 / MRR`).join(' | ')} |`);
console.log(`|---|${chosen.map(() => '---:').join('|')}|`);
for (const scoring of grid) {
  const cells = chosen.map(([, set, protocol, half]) => {
    const r = quality(
      set.index,
      set.dataset,
      protocol,
      { ...answerScoring, ...scoring },
      half ? halfQuestions(set.dataset, half) : set.dataset.questions,
    );
    return `${r.p1.toFixed(3)} / ${r.mrr10.toFixed(3)}`;
  });
  console.log(`| ${JSON.stringify(scoring)} | ${cells.join(' | ')} |`);
}
