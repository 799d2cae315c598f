import type { Library, Viewer } from '../library/library';
import { citation, page } from './format';
import type { Reply } from '../reply';
import { notice } from '../reply';
import { lookup } from '../answer/lookup';
import { rangeNote, type DateRange } from '../library/dateRange';
import { packDay, rangeFilter } from './dateRange';

// Discord's limit on a button's id.
const MAX_BUTTON_ID = 100;

const PER_PAGE = 5;

/** /lookup: matching sentences, paged, with the articles that hold them. */
export function lookupReply(library: Library, viewer: Viewer, term: string, pageNumber: number, range?: DateRange): Reply {
  const wanted = term.trim();
  if (!wanted) return notice('warning', 'Please give a word or phrase to look up.');
  const result = lookup(library.indexFor(viewer), wanted, rangeFilter(range));
  const note = range ? rangeNote(range, library.list(viewer)) : undefined;
  if (result.matches.length === 0) {
    const message = `No sentence mentions “${wanted}”. Try a shorter phrase or another spelling.`;
    return notice('info', note ? `No sentence in articles dated ${note.replace(/^Only articles dated /, '')} mentions “${wanted}”. Try a wider range, a shorter phrase or another spelling.` : message, true);
  }
  const shown = page(result.matches, pageNumber, PER_PAGE);
  const buttons = [];
  // The term (and the range, as absolute days) ride in the button id so paging works after a restart; /lookup caps the term at 80 characters.
  const pageId = (n: number) => (range ? `lookup:dated:${n}:${packDay(range.since)}:${packDay(range.until)}:${wanted}` : `lookup:page:${n}:${wanted}`);
  if (shown.page > 1) buttons.push({ id: pageId(shown.page - 1), label: 'Previous' });
  if (shown.page < shown.pages) buttons.push({ id: pageId(shown.page + 1), label: 'Next' });
  return {
    tone: 'info',
    ...(note ? { text: [note] } : {}),
    title: `“${wanted}”: ${result.matches.length} sentence${result.matches.length === 1 ? '' : 's'} in ${result.articles.length} article${result.articles.length === 1 ? '' : 's'}`,
    quotes: shown.items.map((m) => ({ text: m.text, citation: citation(m), url: m.url })),
    fields: [{ name: 'Articles', value: result.articles.slice(0, 10).map((a) => `${a.title} (${a.articleId}): ${a.count}`).join('\n') }],
    footer: `Page ${shown.page} of ${shown.pages}`,
    buttons: buttons.filter((b) => b.id.length <= MAX_BUTTON_ID),
    replace: true,
  };
}
