import { knownAbbreviations } from 'natural/lib/natural/util/abbreviations_en.js';

/** A sentence is a half-open range of its article's text: text.slice(start, end). */
export interface Span {
  start: number;
  end: number;
  /** Which paragraph of the article holds it (0, 1, …; a blank line starts the next): the index reads neighbours within one. */
  paragraph: number;
}

/** A span while splitting, before its paragraph is attached. */
type Range = Pick<Span, 'start' | 'end'>;

const abbreviations = new Set(knownAbbreviations.map((a) => a.toLowerCase().replace(/\.$/, '')));
for (const extra of [
  'u.s',
  'u.k',
  'u.n',
  'e.u',
  'st',
  'gov',
  'gen',
  'sen',
  'rep',
  'no',
  'vol',
  'jan',
  'feb',
  'aug',
  'sept',
  'oct',
  'nov',
  'dec',
  // Titles natural's list lacks, which the short-sentence rule would otherwise end a sentence at ("Prof. Anne Smith").
  'capt',
  'prof',
  'pres',
  'univ',
  'supt',
  'insp',
  'brig',
  'sgt',
]) {
  abbreviations.add(extra);
}

// Terminal punctuation, then closing quotes or brackets, then whitespace.
const BOUNDARY = /[.!?]+["'”’)\]]*(?=\s)/g;
// A fragment needs this many letters-words to stand as a sentence on its own;
// anything shorter (". .", ", according to an official.") joins a neighbour, unless it reads as a whole sentence.
const MIN_WORDS = 4;

const WORD = /\p{L}[\p{L}\p{N}'’-]*/gu;

// A short piece that is still a whole sentence ("The minister resigned.", "Prices rose!"): a capital first,
// a lower-case word in it (not a heading or a name alone), its own end punctuation.
const WHOLE_SENTENCE = /^["'“‘(]?\p{Lu}[^\n]*\s\p{Ll}[\p{L}'’-]*[^\n]*[.!?]["'”’)]*$/u;

// "Mt.", "Col.": a short capitalised word with a period, more likely a title the abbreviations lack than a sentence's end.
const AFTER_SHORT_TITLE = /(?:^|[^\p{L}])\p{Lu}\p{Ll}{0,2}\.$/u;

/** Whether a piece too short to be a fragment's host still reads as a sentence of its own. */
const standsAlone = (piece: string) => piece.length < 200 && hasWords(piece, 2) && WHOLE_SENTENCE.test(piece);

/** Whether the text has at least `wanted` words; stops counting there, since only short pieces matter. */
function hasWords(text: string, wanted: number): boolean {
  WORD.lastIndex = 0;
  for (let count = 0; WORD.exec(text); ) if (++count >= wanted) return true;
  return false;
}

const isLetter = (code: number) =>
  (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code > 127 && /\p{L}/u.test(String.fromCharCode(code)));

function endsWithAbbreviation(text: string, dotIndex: number): boolean {
  // The word before the dot, dots included ("U.S"), read backwards without copying the text.
  let start = dotIndex;
  while (start > 0 && dotIndex - start < 12) {
    const code = text.charCodeAt(start - 1);
    if (code !== 46 && !isLetter(code)) break;
    start--;
  }
  if (start === dotIndex) return false;
  const word = text.slice(start, dotIndex).toLowerCase();
  // Single initials ("J. Smith") and dotted acronyms ("U.S.") do not end sentences
  // unless a capitalised word follows a clear stop, which we cannot tell: keep them joined.
  return abbreviations.has(word) || (word.length === 1 && word !== '.') || (word.includes('.') && /^(\p{L}\.)+\p{L}$/u.test(word));
}

/** Splits one paragraph (no blank lines inside) into raw sentence spans. */
function splitParagraph(text: string, from: number, to: number, out: Range[]): void {
  let start = from;
  BOUNDARY.lastIndex = from;
  for (let match = BOUNDARY.exec(text); match && match.index < to; match = BOUNDARY.exec(text)) {
    const end = match.index + match[0].length;
    if (end > to) break;
    // A sentence starts with a capital, a digit or an opening quote; "region. peace"
    // is a stray period inside a sentence, not a boundary.
    const next = /\S/.exec(text.slice(end, Math.min(to, end + 8)));
    const nextChar = next?.[0] ?? '';
    if (nextChar && !/[\p{Lu}\p{N}"'“‘([]/u.test(nextChar)) continue;
    if (match[0].startsWith('.') && match[0].length === 1 && endsWithAbbreviation(text, match.index)) continue;
    out.push({ start, end });
    start = end;
  }
  if (start < to) out.push({ start, end: to });
}

function trim(text: string, span: Range): Range | null {
  let { start, end } = span;
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  // Stray trailing punctuation ("Trump. .") is debris, not part of the quote.
  // Only the tail is searched: a regex anchored at the end still tries every start, which is quadratic on a huge span.
  const tail = text.slice(Math.max(start, end - 64), end);
  const debris = /(?<=[.!?"”’)])(\s+[.,;:])+$/.exec(tail);
  if (debris && debris[0].length < tail.length) end -= debris[0].length;
  return start < end ? { start, end } : null;
}

/**
 * Sentence spans with exact offsets. Paragraph breaks always end a sentence, so
 * documents without punctuation still split; fragments too short to be read on
 * their own are merged into the sentence before them (or after, at a paragraph
 * start), and spans without any letter are dropped.
 */
export function splitSentences(text: string): Span[] {
  const raw: { span: Range; paragraph: number }[] = [];
  const paragraphs = /\n[ \t]*\n|\r\n[ \t]*\r\n/g;
  let from = 0;
  let paragraph = 0;
  const pushParagraph = (to: number) => {
    const spans: Range[] = [];
    splitParagraph(text, from, to, spans);
    for (const span of spans) {
      const trimmed = trim(text, span);
      if (trimmed) raw.push({ span: trimmed, paragraph });
    }
    paragraph++;
  };
  for (let match = paragraphs.exec(text); match; match = paragraphs.exec(text)) {
    pushParagraph(match.index);
    from = match.index + match[0].length;
  }
  pushParagraph(text.length);

  const merged: { span: Range; paragraph: number }[] = [];
  // A short lead-in at a paragraph start ("Mr. Smith:") waits to join what follows.
  let pending: { span: Range; paragraph: number } | null = null;
  const flushPending = () => {
    // A paragraph that is only a short line is kept when it reads as a sentence
    // ("Prices rose."), dropped when it is a heading or debris.
    if (
      pending &&
      hasWords(text.slice(pending.span.start, pending.span.end), 2) &&
      /[.!?]["'”’)]*$/.test(text.slice(pending.span.start, pending.span.end))
    ) {
      merged.push(pending);
    }
    pending = null;
  };
  for (const item of raw) {
    if (pending && pending.paragraph !== item.paragraph) flushPending();
    const piece = text.slice(item.span.start, item.span.end);
    const previous = merged[merged.length - 1];
    if (!hasWords(piece, MIN_WORDS)) {
      if (!/\p{L}|\p{N}/u.test(piece)) continue;
      // Only where it would join the sentence before: a short line opening a paragraph keeps waiting for what follows.
      if (
        !pending &&
        previous?.paragraph === item.paragraph &&
        standsAlone(piece) &&
        !AFTER_SHORT_TITLE.test(text.slice(Math.max(previous.span.start, previous.span.end - 8), previous.span.end))
      ) {
        merged.push({ span: { ...item.span }, paragraph: item.paragraph });
        continue;
      }
      if (pending) pending.span.end = item.span.end;
      else if (previous && previous.paragraph === item.paragraph) previous.span.end = item.span.end;
      else pending = { span: { ...item.span }, paragraph: item.paragraph };
      continue;
    }
    const start = pending ? pending.span.start : item.span.start;
    pending = null;
    merged.push({ span: { start, end: item.span.end }, paragraph: item.paragraph });
  }
  flushPending();
  // A document made only of fragments still yields its text as sentences.
  if (merged.length === 0) {
    return raw
      .filter((item) => /\p{L}|\p{N}/u.test(text.slice(item.span.start, item.span.end)))
      .map((item) => ({ ...item.span, paragraph: item.paragraph }));
  }
  return merged.map((item) => ({ ...item.span, paragraph: item.paragraph }));
}
