/**
 * npm run eval -- <dataset.json> [--protocol open|in-doc] [--json] [--limit N]
 * Indexes the dataset's documents with the bot's own pipeline, asks every
 * question and prints P@1, MRR@10, Recall@5 and the no-answer rate.
 */
import { parseArgs } from 'node:util';
import { ask } from '../src/answer/ask';
import { rankSentences } from '../src/answer/rank';
import { SentenceIndex } from '../src/search/sentenceIndex';
import { datasetArticles, isCorrect, readDataset } from './dataset';
import { figures, firstCorrectRank } from './metrics';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    protocol: { type: 'string', default: 'open' },
    json: { type: 'boolean', default: false },
    limit: { type: 'string' },
  },
});

const path = positionals[0];
const protocol = values.protocol;
if (!path || (protocol !== 'open' && protocol !== 'in-doc')) {
  console.error('usage: npm run eval -- <dataset.json> [--protocol open|in-doc] [--json] [--limit N]');
  process.exit(2);
}

const dataset = readDataset(path);
const index = new SentenceIndex();
for (const article of datasetArticles(dataset)) index.add(article);
const questions = values.limit ? dataset.questions.slice(0, Number(values.limit)) : dataset.questions;

const ranks: number[] = [];
let declined = 0;
const started = performance.now();
for (const question of questions) {
  const articleId = protocol === 'in-doc' ? question.documentId : undefined;
  const hits = rankSentences(index, question.question, { limit: 10, articleId });
  ranks.push(
    firstCorrectRank(
      hits.map((hit) => {
        const { article, start, end } = index.sentence(hit.sentence);
        return isCorrect(question, article.id, start, end);
      }),
    ),
  );
  if (!ask(index, question.question, { articleId }).answered) declined++;
}
const elapsed = performance.now() - started;
const result = { dataset: dataset.name, protocol, ...figures(ranks), noAnswer: declined / Math.max(1, questions.length), sentences: index.sentenceCount, msPerQuestion: elapsed / Math.max(1, questions.length) };

if (values.json) {
  console.log(JSON.stringify(result));
} else {
  const pct = (x: number) => x.toFixed(3);
  console.log(`| dataset | protocol | questions | sentences | P@1 | MRR@10 | Recall@5 | no answer | ms/question |`);
  console.log(`|---|---|---:|---:|---:|---:|---:|---:|---:|`);
  console.log(`| ${result.dataset} | ${protocol} | ${result.questions} | ${result.sentences} | ${pct(result.p1)} | ${pct(result.mrr10)} | ${pct(result.recall5)} | ${pct(result.noAnswer)} | ${result.msPerQuestion.toFixed(2)} |`);
}
