/**
 * npm run eval -- <dataset.json> [--protocol open|in-doc] [--json] [--limit N] [--half fit|check] [--where lead|detail|none] [--by-question FILE] [--tiers]
 * Indexes the dataset's documents with the bot's own pipeline, asks every
 * question (and every `unanswerable` one) and prints the ranking figures
 * (P@1, MRR@10, Recall@5) and what users get from ask(): the first quote
 * right (top1), answerable and unanswerable questions declined, precision of
 * the answers given and the AUROC of the confidence. `--where` keeps the
 * questions of a set that labels where the answer is (bench/news-questions:
 * `lead`, `detail`, or `none` for its unanswerable ones); all documents stay
 * indexed.
 */
import { writeFileSync } from 'node:fs';
import type { Article } from '../src/library/article';
import { parseArgs } from 'node:util';
import { SentenceIndex } from '../src/search/sentenceIndex';
import { datasetArticles, readDataset } from './dataset';
import { TABLE_HEAD, TIER_HEAD, askAll, summarise, tableRow, tierRows } from './userFigures';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    protocol: { type: 'string', default: 'open' },
    json: { type: 'boolean', default: false },
    limit: { type: 'string' },
    half: { type: 'string' },
    'by-question': { type: 'string' },
    where: { type: 'string' },
    tiers: { type: 'boolean', default: false },
  },
});

const path = positionals[0];
const protocol = values.protocol;
const half = values.half;
const where = values.where;
if (
  !path ||
  (protocol !== 'open' && protocol !== 'in-doc') ||
  (half !== undefined && half !== 'fit' && half !== 'check') ||
  (where !== undefined && !['lead', 'detail', 'none'].includes(where))
) {
  console.error(
    'usage: npm run eval -- <dataset.json> [--protocol open|in-doc] [--json] [--limit N] [--half fit|check] [--where lead|detail|none] [--by-question FILE] [--tiers]',
  );
  process.exit(2);
}

const read = readDataset(path);
// The label is the set's own field, absent from the shared format: unanswerable questions are `none`.
const dataset =
  where === undefined
    ? read
    : {
        ...read,
        questions: where === 'none' ? [] : read.questions.filter((q) => (q as { where?: string }).where === where),
        unanswerable: where === 'none' ? read.unanswerable : [],
      };
const index = new SentenceIndex<Article>();
for (const article of datasetArticles(dataset)) index.add(article);

const started = performance.now();
const records = askAll(index, dataset, { protocol, half, limit: values.limit ? Number(values.limit) : undefined });
const elapsed = performance.now() - started;
const result = {
  ...summarise(dataset.name, protocol, records),
  sentences: index.sentenceCount,
  msPerQuestion: elapsed / Math.max(1, records.length),
};

if (values['by-question']) writeFileSync(values['by-question'], records.map((r) => `${JSON.stringify(r)}\n`).join(''));
if (values.json) {
  console.log(JSON.stringify(result));
} else {
  console.log(TABLE_HEAD);
  const label = `${where ? `, ${where} only` : ''}${half ? ` (${half} half)` : ''}`;
  console.log(tableRow(result, label));
  if (values.tiers) console.log(`\n${TIER_HEAD}\n${tierRows(dataset.name, protocol, records, label)}`);
  console.log(`\n${result.sentences} sentences, ${result.msPerQuestion.toFixed(2)} ms/question`);
}
