/**
 * npx tsx bench/alerts-uk/build.ts
 * Joins the invented articles (articles-*.jsonl) and the topic labels present
 * (labels-*.json) into uk-politics.json, the format `npm run eval:alerts` reads.
 * README.md says how the articles were written and labelled.
 */
import { fileURLToPath } from 'node:url';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ALERTS_UK_DIR = fileURLToPath(new URL('.', import.meta.url));
export const UK_POLITICS_FILE = join(ALERTS_UK_DIR, 'uk-politics.json');

interface UkArticle {
  id: string;
  date: string;
  title: string;
  text: string;
}

interface LabelledTopic {
  query: string;
  split: 'fit' | 'check' | 'check2';
  relevant: string[];
  notes?: string;
}

export interface UkPoliticsSet {
  name: string;
  source: string;
  license: string;
  notes: string;
  documents: UkArticle[];
  topics: { id: string; query: string; relevant: string[]; split: string; notes?: string }[];
}

const filesLike = (dir: string, pattern: RegExp) =>
  readdirSync(dir)
    .filter((f) => pattern.test(f))
    .sort();

export function buildUkPolitics(dir = ALERTS_UK_DIR): UkPoliticsSet {
  const documents: UkArticle[] = [];
  for (const file of filesLike(dir, /^articles-\d+\.jsonl$/))
    for (const line of readFileSync(join(dir, file), 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const { id, date, title, text } = JSON.parse(line) as UkArticle;
      if (!id || !title || !text) throw new Error(`${file}: an article without id, title or text`);
      documents.push({ id, title, date, text });
    }
  const ids = new Set(documents.map((d) => d.id));
  if (ids.size !== documents.length) throw new Error('alerts-uk: two articles share an id');

  const labelFiles = filesLike(dir, /^labels-[a-z0-9]+\.json$/);
  const topics: UkPoliticsSet['topics'] = [];
  for (const file of labelFiles) {
    const labels = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Record<string, LabelledTopic>;
    for (const [id, topic] of Object.entries(labels)) {
      if (topics.some((t) => t.id === id)) throw new Error(`${file}: topic ${id} is labelled twice`);
      if (!['fit', 'check', 'check2'].includes(topic.split)) throw new Error(`${file}: topic ${id} has no fit/check/check2 split`);
      const unknown = topic.relevant.filter((a) => !ids.has(a));
      if (unknown.length) throw new Error(`${file}: topic ${id} names unknown articles ${unknown.join(', ')}`);
      topics.push({ id, query: topic.query, relevant: [...new Set(topic.relevant)].sort(), split: topic.split, notes: topic.notes });
    }
  }

  return {
    name: 'alerts-uk',
    source: 'bench/alerts-uk: invented UK political news, November 2004 to May 2005, written for Policy Desk by an AI assistant',
    license: 'written for this project; invented stories, for evaluation only, never bot content',
    notes:
      `Every article is invented (see README.md). Topics and labels (${labelFiles.join(', ')}) were made by an AI annotator ` +
      'reading every article under bench/alerts-dev/GUIDELINE.md, before any matcher ran on them; every (topic, article) pair is labelled. ' +
      "split: fit = used to choose the matching rule; check = the issue's own topics, measured only until round 3; check2 = a list labelled blind in round 3, only measured.",
    documents,
    topics,
  };
}

export const serialise = (set: UkPoliticsSet) => `${JSON.stringify(set, null, 1)}\n`;

if (process.argv[1] && resolve(process.argv[1]) === import.meta.filename) {
  const set = buildUkPolitics();
  writeFileSync(UK_POLITICS_FILE, serialise(set));
  const pairs = set.documents.length * set.topics.length;
  console.log(`${UK_POLITICS_FILE}: ${set.documents.length} articles, ${set.topics.length} topics, ${pairs} labelled pairs`);
}
