/**
 * What a command returns: a platform-neutral view. The Discord adapter turns it
 * into embeds and buttons within Discord's limits; the console into text.
 */
export interface QuoteView {
  text: string;
  /** "Title — 2021-12-11 — Source" */
  citation: string;
  url?: string | null;
  /** The sentence before, shown when the quote leans on it. */
  context?: string;
}

/** Discord's limit on a button's id. */
export const MAX_BUTTON_ID = 100;

export interface ButtonView {
  /** Routed back to the command that made it: "<command>:<action>:<args>", at most 100 characters. */
  id: string;
  label: string;
}

export type Tone = 'answer' | 'info' | 'warning' | 'error';

/** A line that starts with a time: Discord shows it in each reader's own time zone, the console in UTC. */
export interface TimedItem {
  /** What the line is about, before the time, when lines with and without a time must read alike (a topic). */
  subject?: string;
  /** ISO 8601. */
  at: string;
  /** Words before the time ("last alert"). */
  label?: string;
  text: string;
}

/** A line that starts with a command, which Discord makes clickable. */
export interface CommandItem {
  /** "lookup", or "history show" for a subcommand. */
  command: string;
  /** The registered command's id, when known. */
  id?: string;
  text: string;
}

/** A line that starts with a channel, which Discord shows as a link to it (a channel mention pings nobody). */
export interface ChannelItem {
  /** The channel's id. */
  channel: string;
  text: string;
}

/**
 * A line about an address the bot checked itself (a feed a server follows):
 * Discord makes it a link, unlike addresses in article or user text.
 */
export interface LinkItem {
  /** Words before the address ("Strait Watch:"). */
  label?: string;
  link: string;
  text: string;
}

export type Item = string | TimedItem | CommandItem | ChannelItem | LinkItem;

/** A file sent with the reply (a CSV report): Discord attaches it, the console writes it to disk. */
/** A file sent with a reply (a report's CSV, an OPML export): Discord attaches it, the console writes it to its data folder. */
export interface FileView {
  name: string;
  /** Left to the name's extension when absent. */
  contentType?: string;
  data: string | Buffer;
}

export interface Reply {
  tone: Tone;
  /** How the command went, for the log and metrics, where the tone alone does not say (an uncertain answer looks like a warning). */
  outcome?: 'uncertain';
  title?: string;
  url?: string | null;
  /** Paragraphs of plain text (user and article text is escaped by the adapter). */
  text?: string[];
  quotes?: QuoteView[];
  /** The number of the first quote where the quotes go on from an earlier page (6 on /lookup's second page); 1 when absent. */
  firstQuote?: number;
  /** Bulleted lines. */
  items?: Item[];
  /** `link`: the value is an address the bot checked itself, which Discord makes a link (see LinkItem). */
  fields?: { name: string; value: string; link?: boolean }[];
  footer?: string;
  buttons?: ButtonView[];
  files?: FileView[];
  /** Only the person who asked sees it (errors, refusals, confirmations). */
  ephemeral?: boolean;
  /** For a button: replace the message the button is on (paging) instead of answering below it. */
  replace?: boolean;
}

export function notice(tone: Exclude<Tone, 'answer'>, message: string, ephemeral = tone !== 'info'): Reply {
  return { tone, text: [message], ephemeral };
}

/**
 * Quotes gathered by the article they come from, so each citation is shown
 * once under its quotes; groups keep the order of their best quote, so the
 * best quote still comes first.
 */
export function quotesByArticle(quotes: QuoteView[]): QuoteView[][] {
  const groups = new Map<string, QuoteView[]>();
  for (const quote of quotes) {
    const key = `${quote.citation}\u0000${quote.url ?? ''}`;
    const group = groups.get(key);
    if (group) group.push(quote);
    else groups.set(key, [quote]);
  }
  return [...groups.values()];
}
