import { escapeMarkdown } from 'discord.js';

const LONG_WORD = 60;

/**
 * Makes text from articles or users display as text: no mention can form
 * (allowed_mentions already stops the ping; this stops the rendering), no
 * markdown can break the layout, and no word is too long to wrap.
 */
export function sanitize(text: string): string {
  let safe = text
    // Control characters and NUL have no business in a message.
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
    // Zero-width joiners and the like can hide a mention from a naive check; strip runs of combining marks too.
    .replace(/(\p{M}{4})\p{M}+/gu, '$1');
  safe = escapeMarkdown(safe, { codeBlock: true, inlineCode: true, bold: true, italic: true, underline: true, strikethrough: true, spoiler: true, codeBlockContent: true, inlineCodeContent: true, escape: true, heading: true, bulletedList: true, numberedList: true, maskedLink: true });
  safe = safe
    .replace(/@(everyone|here)/gi, '@\u200b$1')
    .replace(/<(@[!&]?|#|\/|:|a:|t:)/g, '<\u200b$1');
  // Break words longer than LONG_WORD characters so they wrap instead of stretching the embed.
  return safe.replace(new RegExp(`\\S{${LONG_WORD}}(?=\\S)`, 'gu'), (chunk) => `${chunk}\u200b`);
}

/** Cuts text to a length at a word boundary, marking the cut; never splits a surrogate pair. */
export function truncate(text: string, max: number, ellipsis = '…'): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, Math.max(0, max - ellipsis.length));
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  const space = cut.lastIndexOf(' ');
  if (space > max * 0.6) cut = cut.slice(0, space);
  // A cut in the middle of an escape ("\*") would leave a dangling backslash.
  cut = cut.replace(/\\+$/, '');
  return `${cut}${ellipsis}`;
}
