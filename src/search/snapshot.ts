/**
 * A snapshot of the search index in the data folder, so that a large library
 * is ready to answer without re-analysing every sentence at start.
 *
 * The snapshot records a digest of each article it was built from (id, text
 * and sentence spans). It is used only when every one of those articles is
 * still in the library unchanged; articles that are new since are then added
 * to it (appending, as at run time). If any article changed or went away, or
 * the file is missing, unreadable or from another format, the index is built
 * from the articles and the snapshot rewritten. A snapshot can never give
 * answers from text the library no longer holds.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../log';
import { analysisVersion } from './analyzer';
import type { IndexedArticle } from './document';
import { type IndexState, SentenceIndex } from './sentenceIndex';

export const SNAPSHOT_FILE = 'search-index.bin';
/** Bump when the index layout or the analyzer changes: older snapshots are then rebuilt. */
const FORMAT = `policy-desk-index/6 ${analysisVersion}`;
const MAGIC = 'PDIX';

/** Digest of what the index reads from an article: its id, title (the article prior counts its words), text and sentence spans with their paragraphs. */
export function articleDigest(article: IndexedArticle): string {
  const hash = createHash('sha1');
  hash.update(article.id);
  hash.update('\0');
  hash.update(article.title);
  hash.update('\0');
  hash.update(article.text);
  const spans = new Int32Array(article.sentences.length * 3);
  article.sentences.forEach((span, i) => {
    spans[3 * i] = span.start;
    spans[3 * i + 1] = span.end;
    spans[3 * i + 2] = span.paragraph;
  });
  hash.update(new Uint8Array(spans.buffer));
  return hash.digest('base64');
}

interface Header {
  format: string;
  /** Digests of the live articles, in slot order. */
  digests: string[];
  totals: IndexState['totals'];
  slots: IndexState['slots'];
  postingsTerms: number;
  /** Byte lengths of the arrays that follow, in order. */
  sections: Record<string, number>;
}

const ARRAYS = [
  'df',
  'adf',
  'postingsData',
  'postingsHead',
  'postingsTail',
  'articleData',
  'articleHead',
  'articleTail',
  'sentenceLength',
  'sentenceFlags',
  'paragraphPosition',
  'terms',
] as const;

/** Writes the index (shrunk first) as a snapshot for the given articles, atomically. */
export async function saveSnapshot(index: SentenceIndex<IndexedArticle>, digests: string[], file: string): Promise<void> {
  const state = index.exportState();
  const bytes: Record<(typeof ARRAYS)[number], Uint8Array> = {
    df: view(state.df),
    adf: view(state.adf),
    postingsData: view(state.postings.data),
    postingsHead: view(state.postings.head),
    postingsTail: view(state.postings.tail),
    articleData: view(state.articlePostings.data),
    articleHead: view(state.articlePostings.head),
    articleTail: view(state.articlePostings.tail),
    sentenceLength: view(state.sentenceLength),
    sentenceFlags: view(state.sentenceFlags),
    paragraphPosition: view(state.paragraphPosition),
    terms: new TextEncoder().encode(state.terms.join('\n')),
  };
  const header: Header = {
    format: FORMAT,
    digests,
    totals: state.totals,
    slots: state.slots,
    postingsTerms: state.postings.terms,
    sections: Object.fromEntries(ARRAYS.map((name) => [name, bytes[name].byteLength])),
  };
  const headerBytes = new TextEncoder().encode(JSON.stringify(header));
  const prefix = new Uint8Array(8);
  prefix.set(new TextEncoder().encode(MAGIC));
  new DataView(prefix.buffer).setUint32(4, headerBytes.byteLength, true);
  // Sections start on 8-byte boundaries so they can be read in place as typed arrays.
  const parts: Uint8Array[] = [prefix, headerBytes, padding(8 + headerBytes.byteLength)];
  for (const name of ARRAYS) parts.push(bytes[name], padding(bytes[name].byteLength));
  await mkdir(join(file, '..'), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, parts);
  await rename(temporary, file);
}

