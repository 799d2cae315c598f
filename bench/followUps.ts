/**
 * npm run eval:follow-ups -- [dataset.json] [--limit N] [--only squad|changes] [--uk DIR] [--verbose]
 *
 * Shows what channel history is worth for follow-up questions. From a QA set
 * it builds pairs within one document: a first question, then a later one
 * rewritten the way people follow up — the document's name dropped and
 * "And" put in front ("When did Super Bowl 50 take place?" → "And when did
 * take place?"). The rewritten question is ranked over the whole collection
 * alone and with the first question as history. A control checks that
 * questions standing on their own are not hurt by an unrelated previous one.
 *
 * Then follow-ups that change the subject ("what about the tories?"), hand
 * written in bench/follow-ups/subject-changes.json over a newsroom library:
 * the invented UK politics articles (`--uk`, default bench/alerts-uk) and the
 * Wikinews articles of wikinews-topics.json. See subjectChanges.ts.
 */
import { parseArgs } from 'node:util';
import type { Article } from '../src/library/article';
import { withFollowUp } from '../src/answer/followUp';
import { tokens } from '../src/search/analyzer';
import { SentenceIndex } from '../src/search/sentenceIndex';
import type { HistoryEntry } from '../src/store/historyStore';
import { datasetArticles, isCorrect, readDataset, type EvalQuestion } from './dataset';
import { figures, firstCorrectRank } from './metrics';

import { subjectChangeTable } from './subjectChanges';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    limit: { type: 'string', default: '2000' },
    only: { type: 'string' },
    uk: { type: 'string', default: 'bench/alerts-uk' },
    verbose: { type: 'boolean', default: false },
  },
});
if (values.only !== 'squad') console.log(`${subjectChangeTable(values.uk, values.verbose)}\n`);
if (values.only === 'changes') process.exit(0);
const dataset = readDataset(positionals[0] ?? '../shared/eval/squad-v1.1-dev.json');
const index = new SentenceIndex<Article>();
for (const article of datasetArticles(dataset)) index.add(article);
const now = new Date();
// What the bot records for the first question: its own answer's quotes.
const entry = (question: string): HistoryEntry => {
  const { answer } = withFollowUp(index, question, [], { limit: 3 }, now);
  return {
    id: 'h',
    userId: 'u',
    at: now.toISOString(),
    question,
    answered: answer.answered,
    quotes: answer.quotes.map((q) => ({ articleId: q.articleId, start: q.start, end: q.end })),
  };
};

function rank(question: EvalQuestion, asked: string, history: HistoryEntry[]): number {
  const { answer } = withFollowUp(index, asked, history, { limit: 10, minConfidence: 0 }, now);
  return firstCorrectRank(answer.quotes.map((q) => isCorrect(question, q.articleId, q.start, q.end)));
}

const titleWords = new Map(dataset.documents.map((d) => [d.id, new Set(tokens(d.title.replace(/_/g, ' ')))]));
const byDocument = new Map<string, EvalQuestion[]>();
for (const q of dataset.questions) byDocument.set(q.documentId, [...(byDocument.get(q.documentId) ?? []), q]);

const mentions = (q: EvalQuestion) => tokens(q.question).some((t) => titleWords.get(q.documentId)!.has(t));
const pairs: { first: EvalQuestion; second: EvalQuestion; rewritten: string }[] = [];
for (const [documentId, questions] of byDocument) {
  const naming = questions.filter(mentions);
  for (let i = 1; i < naming.length; i++) {
    const words = titleWords.get(documentId)!;
    const rest = naming[i]!.question.split(/\s+/)
      .filter((w) => !words.has(tokens(w)[0] ?? ''))
      .join(' ');
    if (SentenceIndex.queryTerms(rest).length < 2) continue;
    pairs.push({ first: naming[i - 1]!, second: naming[i]!, rewritten: `And ${rest.charAt(0).toLowerCase()}${rest.slice(1)}` });
  }
}
const sample = pairs.slice(0, Number(values.limit));
const documents = [...byDocument.keys()];
const unrelated = (q: EvalQuestion) => byDocument.get(documents[(documents.indexOf(q.documentId) + 1) % documents.length]!)![0]!;

const rows = [
  ['follow-up alone (no history)', sample.map((p) => rank(p.second, p.rewritten, []))],
  ['follow-up with the previous question as history', sample.map((p) => rank(p.second, p.rewritten, [entry(p.first.question)]))],
  ['original question, naming its subject, alone', sample.map((p) => rank(p.second, p.second.question, []))],
  [
    'original question after an unrelated one (control)',
    sample.map((p) => rank(p.second, p.second.question, [entry(unrelated(p.second).question)])),
  ],
] as const;

console.log(`Follow-up pairs from ${dataset.name}: ${sample.length} (open protocol, ${index.sentenceCount} sentences)\n`);
console.log('| question as asked | P@1 | MRR@10 | Recall@5 |');
console.log('|---|---:|---:|---:|');
for (const [name, ranks] of rows) {
  const f = figures([...ranks]);
  console.log(`| ${name} | ${f.p1.toFixed(3)} | ${f.mrr10.toFixed(3)} | ${f.recall5.toFixed(3)} |`);
}
console.log(`\nExample: “${sample[0]?.first.question}” then “${sample[0]?.rewritten}”`);
