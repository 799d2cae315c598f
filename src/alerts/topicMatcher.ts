import type { Article } from '../library/article';
import { terms as analyze } from '../search/analyzer';
import { SentenceIndex } from '../search/sentenceIndex';
import type { Hit } from '../search/sentenceIndex';

interface Topic {
  id: string;
  terms: string[];
  minScore: number;
  /** The terms it is filed under: an article can only match if it holds one of them. */
  keys: string[];
}

export interface TopicMatch {
  topicId: string;
  /** Best sentence's share of the topic's weight (0..1). */
  score: number;
  hits: Hit[];
}

/**
 * Matching the other way round from search (a percolator): stored topics are
 * indexed by their terms, and a new article is checked only against topics
 * that share a term with it, so its cost grows with the topics it could match,
 * not with every topic times every article.
 */
export class TopicMatcher {
  private readonly topics = new Map<string, Topic>();
  private readonly byTerm = new Map<string, Set<string>>();

  get size(): number {
    return this.topics.size;
  }

  /**
   * Files a topic under its rarer terms only. A match needs minScore of the
   * topic's weight in one sentence, so the commonest terms whose weights add
   * up to less than that can never make a match alone: leaving them out of the
   * topic index keeps a common word ("said", "government") from making every
   * article a candidate for every topic that contains it.
   */
  add(id: string, topic: string, minScore: number, weight: (term: string) => number = () => 1): void {
    this.remove(id);
    const terms = [...new Set(analyze(topic))];
    const byWeight = terms.map((term) => ({ term, weight: weight(term) })).sort((a, b) => a.weight - b.weight);
    const total = byWeight.reduce((sum, t) => sum + t.weight, 0);
    let leftOut = 0;
    const keys: string[] = [];
    for (const { term, weight: w } of byWeight) {
      if (leftOut + w < minScore * total) leftOut += w;
      else keys.push(term);
    }
    this.topics.set(id, { id, terms, minScore, keys });
    for (const term of keys) {
      let ids = this.byTerm.get(term);
      if (!ids) this.byTerm.set(term, (ids = new Set()));
      ids.add(id);
    }
  }

  remove(id: string): void {
    const topic = this.topics.get(id);
    if (!topic) return;
    for (const term of topic.keys) {
      const ids = this.byTerm.get(term);
      ids?.delete(id);
      if (ids?.size === 0) this.byTerm.delete(term);
    }
    this.topics.delete(id);
  }

  /** Topics the article matches, scored on its sentences in the index (the article must be indexed). */
  match(index: SentenceIndex, article: Article): TopicMatch[] {
    const articleTerms = new Set<string>();
    for (const span of article.sentences) for (const term of analyze(article.text.slice(span.start, span.end))) articleTerms.add(term);
    const candidates = new Set<string>();
    for (const term of articleTerms) for (const id of this.byTerm.get(term) ?? []) candidates.add(id);
    const weight = (term: string) => index.idf(term) || index.unseenIdf();
    const matches: TopicMatch[] = [];
    for (const id of candidates) {
      const topic = this.topics.get(id)!;
      // Cheap bound first: the article as a whole must hold enough of the topic's weight.
      const total = topic.terms.reduce((sum, term) => sum + weight(term), 0);
      const present = topic.terms.reduce((sum, term) => sum + (articleTerms.has(term) ? weight(term) : 0), 0);
      if (total === 0 || present / total < topic.minScore) continue;
      const hits = index.search(topic.terms.map((term) => ({ term, count: 1 })), { articleId: article.id, limit: 3 });
      const score = hits[0]?.coverage ?? 0;
      if (score >= topic.minScore) matches.push({ topicId: id, score, hits: hits.filter((hit) => hit.coverage >= topic.minScore / 2) });
    }
    return matches;
  }

  /** The terms a topic is matched on (empty when it has none worth searching). */
  static termsOf(topic: string): string[] {
    return SentenceIndex.queryTerms(topic).map((q) => q.term);
  }
}
