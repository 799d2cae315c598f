/**
 * Every masked link Discord could render in a string, found the way its
 * markdown parser (simple-markdown) reads text: a backslash before any
 * character other than a letter, digit or space escapes it; a link is an
 * unescaped "[", later an unescaped "](" and a target up to ")".
 * It over-approximates on purpose (any "[" paired with any later "]("),
 * so a check built on it errs towards failing.
 */
export function maskedLinkTargets(text: string): string[] {
  const openings: number[] = [];
  const closings: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\' && i + 1 < text.length && !/[0-9A-Za-z\s]/.test(text[i + 1]!)) {
      i++;
      continue;
    }
    if (c === '[') openings.push(i);
    else if (c === ']' && text[i + 1] === '(') closings.push(i);
  }
  const targets: string[] = [];
  const href = /^\s*<?((?:\([^)]*\)|[^\s\\]|\\.)*?)>?(?:\s+['"][\s\S]*?['"])?\s*\)/;
  for (const close of closings) {
    if (!openings.some((open) => open < close)) continue;
    const target = href.exec(text.slice(close + 2, close + 2 + 4000))?.[1];
    if (target !== undefined && /^https?:\/\//i.test(target)) targets.push(target);
  }
  return targets;
}
