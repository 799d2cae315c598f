/**
 * What the index reads from an article. The library's `Article` is one; the
 * search folder knows nothing else about it, so it imports nothing from the
 * library.
 */

/** A sentence: `text.slice(start, end)` of its article, in its article's `paragraph` (0, 1, … as the splitter counted them). */
export interface SentenceSpan {
  start: number;
  end: number;
  paragraph: number;
}

export interface IndexedArticle {
  id: string;
  /** Its words count in the article prior (not in any sentence). */
  title: string;
  text: string;
  sentences: readonly SentenceSpan[];
}
