import type { Article } from './article';
import { SentenceIndex } from '../search/sentenceIndex';

/** The articles the bot knows and their index; the one object commands read from. */
export class Library {
  readonly index = new SentenceIndex();

  constructor(articles: Iterable<Article> = []) {
    for (const article of articles) this.index.add(article);
  }

  add(article: Article): void {
    this.index.add(article);
  }

  remove(articleId: string): boolean {
    return this.index.remove(articleId);
  }

  get(articleId: string): Article | undefined {
    return this.index.article(articleId);
  }

  /** Newest first; undated articles after dated ones, then by title. */
  list(): Article[] {
    return this.index.articles().sort((a, b) => (b.date ?? '').localeCompare(a.date ?? '') || a.title.localeCompare(b.title));
  }

  /**
   * The article a user means by an id or part of a title: the exact id, else
   * the only article that matches; `matches` tells none from several.
   */
  resolve(ref: string): { article?: Article; matches: number } {
    const exact = this.get(ref.trim());
    if (exact) return { article: exact, matches: 1 };
    const found = this.find(ref, 2);
    return { article: found.length === 1 ? found[0] : undefined, matches: found.length };
  }

  /** Articles whose id or title contains the text (case-insensitive), ids first: for autocomplete and `/article`. */
  find(text: string, limit = 25): Article[] {
    const needle = text.trim().toLowerCase();
    const all = this.list();
    if (!needle) return all.slice(0, limit);
    const byId = all.filter((a) => a.id.startsWith(needle));
    const byTitle = all.filter((a) => !a.id.startsWith(needle) && (a.id.includes(needle) || a.title.toLowerCase().includes(needle)));
    return [...byId, ...byTitle].slice(0, limit);
  }
}
