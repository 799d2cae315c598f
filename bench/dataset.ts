import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Article } from '../src/library/article';
import { makeArticle } from '../src/library/makeArticle';

/** The shared evaluation sets (../shared/eval beside the repository): stated once for every script. */
export const EVAL_DIR = fileURLToPath(new URL('../../shared/eval/', import.meta.url));

export interface EvalQuestion {
  id: string;
  question: string;
  documentId: string;
  spans: { start: number; end: number }[];
}

/** A question whose document (and collection) holds no answer: the right reply is to decline. */
export interface UnanswerableQuestion {
  id: string;
  question: string;
  documentId: string;
}

export interface Dataset {
  name: string;
  documents: { id: string; title: string; text: string }[];
  questions: EvalQuestion[];
  unanswerable: UnanswerableQuestion[];
}

/** Reads a file in the format of shared/eval/README.md, checking just enough to fail clearly. */
export function readDataset(path: string): Dataset {
  const data = JSON.parse(readFileSync(path, 'utf8')) as Partial<Dataset>;
  if (!Array.isArray(data.documents) || !Array.isArray(data.questions)) {
    throw new Error(`${path}: expected "documents" and "questions" arrays (see shared/eval/README.md)`);
  }
  if (data.unanswerable !== undefined && !Array.isArray(data.unanswerable)) throw new Error(`${path}: "unanswerable" must be an array`);
  return { name: data.name ?? path, documents: data.documents, questions: data.questions, unanswerable: data.unanswerable ?? [] };
}

export function datasetArticles(dataset: Dataset): Article[] {
  return dataset.documents.map((doc) => makeArticle(doc.id, doc.text, { title: doc.title }, `eval:${dataset.name}`));
}

/** A sentence is correct when its range overlaps a gold span of the question's own document. */
export function isCorrect(question: EvalQuestion, articleId: string, start: number, end: number): boolean {
  return articleId === question.documentId && question.spans.some((span) => start < span.end && span.start < end);
}

export type Half = 'fit' | 'check';

/**
 * Which half a document falls in when a model is fitted on half the documents
 * and checked on the rest. Keyed on a hash of the id, not on the position in
 * the file, so a document shared by two sets (SQuAD v1.1 and 2.0) is in the
 * same half in both.
 */
export function halfOf(documentId: string): Half {
  return createHash('sha1').update(documentId).digest().readUInt8(0) % 2 === 0 ? 'fit' : 'check';
}
