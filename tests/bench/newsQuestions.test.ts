import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildNewsQuestions, NEWS_QUESTIONS_FILE, serialise, WIKINEWS_FILE } from '../../bench/news-questions/build';

const committed = readFileSync(NEWS_QUESTIONS_FILE, 'utf8');
const set = JSON.parse(committed) as ReturnType<typeof buildNewsQuestions>;

describe('bench/news-questions', () => {
  it('the committed news-questions.json is what build.ts makes from the raw files', () => {
    expect(committed).toBe(serialise(buildNewsQuestions()));
  });

  it('every span slices to its answer, and answer is the first of answers', () => {
    const texts = new Map(set.documents.map((doc) => [doc.id, doc.text]));
    expect(set.questions.length).toBeGreaterThan(0);
    for (const question of set.questions) {
      const text = texts.get(question.documentId);
      expect(text, question.id).toBeDefined();
      expect(question.spans.map((span) => text!.slice(span.start, span.end))).toEqual(question.answers);
      expect(question.answer).toBe(question.answers[0]);
    }
    for (const question of set.unanswerable) expect(texts.has(question.documentId)).toBe(true);
  });

  it('keeps the Wikinews texts byte-identical', () => {
    const wikinews = JSON.parse(readFileSync(WIKINEWS_FILE, 'utf8')) as { documents: { id: string; text: string }[] };
    expect(set.documents.map((doc) => [doc.id, doc.text])).toEqual(wikinews.documents.map((doc) => [doc.id, doc.text]));
  });

  it('rejects an answer that occurs twice, one not in the text, and a repeated question, naming the line', () => {
    const [doc] = (JSON.parse(readFileSync(WIKINEWS_FILE, 'utf8')) as { documents: { id: string; text: string }[] }).documents;
    const dir = mkdtempSync(join(tmpdir(), 'news-questions-'));
    const file = join(dir, 'raw-9.jsonl');
    const line = (question: string, answers: string[]) => JSON.stringify({ documentId: doc!.id, question, answers, where: 'detail' });
    writeFileSync(
      file,
      [
        line('who had lunch', ['President']),
        line('what was served', ['no such phrase here']),
        line('who had lunch', [doc!.text.slice(0, 20)]),
        line('what was said', ['']),
      ].join('\n'),
    );
    const thrown = (() => {
      try {
        buildNewsQuestions([file]);
      } catch (error) {
        return (error as Error).message;
      }
      return '';
    })();
    expect(thrown).toContain(`${file}:1: answer "President" occurs`);
    expect(thrown).toContain(`${file}:2: answer "no such phrase here" is not in the text`);
    expect(thrown).toContain(`${file}:3: duplicate of the question at ${file}:1`);
    expect(thrown).toContain(`${file}:4: answer "" is not in the text`);
  });
});
