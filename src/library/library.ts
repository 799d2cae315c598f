import type { Article } from './article';
import type { SentenceIndex } from '../search/sentenceIndex';
import { finish, type Steps } from '../timeSlices';

/**
 * Who reads the library: a guild id, CONSOLE_SCOPE for the console, or null
 * (direct messages), which sees the shared articles only.
 */
export type Viewer = string | null;

/** The console's own scope: what it adds is seen by the console only. */
export const CONSOLE_SCOPE = 'console';

/** Whose own articles an invocation sees: its guild's, the console's, or (in DMs) none. */
export function viewerOf(invocation: { guildId: string | null; console?: boolean }): Viewer {
  return invocation.guildId ?? (invocation.console ? CONSOLE_SCOPE : null);
}

/**
 * The articles the bot knows and their indexes; the one object commands read
 * from. Shared articles (the articles folder, feeds an operator added for
 * every server) are seen by everyone. A server's own articles (its feeds,
 * /article add) are seen by that server only: it gets an index of its own,
 * the shared one copied plus its articles, so its answers, scores and word
 * statistics cannot show another server's articles.
 */
export class Library {
  /** The shared articles, in the order they were (last) added. */
  private readonly shared = new Map<string, Article>();
  private readonly owned = new Map<string, Map<string, Article>>();
  private readonly views = new Map<string, SentenceIndex<Article>>();

  /**
   * `index` is the shared articles' index, handed in (app.ts builds it, from
   * the snapshot when it can): empty, or already holding some of `articles`.
   * The library indexes the rest of `articles` and nothing else.
   */
  constructor(
    private readonly index: SentenceIndex<Article>,
    articles: Iterable<Article> = [],
  ) {
    const given = new Set<string>();
    for (const article of articles) {
      // A later article of the same id replaces the earlier one, as add() does.
      if (given.has(article.id) || !index.has(article.id)) index.add(article);
      given.add(article.id);
      this.shared.delete(article.id);
      this.shared.set(article.id, article);
    }
    if (index.articleCount !== this.shared.size)
      throw new Error(`the index holds ${index.articleCount} articles, the library was given ${this.shared.size}`);
  }

  /** Adds or replaces an article: shared when `owner` is null, else seen by that guild (or the console) only. */
  add(article: Article, owner: string | null = null): void {
    finish(this.addSteps(article, owner));
  }

  /**
   * add() as steps (src/timeSlices.ts), for inSlices: a shared article goes
   * into the shared index and then into each server's copy, one copy a step,
   * so that with many servers one article does not hold the event loop. Until
   * the last step, a server whose copy it has not reached lists the article
   * but finds none of its sentences.
   */
  *addSteps(article: Article, owner: string | null = null): Steps<void> {
    if (owner !== null) {
      this.addOwned(article, owner);
      return;
    }
    this.shared.delete(article.id);
    this.shared.set(article.id, article);
    this.index.add(article);
    // The copies as they are now: one built later is cloned from the shared index, which holds the article already.
    for (const [viewer, view] of [...this.views]) {
      yield;
      // Removed or replaced meanwhile: what happened later decides what every copy holds.
      if (this.shared.get(article.id) !== article) return;
      // A copy dropped meanwhile is no one's; a server's own article of the same id stays what that server sees.
      if (this.views.get(viewer) !== view || this.owned.get(viewer)?.has(article.id)) continue;
      view.add(article);
    }
  }

  /** addSteps for several articles, with a step between them, until `stop` says so (the bot is stopping). */
  *addAllSteps(items: Iterable<{ article: Article; owner: string | null }>, stop: () => boolean = () => false): Steps<void> {
    for (const { article, owner } of items) {
      if (stop()) return;
      yield* this.addSteps(article, owner);
      yield;
    }
  }

  private addOwned(article: Article, owner: string): void {
    let mine = this.owned.get(owner);
    if (!mine) this.owned.set(owner, (mine = new Map()));
    mine.delete(article.id);
    mine.set(article.id, article);
    const view = this.views.get(owner);
    if (view) view.add(article);
    else this.views.set(owner, this.buildView(owner));
  }

  /** Removes an article from the shared library (owner null) or from one owner's; false when it was not there. */
  remove(articleId: string, owner: string | null = null): boolean {
    return finish(this.removeSteps(articleId, owner));
  }

