/**
 * npm run eval:all [-- --half fit|check] [--json] [--dir PATH] [--tiers]
 * `npm run eval` over every shared set (in --dir, ../shared/eval by default)
 * and the project's own news-questions set (bench/news-questions), every
 * protocol, as one table: the figures recorded in docs/quality.md.
 */
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Article } from '../src/library/article';
import { SentenceIndex } from '../src/search/sentenceIndex';
import { datasetArticles, readDataset, EVAL_DIR } from './dataset';
import { TABLE_HEAD, TIER_HEAD, type Protocol, askAll, summarise, tableRow, tierRows } from './userFigures';

const SETS: [string, Protocol[]][] = [
  ['squad-v1.1-dev.json', ['open', 'in-doc']],
  ['squad-v2.0-dev.json', ['open', 'in-doc']],
  ['policyqa-dev.json', ['open', 'in-doc']],
  ['nq-qed-dev.json', ['open', 'in-doc']],
];

/** The project's own sets, kept in the repository rather than in --dir. */
const PROJECT_SETS: [string, Protocol[]][] = [
  [fileURLToPath(new URL('./news-questions/news-questions.json', import.meta.url)), ['open', 'in-doc']],
];

const { values } = parseArgs({
  options: {
    half: { type: 'string' },
    json: { type: 'boolean', default: false },
    dir: { type: 'string', default: EVAL_DIR },
    tiers: { type: 'boolean', default: false },
  },
});
const half = values.half;
if (half !== undefined && half !== 'fit' && half !== 'check') {
  console.error('usage: npm run eval:all [-- --half fit|check] [--json] [--dir PATH] [--tiers]');
  process.exit(2);
}

if (!values.json) console.log(TABLE_HEAD);
const runs: [string, Protocol[]][] = [
  ...SETS.map(([file, protocols]): [string, Protocol[]] => [`${values.dir}/${file}`, protocols]),
  ...PROJECT_SETS,
];
const tiers: string[] = [];
for (const [path, protocols] of runs) {
  const dataset = readDataset(path);
  const index = new SentenceIndex<Article>();
  for (const article of datasetArticles(dataset)) index.add(article);
  for (const protocol of protocols) {
    const records = askAll(index, dataset, { protocol, half });
    const result = summarise(dataset.name, protocol, records);
    console.log(values.json ? JSON.stringify(result) : tableRow(result, half ? ` (${half})` : ''));
    tiers.push(tierRows(dataset.name, protocol, records, half ? ` (${half})` : ''));
  }
}
if (values.tiers && !values.json) console.log(`\n${TIER_HEAD}\n${tiers.join('\n')}`);
