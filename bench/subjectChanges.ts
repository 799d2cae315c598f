/**
 * Follow-ups that change the subject, scored over a newsroom library (see
 * bench/follow-ups/subject-changes.json for what each case asks). For each
 * conversation the first question is answered and recorded as the bot
 * records it, then the follow-up is read with that history.
 */
import { fileURLToPath } from 'node:url';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { withFollowUp } from '../src/answer/followUp';
import type { Article } from '../src/library/article';
import { makeArticle } from '../src/library/makeArticle';
import { SentenceIndex } from '../src/search/sentenceIndex';
import type { HistoryEntry } from '../src/store/historyStore';
import { EVAL_DIR } from './dataset';

interface Conversation {
  set: 'fit' | 'check' | 'check2';
  turns: [string, string];
  accept?: { article: string; text?: string }[];
  none?: boolean;
}

const DATA = fileURLToPath(new URL('./follow-ups/subject-changes.json', import.meta.url));

function newsroomLibrary(ukDir: string): { index: SentenceIndex<Article>; uk: number } {
  const index = new SentenceIndex<Article>();
  let uk = 0;
  if (existsSync(ukDir))
    for (const file of readdirSync(ukDir)
      .filter((f) => /^articles-.*\.jsonl$/.test(f))
      .sort())
      for (const line of readFileSync(join(ukDir, file), 'utf8').split('\n').filter(Boolean)) {
        const a = JSON.parse(line) as { id: string; date: string; title: string; text: string };
        index.add(makeArticle(a.id, a.text, { title: a.title, date: a.date }, 'uk'));
        uk++;
      }
  const wikinews = JSON.parse(readFileSync(join(EVAL_DIR, 'wikinews-topics.json'), 'utf8')) as {
    documents: { id: string; title: string; date: string | null; text: string }[];
  };
  for (const d of wikinews.documents) index.add(makeArticle(d.id, d.text, { title: d.title, date: d.date ?? undefined }, 'wikinews'));
  return { index, uk };
}

export function subjectChangeTable(ukDir: string, verbose: boolean): string {
  const { conversations } = JSON.parse(readFileSync(DATA, 'utf8')) as { conversations: Conversation[] };
  const { index, uk } = newsroomLibrary(ukDir);
  const now = new Date();
  const lines: string[] = [];
  const tally = new Map<string, { answerable: number; right: number; unanswerable: number; honest: number; wrongAnswers: number }>();
  let skipped = 0;
  for (const c of conversations) {
    if ((c.accept ?? []).some((a) => !index.has(a.article)) || (uk === 0 && c.set === 'fit')) {
      skipped++;
      continue;
    }
    const [first, followUp] = c.turns;
    const { answer: before } = withFollowUp(index, first, [], { limit: 3 }, now);
    const entry: HistoryEntry = {
      id: 'h',
      userId: 'u',
      at: now.toISOString(),
      question: first,
      answered: before.answered,
      quotes: before.quotes.map((q) => ({ articleId: q.articleId, start: q.start, end: q.end })),
    };
    const { answer } = withFollowUp(index, followUp, [entry], { limit: 3 }, now);
    const quote = answer.quotes[0];
    const right = c.none
      ? answer.tier !== 'answer'
      : quote !== undefined && (c.accept ?? []).some((a) => a.article === quote.articleId && (!a.text || quote.text.includes(a.text)));
    const t = tally.get(c.set) ?? { answerable: 0, right: 0, unanswerable: 0, honest: 0, wrongAnswers: 0 };
    if (c.none) t.unanswerable++;
    else t.answerable++;
    if (right) c.none ? t.honest++ : t.right++;
    if (!right && answer.tier === 'answer') t.wrongAnswers++;
    tally.set(c.set, t);
    if (verbose)
      lines.push(
        `${right ? 'ok  ' : 'MISS'} [${c.set}] “${first}” → “${followUp}”: ${answer.tier} ${Math.round(answer.confidence * 100)}% ${quote ? `${quote.articleId}: ${quote.text.slice(0, 90)}` : ''}`,
      );
  }
  lines.push(
    `Follow-ups that change the subject (${DATA.replace(/.*\/bench\//, 'bench/')}, ${index.articleCount} articles${uk === 0 ? ', no UK articles found: fit set skipped' : ''}${skipped ? `, ${skipped} skipped` : ''})`,
    '',
    '| set | answerable | first quote right | unanswerable | said uncertain or none | answered wrongly |',
    '|---|---:|---:|---:|---:|---:|',
  );
  for (const [set, t] of [...tally].sort()) {
    lines.push(`| ${set} | ${t.answerable} | ${t.right} | ${t.unanswerable} | ${t.honest} | ${t.wrongAnswers} |`);
  }
  return lines.join('\n');
}
