import { readFileSync } from 'node:fs';
import type { Article } from '../src/library/article';
import { makeArticle } from '../src/library/makeArticle';

export interface EvalQuestion {
  id: string;
  question: string;
  documentId: string;
  spans: { start: number; end: number }[];
}

export interface Dataset {
  name: string;
  documents: { id: string; title: string; text: string }[];
  questions: EvalQuestion[];
}

/** Reads a file in the format of shared/eval/README.md, checking just enough to fail clearly. */
export function readDataset(path: string): Dataset {
  const data = JSON.parse(readFileSync(path, 'utf8')) as Partial<Dataset>;
  if (!Array.isArray(data.documents) || !Array.isArray(data.questions)) {
    throw new Error(`${path}: expected "documents" and "questions" arrays (see shared/eval/README.md)`);
  }
  return { name: data.name ?? path, documents: data.documents, questions: data.questions };
}

export function datasetArticles(dataset: Dataset): Article[] {
  return dataset.documents.map((doc) => makeArticle(doc.id, doc.text, { title: doc.title }, `eval:${dataset.name}`));
}

/** A sentence is correct when its range overlaps a gold span of the question's own document. */
export function isCorrect(question: EvalQuestion, articleId: string, start: number, end: number): boolean {
  return articleId === question.documentId && question.spans.some((span) => start < span.end && span.start < end);
}
