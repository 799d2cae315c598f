/**
 * npx tsx bench/news-questions/build.ts
 * Checks every raw-*.jsonl line in this folder against the Wikinews articles
 * (shared/eval/wikinews-topics.json) and writes news-questions.json in the
 * shared eval format. GUIDELINE.md says how the questions were written.
 */
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { EVAL_DIR } from '../dataset';

export const NEWS_QUESTIONS_DIR = fileURLToPath(new URL('.', import.meta.url));
export const NEWS_QUESTIONS_FILE = join(NEWS_QUESTIONS_DIR, 'news-questions.json');
export const WIKINEWS_FILE = join(EVAL_DIR, 'wikinews-topics.json');

export type Where = 'lead' | 'detail' | 'none';

interface RawLine {
  documentId: string;
  question: string;
  answers?: string[];
  unanswerable?: boolean;
  where: Where;
}

interface WikinewsDocument {
  id: string;
  title: string;
  date?: string | null;
  text: string;
}

export interface NewsQuestionSet {
  name: string;
  source: string;
  license: string;
  notes: string;
  documents: WikinewsDocument[];
  questions: {
    id: string;
    question: string;
    documentId: string;
    spans: { start: number; end: number }[];
    answer: string;
    answers: string[];
    where: Where;
  }[];
  unanswerable: { id: string; documentId: string; question: string }[];
}

/** Hashed from document and question, so ids stay put when lines are added or reordered. */
function questionId(documentId: string, question: string): string {
  return `nq-${createHash('sha1').update(`${documentId}\n${question}`).digest('hex').slice(0, 12)}`;
}

function occurrences(text: string, phrase: string): number[] {
  const found: number[] = [];
  for (let at = text.indexOf(phrase); at !== -1; at = text.indexOf(phrase, at + 1)) found.push(at);
  return found;
}

export function rawFiles(dir: string = NEWS_QUESTIONS_DIR): string[] {
  return readdirSync(dir)
    .filter((name) => /^raw-.*\.jsonl$/.test(name))
    .sort()
    .map((name) => join(dir, name));
}

/** Every problem is collected before failing, so one run lists all lines to fix. */
export function buildNewsQuestions(files: string[] = rawFiles(), wikinewsFile: string = WIKINEWS_FILE): NewsQuestionSet {
  const wikinews = JSON.parse(readFileSync(wikinewsFile, 'utf8')) as { documents: WikinewsDocument[] };
  const byId = new Map(wikinews.documents.map((doc) => [doc.id, doc]));
  const errors: string[] = [];
  const seen = new Map<string, string>();
  const set: NewsQuestionSet = {
    name: 'news-questions',
    source:
      'Questions: this project (bench/news-questions/raw-*.jsonl, GUIDELINE.md). Documents: shared/eval/wikinews-topics.json (English Wikinews articles from the WikinewsSum sample, airKlizz/WikinewsSum), text unchanged.',
    license: 'Documents CC BY 2.5 (attribute "Wikinews contributors"); questions and answers are the project\'s.',
    notes:
      'Informal, chat-style questions a Discord user who has heard of the story might type, written from the article text only by an AI assistant acting as annotator, before any system was run on them. Each answerable question carries its gold answer phrase(s) as exact substrings of the text; `where` says whether the answer sits in the title or first two sentences (lead) or later (detail). Unanswerable questions are about the same story but not answered by the article. All 85 Wikinews documents are included so open retrieval competes over the whole collection. See bench/news-questions/GUIDELINE.md.',
    documents: wikinews.documents.map((doc) => ({ id: doc.id, title: doc.title, date: doc.date ?? null, text: doc.text })),
    questions: [],
    unanswerable: [],
  };

  for (const file of files) {
    const lines = readFileSync(file, 'utf8').split('\n');
    lines.forEach((line, index) => {
      if (line.trim() === '') return;
      const where = `${file}:${index + 1}`;
      let raw: RawLine;
      try {
        raw = JSON.parse(line) as RawLine;
      } catch (error) {
        errors.push(`${where}: not JSON (${(error as Error).message})`);
        return;
      }
      const doc = byId.get(raw.documentId);
      if (!doc) {
        errors.push(`${where}: no document ${JSON.stringify(raw.documentId)}`);
        return;
      }
      if (typeof raw.question !== 'string' || raw.question.trim() === '') {
        errors.push(`${where}: empty question`);
        return;
      }
      const key = raw.question.trim().toLowerCase();
      const earlier = seen.get(key);
      if (earlier) errors.push(`${where}: duplicate of the question at ${earlier}`);
      seen.set(key, where);
      const id = questionId(raw.documentId, raw.question);

      if (raw.unanswerable === true) {
        if (raw.answers !== undefined) errors.push(`${where}: an unanswerable question has no answers`);
        if (raw.where !== 'none') errors.push(`${where}: an unanswerable question has where "none"`);
        set.unanswerable.push({ id, documentId: raw.documentId, question: raw.question });
        return;
      }
      if (raw.where !== 'lead' && raw.where !== 'detail')
        errors.push(`${where}: where must be "lead" or "detail" for an answerable question`);
      if (!Array.isArray(raw.answers) || raw.answers.length === 0) {
        errors.push(`${where}: no answers (mark it "unanswerable": true if the article does not answer)`);
        return;
      }
      const spans: { start: number; end: number }[] = [];
      for (const answer of raw.answers) {
        // An empty phrase is found everywhere, so it is refused before it is looked for.
        const found = typeof answer === 'string' && answer !== '' ? occurrences(doc.text, answer) : [];
        if (found.length === 0) errors.push(`${where}: answer ${JSON.stringify(answer)} is not in the text of ${doc.id}`);
        else if (found.length > 1)
          errors.push(
            `${where}: answer ${JSON.stringify(answer)} occurs ${found.length} times in ${doc.id}; give a longer substring that occurs once`,
          );
        else spans.push({ start: found[0]!, end: found[0]! + answer.length });
      }
      if (spans.length !== raw.answers.length) return;
      set.questions.push({
        id,
        question: raw.question,
        documentId: raw.documentId,
        spans,
        answer: raw.answers[0]!,
        answers: raw.answers,
        where: raw.where,
      });
    });
  }
  if (errors.length > 0) throw new Error(`news-questions: ${errors.length} problem(s)\n${errors.join('\n')}`);
  return set;
}

export function serialise(set: NewsQuestionSet): string {
  return `${JSON.stringify(set, null, 1)}\n`;
}

if (process.argv[1] && resolve(process.argv[1]) === import.meta.filename) {
  const set = buildNewsQuestions();
  writeFileSync(NEWS_QUESTIONS_FILE, serialise(set));
  console.log(
    `${NEWS_QUESTIONS_FILE}: ${set.questions.length} answerable (${set.questions.filter((q) => q.where === 'lead').length} lead, ${set.questions.filter((q) => q.where === 'detail').length} detail), ${set.unanswerable.length} unanswerable, from ${rawFiles().length} raw file(s)`,
  );
}
