import { citation, counted, page, pageFooter } from './format';
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
  const { matches, exact, articles } = result;
  // Stemming also finds other forms ("Browne", "browns" for "Brown"): the title says how many hold the words as given.
  const exactly =
    exact === matches.length
      ? ''
      : ` (${exact === 0 ? 'none' : exact} with ${/\s/.test(term.trim()) ? 'the exact phrase' : 'the exact word'}, the rest another form of it)`;
  return {
    tone: 'info',
    ...(note ? { text: [note] } : {}),
    title: `“${term}”: ${counted(matches.length, 'sentence')} in ${counted(articles.length, 'article')}${exactly}`,
    quotes: shown.items.map((m) => ({ text: m.text, citation: citation(m), url: m.url })),
    // A later page goes on with the numbers of the one before, so "sentence 7" means one sentence whatever the page.
    firstQuote: (shown.page - 1) * PER_PAGE + 1,
    fields: [
      {
        name: 'Articles',
        value: articles
          .slice(0, 10)
          .map((a) => `${a.title} (${a.articleId}): ${a.count}${a.exact === a.count ? '' : ` (${a.exact} exact)`}`)
          .join('\n'),
      },
    ],
    footer: pageFooter(shown),
    // A term too long to ride in an id (with its range) gets no paging buttons rather than broken ones.
    buttons: pageButtons(shown, pageId, 'Previous', 'Next').filter((b) => b.id.length <= MAX_BUTTON_ID),
    replace: true,
  };
}
