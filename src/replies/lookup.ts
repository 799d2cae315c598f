import type { Library, Viewer } from '../library/library';
import { citation, page } from './format';
import type { Reply } from '../reply';
import { notice } from '../reply';
import { lookup } from '../answer/lookup';

const PER_PAGE = 5;

/** /lookup: matching sentences, paged, with the articles that hold them. */
export function lookupReply(library: Library, viewer: Viewer, term: string, pageNumber: number): Reply {
  const wanted = term.trim();
  if (!wanted) return notice('warning', 'Please give a word or phrase to look up.');
  const result = lookup(library.indexFor(viewer), wanted);
  if (result.matches.length === 0) {
    return notice('info', `No sentence mentions “${wanted}”. Try a shorter phrase or another spelling.`, true);
  }
  const shown = page(result.matches, pageNumber, PER_PAGE);
  const buttons = [];
  // The term rides in the button id so paging works after a restart; /lookup caps it at 80 characters.
  if (shown.page > 1) buttons.push({ id: `lookup:page:${shown.page - 1}:${wanted}`, label: 'Previous' });
  if (shown.page < shown.pages) buttons.push({ id: `lookup:page:${shown.page + 1}:${wanted}`, label: 'Next' });
  return {
    tone: 'info',
    title: `“${wanted}”: ${result.matches.length} sentence${result.matches.length === 1 ? '' : 's'} in ${result.articles.length} article${result.articles.length === 1 ? '' : 's'}`,
    quotes: shown.items.map((m) => ({ text: m.text, citation: citation(m), url: m.url })),
    fields: [{ name: 'Articles', value: result.articles.slice(0, 10).map((a) => `${a.title} (${a.articleId}): ${a.count}`).join('\n') }],
    footer: `Page ${shown.page} of ${shown.pages}`,
    buttons,
    replace: true,
  };
}
