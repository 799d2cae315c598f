import { citation, page } from './format';
import type { Reply } from '../reply';
import { MAX_BUTTON_ID, notice } from '../reply';
import type { LookupResult } from '../answer/lookup';
import { pageButtons } from './articles';

const PER_PAGE = 5;

/**
 * /lookup: matching sentences, paged, with the articles that hold them.
 * `note` says how a date range cut the library; `pageId` gives a page's button id.
 */
export function lookupReply(
  term: string,
  result: LookupResult,
  pageNumber: number,
  pageId: (page: number) => string,
  note?: string,
): Reply {
  if (result.matches.length === 0) {
    const message = `No sentence mentions “${term}”. Try a shorter phrase or another spelling.`;
    return notice(
      'info',
      note
        ? `No sentence in articles dated ${note.replace(/^Only articles dated /, '')} mentions “${term}”. Try a wider range, a shorter phrase or another spelling.`
        : message,
      true,
    );
  }
  const shown = page(result.matches, pageNumber, PER_PAGE);
  return {
    tone: 'info',
    ...(note ? { text: [note] } : {}),
    title: `“${term}”: ${result.matches.length} sentence${result.matches.length === 1 ? '' : 's'} in ${result.articles.length} article${result.articles.length === 1 ? '' : 's'}`,
    quotes: shown.items.map((m) => ({ text: m.text, citation: citation(m), url: m.url })),
    fields: [
      {
        name: 'Articles',
        value: result.articles
          .slice(0, 10)
          .map((a) => `${a.title} (${a.articleId}): ${a.count}`)
          .join('\n'),
      },
    ],
    footer: `Page ${shown.page} of ${shown.pages}`,
    // A term too long to ride in an id (with its range) gets no paging buttons rather than broken ones.
    buttons: pageButtons(shown, pageId, 'Previous', 'Next').filter((b) => b.id.length <= MAX_BUTTON_ID),
    replace: true,
  };
}
