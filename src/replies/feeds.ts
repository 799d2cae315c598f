import type { Reply } from '../reply';
import { notice } from '../reply';
import { counted } from './format';
import type { FeedInfo } from '../feeds';
import type { OpmlFeed } from '../feeds/opml';

// Refusals listed one by one (about 450 characters each, so they fit one embed); past this they are counted by reason.
const LISTED = 6;
const URL_SHOWN = 150;
const REASON_SHOWN = 300;

const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** What adding a feed did, in words that agree with the numbers ("1 item … was", "every minute"). */
export function feedAddedText(
  itemsSeen: number,
  pollMinutes: number,
  { everyServer = false, imported = null }: { everyServer?: boolean; imported?: number | null } = {},
): string {
  const where = everyServer ? 'every server’s library' : 'this server’s library (other servers do not see them)';
  const recorded = `${counted(itemsSeen, 'item')} already in the feed ${itemsSeen === 1 ? 'was' : 'were'} recorded`;
  const first =
    imported === null
      ? `${recorded} and will not alert.`
      : `${recorded}; ${imported} of them became articles in ${where} without alerting.`;
  return `${first} New items become articles in ${where} and are checked against ${everyServer ? 'every' : 'this server’s'} channel topics (see /subscribe). The feed is fetched every ${pollMinutes === 1 ? 'minute' : counted(pollMinutes, 'minute')}.`;
}

const when = (iso: string | null) => (iso ? `${iso.slice(0, 16).replace('T', ' ')} UTC` : 'never');

/** /feed list: the feeds a member may see here, each with its last fetch and any error. */
export function feedListReply(feeds: FeedInfo[]): Reply {
  if (feeds.length === 0) return notice('info', 'This server follows no feeds. /feed add url: follows one.', true);
  return {
    tone: 'info',
    title: `${feeds.length} feed${feeds.length === 1 ? '' : 's'}`,
    // The address is the bot's own, checked when the feed was added: a link, and the text to give /feed remove.
    items: feeds.map((f) => ({
      label: `${f.title ?? 'untitled'}:`,
      link: f.url,
      text: [
        `${f.owner === null ? '(every server) ' : ''}· last success ${when(f.lastOk)}`,
        `next fetch ${when(f.nextFetchAt)}`,
        ...(f.lastError ? [`last error: ${f.lastError}${f.consecutiveErrors > 1 ? ` (${f.consecutiveErrors} in a row)` : ''}`] : []),
      ].join(' · '),
    })),
  };
}

/** How one feed of an OPML import went. */
export type ImportOutcome = { feed: OpmlFeed; kind: 'added' | 'already' | 'refused'; reason?: string; code?: string };

/** What /feed import did: what was added, refused (with reasons) and left untried, and why. */
export interface ImportSummary {
  fileName: string;
  listed: OpmlFeed[];
  tried: OpmlFeed[];
  outcomes: ImportOutcome[];
  timedOut: boolean;
  stopping: boolean;
  limits: { maxFeeds: number; maxSeconds: number };
}

export function feedImportReply({ fileName, listed, tried, outcomes, timedOut, stopping, limits }: ImportSummary): Reply {
  const of = (kind: ImportOutcome['kind']) => outcomes.filter((o) => o.kind === kind);
  const [added, already, refused] = [of('added'), of('already'), of('refused')];
  const notTried = tried.length - outcomes.length;
  const text = [`${counted(added.length, 'feed')} added, ${already.length} already followed, ${refused.length} refused.`];
  if (listed.length > tried.length)
    text.push(
      `The file lists ${counted(listed.length, 'feed')}; only the first ${tried.length} were tried (the limit is ${limits.maxFeeds} per import, OPML_MAX_FEEDS). Import the rest from a second file.`,
    );
  if (timedOut && notTried > 0)
    text.push(
      `The import stopped after ${counted(limits.maxSeconds, 'second')} (OPML_MAX_SECONDS): ${counted(notTried, 'feed')} ${notTried === 1 ? 'was' : 'were'} not tried. Import the file again to try them; the ones added are kept.`,
    );
  if (stopping && notTried > 0)
    text.push(
      `The bot is shutting down: ${counted(notTried, 'feed')} ${notTried === 1 ? 'was' : 'were'} not tried. Import the file again once it is back.`,
    );
  if (added.length) text.push('What each new feed held was recorded and will not alert; new items become this server’s articles.');
  const items = refused.slice(0, LISTED).map((o) => `${cut(o.feed.url, URL_SHOWN)}: ${cut(o.reason ?? '', REASON_SHOWN)}`);
  if (refused.length > LISTED) {
    const byCode = new Map<string, number>();
    for (const o of refused.slice(LISTED)) byCode.set(o.code ?? 'error', (byCode.get(o.code ?? 'error') ?? 0) + 1);
    items.push(
      `…and ${refused.length - LISTED} more refused (${[...byCode].map(([code, n]) => `${n} ${code.replace(/_/g, ' ')}`).join(', ')}).`,
    );
  }
  return {
    tone: refused.length || notTried || listed.length > tried.length ? 'warning' : 'info',
    title: `Feeds from ${cut(fileName, 100)}`,
    text,
    items: items.length ? items : undefined,
    fields: added.length ? [{ name: 'Added', value: cut(added.map((o) => o.feed.title ?? o.feed.url).join(', '), 1000) }] : undefined,
    footer: '/feed list shows the server’s feeds; /feed export gives them as OPML',
  };
}

/** /feed export: the OPML file of this server's feeds. */
export function feedExportReply(count: number, opml: string): Reply {
  return {
    tone: 'info',
    title: `${counted(count, 'feed')} as OPML`,
    text: ['The attached file lists this server’s feeds; a feed reader imports it, and so does /feed import in another server.'],
    files: [{ name: 'policy-desk-feeds.opml', data: opml }],
  };
}
