/**
 * npx tsx bench/alerts-uk/build.ts [dir]
 * Joins the invented articles (articles-*.jsonl) and the topic labels present
 * (labels-*.json) of a library folder (bench/alerts-uk by default, or
 * bench/alerts-uk2) into its uk-politics.json, the format `npm run
 * eval:alerts` reads. The folder's about.json names the set; its README.md
 * says how the articles were written and labelled.
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
  split: (typeof SPLITS)[number];
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

const SPLITS = ['fit', 'check', 'check2', 'check3', 'check4'] as const;

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
      if (!SPLITS.includes(topic.split)) throw new Error(`${file}: topic ${id} has no split of ${SPLITS.join('/')}`);
      const unknown = topic.relevant.filter((a) => !ids.has(a));
      if (unknown.length) throw new Error(`${file}: topic ${id} names unknown articles ${unknown.join(', ')}`);
      topics.push({ id, query: topic.query, relevant: [...new Set(topic.relevant)].sort(), split: topic.split, notes: topic.notes });
    }
  }

  const about = JSON.parse(readFileSync(join(dir, 'about.json'), 'utf8')) as Pick<UkPoliticsSet, 'name' | 'source' | 'license' | 'notes'>;
  return {
    name: about.name,
    source: about.source,
    license: about.license,
    notes: about.notes.replace('{labels}', labelFiles.join(', ')),
    documents,
    topics,
  };
}

export const serialise = (set: UkPoliticsSet) => `${JSON.stringify(set, null, 1)}\n`;

if (process.argv[1] && resolve(process.argv[1]) === import.meta.filename) {
  const dir = process.argv[2] ? resolve(process.argv[2]) : ALERTS_UK_DIR;
  const set = buildUkPolitics(dir);
  const out = join(dir, 'uk-politics.json');
  writeFileSync(out, serialise(set));
  const pairs = set.documents.length * set.topics.length;
  console.log(`${out}: ${set.documents.length} articles, ${set.topics.length} topics, ${pairs} labelled pairs`);
}
