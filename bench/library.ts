import type { Article } from '../src/library/article';
import { datasetArticles, EVAL_DIR, readDataset } from './dataset';

export { EVAL_DIR };

/** The shared sets' articles repeated under new ids until the library holds about `target` sentences. */
export function replicatedLibrary(target: number): Article[] {
  const base = [
    ...datasetArticles(readDataset(`${EVAL_DIR}squad-v1.1-dev.json`)),
    ...datasetArticles(readDataset(`${EVAL_DIR}policyqa-dev.json`)),
  ];
  const out: Article[] = [];
  let sentences = 0;
  for (let copy = 0; sentences < target; copy++) {
    for (const article of base) {
      if (sentences >= target) break;
      out.push({ ...article, id: copy === 0 ? article.id : `${article.id}~${copy}` });
      sentences += article.sentences.length;
    }
  }
  return out;
}