  /** remove() as steps, as addSteps: a shared article leaves each server's copy of the index one copy a step. */
  *removeSteps(articleId: string, owner: string | null = null): Steps<boolean> {
    if (owner !== null) return this.removeOwned(articleId, owner);
    this.shared.delete(articleId);
    const removed = this.index.remove(articleId);
    for (const [viewer, view] of [...this.views]) {
      yield;
      // Added again meanwhile: that add puts the new version into every copy.
      if (this.shared.has(articleId)) return removed;
      if (this.views.get(viewer) !== view || this.owned.get(viewer)?.has(articleId)) continue;
      view.remove(articleId);
    }
    return removed;
  }

  private removeOwned(articleId: string, owner: string): boolean {
    const mine = this.owned.get(owner);
    if (!mine?.delete(articleId)) return false;
    if (mine.size === 0) {
      this.owned.delete(owner);
      this.views.delete(owner);
      return true;
    }
    const view = this.views.get(owner)!;
    view.remove(articleId);
    const shared = this.shared.get(articleId);
    if (shared) view.add(shared);
    return true;
  }

  private buildView(owner: string): SentenceIndex<Article> {
    const view = this.index.clone();
    for (const article of this.owned.get(owner)?.values() ?? []) view.add(article);
    return view;
  }

  /** The index a viewer searches: the shared one, or its own copy when it has articles of its own. */
  indexFor(viewer: Viewer): SentenceIndex<Article> {
    return (viewer !== null && this.views.get(viewer)) || this.index;
  }

  /** Whether the article is the viewer's own (not a shared one). */
  owns(viewer: Viewer, articleId: string): boolean {
    return viewer !== null && Boolean(this.owned.get(viewer)?.has(articleId));
  }

  /** How many shared articles there are (the articles folder and operator feeds). */
  get sharedCount(): number {
    return this.shared.size;
  }

  /** Articles and sentences across the shared library and every server's own, for the operator's metrics. */
  size(): { articles: number; sentences: number } {
    let { articleCount: articles, sentenceCount: sentences } = this.index;
    for (const mine of this.owned.values()) {
      for (const article of mine.values()) {
        articles++;
        sentences += article.sentences.length;
      }
    }
    return { articles, sentences };
  }

  /** Every owner's own articles, for matching at start. */
  ownedArticles(): { owner: string; article: Article }[] {
    return [...this.owned].flatMap(([owner, articles]) => [...articles.values()].map((article) => ({ owner, article })));
  }

  get(articleId: string, viewer: Viewer = null): Article | undefined {
    return (viewer !== null && this.owned.get(viewer)?.get(articleId)) || this.shared.get(articleId);
  }

  /** The weight of a word in the shared articles (its IDF; a word they lack weighs as one seen once), for topics. */
  termWeight(term: string): number {
    return this.index.idf(term) || this.index.unseenIdf();
  }

  /** Newest first; undated articles after dated ones, then by title. */
  list(viewer: Viewer = null): Article[] {
    const mine = viewer === null ? undefined : this.owned.get(viewer);
    const shared = [...this.shared.values()].filter((article) => !mine?.has(article.id));
    return [...shared, ...(mine?.values() ?? [])].sort(
      (a, b) => (b.date ?? '').localeCompare(a.date ?? '') || a.title.localeCompare(b.title),
    );
  }

  /**
   * The article a user means by an id or part of a title: the exact id, else
   * the only article that matches, or the only one whose whole title it is
   * (a title held in longer titles); `matches` tells none from several.
   */
  resolve(ref: string, viewer: Viewer = null): { article?: Article; matches: number } {
    const exact = this.get(ref.trim(), viewer);
    if (exact) return { article: exact, matches: 1 };
    const found = this.find(ref, Number.POSITIVE_INFINITY, viewer);
    const titled = found.filter((a) => a.title.toLowerCase() === ref.trim().toLowerCase());
    if (found.length > 1 && titled.length === 1) return { article: titled[0], matches: 1 };
    return { article: found.length === 1 ? found[0] : undefined, matches: found.length };
  }

  /** Articles whose id or title contains the text (case-insensitive), ids first: for autocomplete and `/article`. */
  find(text: string, limit = 25, viewer: Viewer = null): Article[] {
    const needle = text.trim().toLowerCase();
    const all = this.list(viewer);
    if (!needle) return all.slice(0, limit);
    const byId = all.filter((a) => a.id.startsWith(needle));
    const byTitle = all.filter((a) => !a.id.startsWith(needle) && (a.id.includes(needle) || a.title.toLowerCase().includes(needle)));
    return [...byId, ...byTitle].slice(0, limit);
  }
}
