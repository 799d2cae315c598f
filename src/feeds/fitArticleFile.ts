import type { Article } from '../library/article';
import { makeArticle } from '../library/makeArticle';
import { articleFileText } from './articleFile';

export type Fitted = { article: Article; cutFrom?: number } | { tooLong: string };

const bytesOf = (text: string) => Buffer.byteLength(text, 'utf8');

/**
 * An item's article whose file the loader will read back: the loader skips
 * a file over MAX_ARTICLE_BYTES, and the item, already counted as seen,
 * would be indexed now and lost at the next start. A longer one is cut
 * after its last sentence that fits (`cutFrom`: the file's bytes before),
 * so what is indexed now is what loads later; with not even its first
 * sentence fitting, it is refused.
 */
export function fitArticleFile(article: Article, maxBytes: number): Fitted {
  const whole = bytesOf(articleFileText(article));
  if (whole <= maxBytes) return { article };
  const room = maxBytes - bytesOf(articleFileText({ ...article, text: '' }));
  const ends = article.sentences.map((sentence) => sentence.end);
  // The largest sentence end whose text fits: byte counts grow with the end, so halving finds it.
  let low = 0;
  let high = ends.length;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (bytesOf(article.text.slice(0, ends[middle - 1])) <= room) low = middle;
    else high = middle - 1;
  }
  const tooLong = `its text is ${(whole / 1e6).toFixed(1)} MB and not even its first sentence fits the ${(maxBytes / 1e6).toFixed(1)} MB limit (MAX_ARTICLE_BYTES)`;
  if (low === 0) return { tooLong };
  const cut = makeArticle(article.id, article.text.slice(0, ends[low - 1]).trimEnd(), article, article.origin);
  if (cut.sentences.length === 0) return { tooLong };
  return { article: cut, cutFrom: whole };
}
