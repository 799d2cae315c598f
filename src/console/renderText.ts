import type { Item, Reply } from '../reply';
import { quotesByArticle } from '../reply';

function wrap(text: string, width: number, indent: string): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.replace(/\s+/g, ' ').trim().split(' ')) {
    if (line && line.length + word.length + 1 > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.map((l) => indent + l).join('\n');
}

// A screenful per piece: an article can hold a one-megabyte sentence, and wrapping all of it would only scroll it away.
const MAX_PIECE = 4000;

// Control characters from articles or users would move the cursor or ring the terminal.
const printable = (text: string) =>
  (text.length > MAX_PIECE ? `${text.slice(0, MAX_PIECE)}…` : text).replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '');

/** "2024-03-05 14:05 UTC": one zone for everyone at the terminal. */
function readableTime(iso: string): string {
  const time = new Date(iso);
  return Number.isNaN(time.getTime()) ? iso : `${time.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

function itemText(item: Item): string {
  if (typeof item === 'string') return item;
  if ('channel' in item) return `#${item.channel} ${item.text}`;
  if ('link' in item) return `${item.label ? `${item.label} ` : ''}${item.link} ${item.text}`;
  if ('at' in item)
    return `${item.subject ? `${item.subject} · ` : ''}${item.label ? `${item.label} ` : ''}${readableTime(item.at)} · ${item.text}`;
  return `/${item.command} ${item.text}`;
}

/** A reply as readable terminal text: quotes as quotes, citations under them. */
export function renderText(reply: Reply, width = 88): string {
  const out: string[] = [];
  const mark = reply.tone === 'error' ? '✗ ' : reply.tone === 'warning' ? '! ' : '';
  if (reply.title) out.push(`${mark}${printable(reply.title)}${reply.url ? ` <${reply.url}>` : ''}`);
  for (const paragraph of reply.text ?? []) out.push(wrap(printable(`${reply.title ? '' : mark}${paragraph}`), width, ''));
  let n = (reply.firstQuote ?? 1) - 1;
  for (const group of quotesByArticle(reply.quotes ?? [])) {
    for (const quote of group) {
      n++;
      // The context opens its own quote's number, so it cannot be read as the end of the quote before.
      if (quote.context) {
        out.push(wrap(printable(`${n}. (context) ${quote.context}`), width, '  '));
        out.push(wrap(printable(`“${quote.text}”`), width, '     '));
      } else out.push(wrap(printable(`${n}. “${quote.text}”`), width, '  '));
    }
    const { citation, url } = group[0]!;
    out.push(wrap(printable(`— ${citation}${url ? ` <${url}>` : ''}`), width, '     '));
  }
  for (const item of reply.items ?? []) out.push(wrap(printable(`• ${itemText(item)}`), width, '  '));
  for (const field of reply.fields ?? []) out.push(`${printable(field.name)}: ${printable(field.value).replace(/\n/g, '\n  ')}`);
  if (reply.footer) out.push(printable(reply.footer));
  if (reply.buttons?.length) out.push(reply.buttons.map((b, i) => `[/press ${i + 1}: ${b.label}]`).join('  '));
  return out.join('\n');
}
