/** Grid search over scoring options on both shared sets (development aid, not part of the product). */
import { SentenceIndex } from '../src/search/sentenceIndex';
import type { ScoringOptions } from '../src/search/scoring';
import { rankSentences } from '../src/answer/rank';
import { datasetArticles, isCorrect, readDataset } from './dataset';
import { figures, firstCorrectRank } from './metrics';

const sets = ['squad-v1.1-dev.json', 'policyqa-dev.json'].map((name) => {
  const dataset = readDataset(`../shared/eval/${name}`);
  const index = new SentenceIndex();
  for (const article of datasetArticles(dataset)) index.add(article);
  return { name, dataset, index };
});

const grid: Partial<ScoringOptions>[] = JSON.parse(process.argv[2] ?? '[{}]');
for (const scoring of grid) {
  const row: string[] = [JSON.stringify(scoring)];
  for (const { name, dataset, index } of sets) {
    for (const protocol of ['open', 'in-doc'] as const) {
      if (name.startsWith('policy') && protocol === 'open') continue;
      const ranks = dataset.questions.map((q) =>
        firstCorrectRank(
          rankSentences(index, q.question, { limit: 10, articleId: protocol === 'in-doc' ? q.documentId : undefined, scoring }).map((hit) => {
            const s = index.sentence(hit.sentence);
            return isCorrect(q, s.article.id, s.start, s.end);
          }),
        ),
      );
      const f = figures(ranks);
      row.push(`${name.slice(0, 5)} ${protocol} P1 ${f.p1.toFixed(3)} MRR ${f.mrr10.toFixed(3)}`);
    }
  }
  console.log(row.join(' | '));
}
