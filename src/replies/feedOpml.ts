import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { CommandContext, OptionValue } from '../commands';
import type { Reply } from '../reply';
import { notice } from '../reply';
import { counted } from './format';
import { FeedError } from '../feeds/feedError';
import { OpmlError, parseOpml, toOpml, type OpmlFeed } from '../feeds/opml';
import { viewerOf } from '../library/library';

// Feeds fetched at once: an import of a hundred feeds takes minutes rather than tens of minutes, without hammering one host.
const PARALLEL = 4;
// Refusals listed one by one (about 450 characters each, so they fit one embed); past this they are counted by reason.
const LISTED = 6;
const URL_SHOWN = 150;
const REASON_SHOWN = 300;

const MB = (bytes: number) => (bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${Math.round(bytes / 1e3)} KB`);
const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** The OPML text of the uploaded file (on Discord) or of a local file's path (in the console, which is the operator's machine). */
async function readUpload(ctx: CommandContext, file: OptionValue | undefined): Promise<{ name: string; text: string } | Reply> {
  const { config, feeds } = ctx.services;
  const tooBig = (size: number) => notice('warning', `That file is ${MB(size)}, over the ${MB(config.opmlMaxBytes)} limit for an OPML file (OPML_MAX_BYTES).`);
  if (typeof file === 'string' && ctx.console) {
    let size: number;
    try {
      size = (await stat(file)).size;
    } catch {
      return notice('warning', `There is no file at ${cut(file, URL_SHOWN)}. Give the path of an OPML file.`);
    }
    if (size > config.opmlMaxBytes) return tooBig(size);
    return { name: basename(file), text: await readFile(file, 'utf8') };
  }
  if (typeof file !== 'object' || file === null) return notice('warning', 'Attach an OPML file (the list of feeds a feed reader exports) as file:.');
  if (file.size > config.opmlMaxBytes) return tooBig(file.size);
  try {
    const fetched = await feeds.fetchText(file.url, config.opmlMaxBytes);
    return { name: file.name, text: fetched.text };
  } catch (error) {
    if (error instanceof FeedError) return notice('warning', error.code === 'too_big' ? `That file is over the ${MB(config.opmlMaxBytes)} limit for an OPML file (OPML_MAX_BYTES).` : `I could not read that file: ${error.message}`);
    throw error;
  }
}

type Outcome = { feed: OpmlFeed; kind: 'added' | 'already' | 'refused'; reason?: string; code?: string };

/**
 * /feed import: every feed an OPML file lists is followed for this server,
 * each checked exactly as /feed add checks one (address guard, fetch, parse);
 * at most OPML_MAX_FEEDS of them, and none started after OPML_MAX_SECONDS.
 */
export async function importFeeds(ctx: CommandContext, file: OptionValue | undefined): Promise<Reply> {
  const { config, feeds, log } = ctx.services;
  const owner = viewerOf(ctx);
  if (owner === null) return notice('warning', 'Feeds belong to a server: use /feed import in a server.');
  const upload = await readUpload(ctx, file);
  if ('tone' in upload) return upload;
  let listed: OpmlFeed[];
  try {
    listed = parseOpml(upload.text);
  } catch (error) {
    if (error instanceof OpmlError) return notice('warning', `That is not an OPML file I can read: ${error.message}. Export the subscriptions from your feed reader as OPML and attach that file.`);
    throw error;
  }
  if (listed.length === 0) return notice('warning', 'That OPML file lists no feeds (no outline in it has an xmlUrl).');

  const tried = listed.slice(0, config.opmlMaxFeeds);
  const deadline = performance.now() + config.opmlMaxSeconds * 1000;
  const addedBy = { userId: ctx.user.id, guildId: ctx.guildId, channelId: ctx.channelId };
  const outcomes: Outcome[] = [];
  let next = 0;
  let timedOut = false;
  // A shutdown cancels fetches: the feeds left are not tried rather than each refused.
  let stopping = false;
  const worker = async () => {
    while (next < tried.length && !stopping) {
      if (performance.now() >= deadline) {
        timedOut = true;
        return;
      }
      const feed = tried[next++]!;
      try {
        await feeds.add(feed.url, addedBy, owner);
        outcomes.push({ feed, kind: 'added' });
      } catch (error) {
        if (error instanceof FeedError && error.code === 'stopped') stopping = true;
        if (error instanceof FeedError) outcomes.push({ feed, kind: error.code === 'already_followed' ? 'already' : 'refused', reason: error.message, code: error.code });
        else {
          log.error('feed_import_failed', { owner, error: (error as Error).message });
          outcomes.push({ feed, kind: 'refused', reason: 'an unexpected error (the log has it)', code: 'error' });
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, tried.length) }, worker));

  const of = (kind: Outcome['kind']) => outcomes.filter((o) => o.kind === kind);
  const [added, already, refused] = [of('added'), of('already'), of('refused')];
  const notTried = tried.length - outcomes.length;
  log.info('feeds_imported', { owner, by: ctx.user.id, listed: listed.length, added: added.length, already: already.length, refused: refused.length, notTried: notTried + listed.length - tried.length });
  const text = [`${counted(added.length, 'feed')} added, ${already.length} already followed, ${refused.length} refused.`];
  if (listed.length > tried.length) text.push(`The file lists ${counted(listed.length, 'feed')}; only the first ${tried.length} were tried (the limit is ${config.opmlMaxFeeds} per import, OPML_MAX_FEEDS). Import the rest from a second file.`);
  if (timedOut && notTried > 0) text.push(`The import stopped after ${counted(config.opmlMaxSeconds, 'second')} (OPML_MAX_SECONDS): ${counted(notTried, 'feed')} ${notTried === 1 ? 'was' : 'were'} not tried. Import the file again to try them; the ones added are kept.`);
  if (stopping && notTried > 0) text.push(`The bot is shutting down: ${counted(notTried, 'feed')} ${notTried === 1 ? 'was' : 'were'} not tried. Import the file again once it is back.`);
  if (added.length) text.push('What each new feed held was recorded and will not alert; new items become this server’s articles.');
  const items = refused.slice(0, LISTED).map((o) => `${cut(o.feed.url, URL_SHOWN)}: ${cut(o.reason ?? '', REASON_SHOWN)}`);
  if (refused.length > LISTED) {
    const byCode = new Map<string, number>();
    for (const o of refused.slice(LISTED)) byCode.set(o.code ?? 'error', (byCode.get(o.code ?? 'error') ?? 0) + 1);
    items.push(`…and ${refused.length - LISTED} more refused (${[...byCode].map(([code, n]) => `${n} ${code.replace(/_/g, ' ')}`).join(', ')}).`);
  }
  return {
    tone: refused.length || notTried || listed.length > tried.length ? 'warning' : 'info',
    title: `Feeds from ${cut(upload.name, 100)}`,
    text,
    items: items.length ? items : undefined,
    fields: added.length ? [{ name: 'Added', value: cut(added.map((o) => o.feed.title ?? o.feed.url).join(', '), 1000) }] : undefined,
    footer: '/feed list shows the server’s feeds; /feed export gives them as OPML',
  };
}

/** /feed export: this server's feeds as an OPML file. */
export function exportFeeds(ctx: CommandContext): Reply {
  const owner = viewerOf(ctx);
  if (owner === null) return notice('warning', 'Feeds belong to a server: use /feed export in a server.');
  const list = ctx.services.feeds.list(owner);
  if (list.length === 0) return notice('info', 'This server follows no feeds, so there is nothing to export. /feed add url: follows one.', true);
  const opml = toOpml(list.map((f) => ({ url: f.url, title: f.title })), 'Policy Desk feeds', ctx.services.now());
  return {
    tone: 'info',
    title: `${counted(list.length, 'feed')} as OPML`,
    text: ['The attached file lists this server’s feeds; a feed reader imports it, and so does /feed import in another server.'],
    files: [{ name: 'policy-desk-feeds.opml', data: opml }],
  };
}
