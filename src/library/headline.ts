// Longer than this, a first line is a paragraph, not a headline.
const HEADLINE_MAX = 150;
const HEADLINE_WORDS = { min: 2, max: 20 };

/**
 * The headline of a plain-text article without front matter: its first
 * line, when that line is short, stands alone (the text goes on below it),
 * starts with a capital or digit and does not end as a sentence or a
 * dateline does. Returns the headline and where the body after it starts.
 */
export function headlineOf(body: string): { title: string; end: number } | undefined {
  const match = /^\s*(\S[^\n]*?)[ \t]*\r?\n(?=\s*\S)/.exec(body.slice(0, HEADLINE_MAX + 200));
  const line = match?.[1];
  if (!match || !line || line.length > HEADLINE_MAX) return undefined;
  const words = line.split(/\s+/).length;
  if (words < HEADLINE_WORDS.min || words > HEADLINE_WORDS.max) return undefined;
  if (!/^[\p{Lu}\p{N}"“‘']/u.test(line) || /[.,;:…–—-]$/.test(line)) return undefined;
  return { title: line, end: match[0].length };
}