/** Reads a snapshot; undefined when the file is missing, damaged or of another format. */
export async function readSnapshot(file: string): Promise<{ header: Header; state: IndexState } | undefined> {
  let buffer: Buffer;
  try {
    buffer = await readFile(file);
  } catch {
    return undefined;
  }
  try {
    if (buffer.byteLength < 8 || buffer.toString('latin1', 0, 4) !== MAGIC) return undefined;
    const headerLength = buffer.readUInt32LE(4);
    const header = JSON.parse(buffer.toString('utf8', 8, 8 + headerLength)) as Header;
    if (header.format !== FORMAT) return undefined;
    // A private, aligned copy: readFile may hand back a slice of a shared pool.
    const bytes = new Uint8Array(buffer.byteLength);
    bytes.set(buffer);
    let offset = align(8 + headerLength);
    const take = (name: (typeof ARRAYS)[number]) => {
      const length = header.sections[name];
      if (length === undefined || offset + length > bytes.byteLength) throw new Error(`snapshot section ${name} is missing or cut short`);
      const start = offset;
      offset = align(offset + length);
      return { start, length };
    };
    // Views into the file for the postings (the pools copy them, with headroom); copies of the rest, so the file's buffer can go.
    const int32 = (name: (typeof ARRAYS)[number], copy = true) => {
      const { start, length } = take(name);
      const array = new Int32Array(bytes.buffer, start, length / 4);
      return copy ? array.slice() : array;
    };
    const df = int32('df');
    const adf = int32('adf');
    const postingsData = int32('postingsData', false);
    const postingsHead = int32('postingsHead');
    const postingsTail = int32('postingsTail');
    const articleData = int32('articleData', false);
    const articleHead = int32('articleHead');
    const articleTail = int32('articleTail');
    const lengths = take('sentenceLength');
    const sentenceLength = new Uint16Array(bytes.buffer, lengths.start, lengths.length / 2).slice();
    const aliveRange = take('sentenceFlags');
    const sentenceFlags = new Uint8Array(bytes.buffer, aliveRange.start, aliveRange.length).slice();
    const paragraphs = take('paragraphPosition');
    const paragraphPosition = new Uint8Array(bytes.buffer, paragraphs.start, paragraphs.length).slice();
    const termsRange = take('terms');
    const termsText = new TextDecoder().decode(bytes.subarray(termsRange.start, termsRange.start + termsRange.length));
    const terms = termsText === '' ? [] : termsText.split('\n');
    if (terms.length !== df.length || header.postingsTerms !== terms.length || sentenceLength.length !== sentenceFlags.length)
      return undefined;
    const state: IndexState = {
      terms,
      df,
      adf,
      postings: { data: postingsData, head: postingsHead, tail: postingsTail, terms: header.postingsTerms },
      articlePostings: { data: articleData, head: articleHead, tail: articleTail, terms: header.postingsTerms },
      sentenceLength,
      sentenceFlags,
      paragraphPosition,
      slots: header.slots,
      totals: header.totals,
    };
    return { header, state };
  } catch {
    return undefined;
  }
}

export interface LoadResult<D extends IndexedArticle> {
  index: SentenceIndex<D>;
  /** `snapshot`: read as it was; `snapshot+added`: read, then new articles added; `built`: indexed from the articles. */
  source: 'snapshot' | 'snapshot+added' | 'built';
  /** Articles added on top of the snapshot, or indexed when built. */
  added: number;
  ms: number;
}

/**
 * Fills `index` (empty; a new one by default) with the articles, from the
 * snapshot in `dataDir` when it matches them, and keeps the snapshot current.
 * A snapshot that cannot be written is logged and otherwise ignored.
 */
export async function loadOrBuildIndex<D extends IndexedArticle>(
  articles: D[],
  dataDir: string,
  log: Logger,
  index = new SentenceIndex<D>(),
  { save = true }: { save?: boolean } = {},
): Promise<LoadResult<D>> {
  const started = performance.now();
  const file = join(dataDir, SNAPSHOT_FILE);
  const digests = articles.map(articleDigest);
  const snapshot = await readSnapshot(file);
  let source: LoadResult<D>['source'] = 'built';
  let added = articles.length;
  if (snapshot) {
    const position = new Map<string, number>();
    digests.forEach((digest, i) => {
      position.set(digest, i);
    });
    const known = snapshot.header.digests.map((digest) => position.get(digest));
    if (known.every((i) => i !== undefined)) {
      const inSnapshot = new Set(known as number[]);
      try {
        index.importState(
          snapshot.state,
          (known as number[]).map((i) => articles[i]!),
        );
        const fresh = articles.filter((_, i) => !inSnapshot.has(i));
        for (const article of fresh) index.add(article);
        source = fresh.length > 0 ? 'snapshot+added' : 'snapshot';
        added = fresh.length;
      } catch (error) {
        // importState refuses before changing anything, so the index is still empty here.
        log.warn('search_snapshot_unusable', { file, error: (error as Error).message });
      }
    } else {
      log.info('search_snapshot_stale', { file, changedOrRemoved: known.filter((i) => i === undefined).length });
    }
  }
  if (source === 'built') {
    for (const article of articles) index.add(article);
  }
  if (source !== 'snapshot') index.shrink();
  // Processes that share the data folder (SHARD_PROCESSES) leave the snapshot to one of them.
  if (source !== 'snapshot' && save) {
    try {
      const digestOf = new Map(articles.map((article, i) => [article, digests[i]!]));
      await saveSnapshot(
        index,
        index.articles().map((article) => digestOf.get(article) ?? articleDigest(article)),
        file,
      );
    } catch (error) {
      log.warn('search_snapshot_not_saved', { file, error: (error as Error).message });
    }
  }
  const ms = performance.now() - started;
  log.info('search_index_ready', { source, articles: articles.length, added, sentences: index.sentenceCount, ms: Math.round(ms) });
  return { index, source, added, ms };
}

function view(array: ArrayBufferView): Uint8Array {
  return new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
}

function align(offset: number): number {
  return (offset + 7) & ~7;
}

function padding(length: number): Uint8Array {
  return new Uint8Array(align(length) - length);
}
