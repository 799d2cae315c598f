/**
 * Writes a topic file in the format of wikinews-topics.json from the shared
 * SQuAD dev articles, cut into their paragraphs (2,000 short documents with
 * no headline): a view with a library large enough for a topic to have
 * several articles of its own, which the Wikinews sets (85 articles) are not.
 * Proxy labels, not hand labels: a paragraph is relevant to a topic when it
 * comes from the Wikipedia article on that subject, so recall is capped by
 * paragraphs that never name it. Topics alternate fit / check.
 *
 *   npx tsx bench/alerts-dev/squadTopics.ts /tmp/squad-topics.json
 *   npm run eval:alerts /tmp/squad-topics.json -- --split=fit
 */
import { readFileSync, writeFileSync } from 'node:fs';

const TOPICS: [string, string][] = [
  ['Super_Bowl_50', 'Super Bowl'],
  ['Warsaw', 'Warsaw'],
  ['Normans', 'Normans'],
  ['Nikola_Tesla', 'Nikola Tesla'],
  ['Steam_engine', 'steam engine'],
  ['Oxygen', 'oxygen'],
  ['1973_oil_crisis', 'oil crisis'],
  ['Apollo_program', 'Apollo program'],
  ['Amazon_rainforest', 'Amazon rainforest'],
  ['Black_Death', 'Black Death'],
  ['Genghis_Khan', 'Genghis Khan'],
  ['Immune_system', 'immune system'],
  ['Civil_disobedience', 'civil disobedience'],
  ['Economic_inequality', 'economic inequality'],
  ['Yuan_dynasty', 'Yuan dynasty'],
  ['Kenya', 'Kenya'],
  ['Intergovernmental_Panel_on_Climate_Change', 'climate change panel'],
  ['Prime_number', 'prime numbers'],
  ['Rhine', 'Rhine'],
  ['Scottish_Parliament', 'Scottish Parliament'],
  ['Islamism', 'Islamism'],
  ['Imperialism', 'imperialism'],
  ['French_and_Indian_War', 'French and Indian War'],
  ['Private_school', 'private schools'],
];

const source = JSON.parse(readFileSync(process.argv[3] ?? '../shared/eval/squad-v1.1-dev.json', 'utf8')) as {
  documents: { id: string; title: string; text: string }[];
};
const documents: { id: string; title: string; text: string }[] = [];
const byArticle = new Map<string, string[]>();
for (const doc of source.documents) {
  const ids: string[] = [];
  doc.text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0)
    .forEach((text, i) => {
      const id = `${doc.id}#${i}`;
      documents.push({ id, title: '', text });
      ids.push(id);
    });
  byArticle.set(doc.id, ids);
}
const topics = TOPICS.map(([article, query], i) => ({
  id: article,
  query,
  relevant: byArticle.get(article) ?? [],
  split: i % 2 === 0 ? 'fit' : 'check',
}));
writeFileSync(
  process.argv[2] ?? '/tmp/squad-topics.json',
  JSON.stringify({ name: 'squad-paragraph-topics', license: 'CC BY-SA 4.0 (SQuAD, Wikipedia)', documents, topics }),
);
console.log(`${documents.length} paragraphs, ${topics.length} topics`);
