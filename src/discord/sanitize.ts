const LONG_WORD = 60;
const ELLIPSIS = '…';

// Control characters and NUL have no business in a message; runs of combining marks past four are noise that can hide a mention.
const clean = (text: string) => text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').replace(/(\p{M}{4})\p{M}+/gu, '$1');

/**
 * Escapes every character Discord reads as markup, so none is left to pair
 * up: discord.js's escapeMarkdown escapes by pattern (pairs of "**", one
 * "[…](…)" per line), leaves odd leftovers such as a run of 80 "*", and its
 * patterns take quadratic time on one long line. A backslash before any
 * punctuation shows that character, so escaping too much is harmless.
 */
function escapeMarkup(text: string): string {
  return (
    text
      // An escaped "[" or "]" cannot open or close a masked link, so parentheses can stay as they are.
      .replace(/[\\*_~|`[\]]/g, '\\$&')
      // Headings, quotes, subtext and list markers count only at the start of a line.
      .replace(/^([ \t]*)([#>+-]|\d+\.)/gm, (_all, space: string, mark: string) => `${space}${mark.replace(/[#>+.-]/, '\\$&')}`)
  );
}

/** Cuts text to at most `max` characters at a word, marked with the ellipsis; never splits a surrogate pair. */
function cutAtWord(text: string, max: number, ellipsis = ELLIPSIS): string {
  let cut = text.slice(0, Math.max(0, max - ellipsis.length));
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  const space = cut.lastIndexOf(' ');
  if (space > max * 0.6) cut = cut.slice(0, space);
  return `${cut}${ellipsis}`;
}

/** Makes raw text (already cut) display as text: no markup, no mention, no clickable address, no word too long to wrap. */
function neutralise(raw: string): string {
  // Long words are broken before escaping, so a zero-width space never lands between a backslash and what it escapes.
  const wrapped = raw.replace(new RegExp(`\\S{${LONG_WORD}}(?=\\S)`, 'gu'), (chunk) => `${chunk}\u200b`);
  return (
    escapeMarkup(wrapped)
      .replace(/@(everyone|here)/gi, '@\u200b$1')
      .replace(/<(@[!&]?|#|\/|:|a:|t:)/g, '<\u200b$1')
      // Discord makes any scheme://… a link: a zero-width space after the colon keeps it text, looking the same.
      .replace(/([a-z][a-z0-9+.-]*):(?=\/\/)/gi, '$1:\u200b')
  );
}

export interface Fitted {
  text: string;
  /** Whether the text had to be cut to fit. */
  cut: boolean;
}

/**
 * Text from articles or users, made safe to show and cut to `max`
 * characters as shown (escapes included). The raw text is cut first and
 * escaped after, so the work is bounded by the room Discord gives, not by
 * the size of the article, and no escape is ever split. `format` wraps the
 * escaped text (a quote's "> " lines) and counts against `max` too.
 */
export function fitText(text: string, max: number, format: (safe: string) => string = (safe) => safe): Fitted {
  if (!(max > 0)) return { text: '', cut: text.length > 0 };
  // Escaping only adds characters, so more than `max` raw characters can never be shown.
  const sliced = text.length > max + 1;
  const head = clean(sliced ? text.slice(0, max + 1) : text);
  let room = Math.min(head.length, max);
  for (;;) {
    const cut = room < head.length || sliced;
    const raw = cut ? cutAtWord(head, room) : head;
    const shown = format(neutralise(raw));
    if (shown.length <= max) return { text: shown, cut };
    // Take off at least what overflowed, from what was actually used; this ends in two or three rounds.
    room = Math.min(room, raw.length) - (shown.length - max);
    if (room <= ELLIPSIS.length) return { text: '', cut: true };
  }
}

/** fitText's text alone. */
export function sanitize(text: string, max: number): string {
  return fitText(text, max).text;
}

/**
 * Bot-made text that Discord shows without markdown (footers, button
 * labels): cut, with "](" broken so no masked link can form even where
 * markdown is rendered after all.
 */
export function plain(text: string, max: number): string {
  return truncate(clean(text.slice(0, max + 1)).replace(/\](?=\()/g, ']\u200b'), max);
}

/** Cuts text to a length at a word boundary, marking the cut; never splits a surrogate pair. */
export function truncate(text: string, max: number, ellipsis = ELLIPSIS): string {
  return text.length <= max ? text : cutAtWord(text, max, ellipsis);
}

/**
 * A link the bot may make clickable: an absolute http(s) URL without
 * credentials, with every character that could end a masked link's target
 * or start markup percent-encoded (the link still leads to the same page).
 */
export function linkTarget(url: string | null | undefined): string | undefined {
  if (!url || url.length > 2000) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if ((parsed.protocol !== 'http:' && parsed.protocol !== 'https:') || parsed.username || parsed.password) return undefined;
  const href = parsed.href.replace(/[()[\]<>\\'"*_~|`\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  return href.length <= 2000 ? href : undefined;
}

/** The text of a masked link: escaped, with no bracket left that could end it early. */
export function linkText(text: string, max: number): string {
  return sanitize(text.replace(/\[/g, '(').replace(/\]/g, ')'), max);
}
