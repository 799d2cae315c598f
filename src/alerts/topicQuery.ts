import { UserError } from '../userError';

/** One side of an OR: words judged by aboutness as a plain topic is, and phrases that must also appear as written. */
export interface TopicAlternative {
  /** The side's words, phrases included, as a plain topic: what aboutness scores. */
  words: string;
  /** Quoted phrases of the side: each must appear in the article as a phrase. */
  phrases: string[];
  /** The side's words outside quotes, for showing the topic as read. */
  loose: string;
}

/** A term after a minus: an article that holds it anywhere does not alert. */
export interface TopicExclusion {
  text: string;
  phrase: boolean;
}

export interface TopicQuery {
  alternatives: TopicAlternative[];
  exclusions: TopicExclusion[];
  /** No quotes, minus signs or OR: the topic means what it meant before the query language. */
  plain: boolean;
}

type Token = { kind: 'word' | 'phrase'; text: string; minus: boolean } | { kind: 'or' };

/**
 * Reads a topic in the small query language of /subscribe: `"a phrase"`,
 * `-word` or `-"a phrase"` to leave out, and `OR` (in capitals) between
 * alternatives. Exclusions hold for the whole topic, whichever side they are
 * written on. A minus inside a word ("Japan-US") is part of the word. Throws
 * a UserError saying what to change when the topic cannot be read.
 */
export function parseTopicQuery(topic: string): TopicQuery {
  const tokens = tokenize(topic);
  const alternatives: TopicAlternative[] = [];
  const exclusions: TopicExclusion[] = [];
  let side: { words: string[]; phrases: string[]; loose: string[] } = { words: [], phrases: [], loose: [] };
  let sawExclusion = false;
  const closeSide = (atEnd: boolean) => {
    if (side.words.length === 0) {
      if (alternatives.length > 0 || !atEnd || tokens.some((t) => t.kind === 'or'))
        throw new UserError(
          `OR needs a topic on each side, as in: CPTPP OR "trans-pacific partnership". ${atEnd ? 'Add a topic after the last OR, or remove it.' : 'Add a topic before the OR, or remove it.'}`,
        );
      throw new UserError(
        sawExclusion
          ? 'A topic needs something to look for, not only words to leave out (-word). Add what you want to follow, as in: Taiwan -patrols.'
          : 'Please give a topic, for example: Taiwan Strait.',
      );
    }
    alternatives.push({ words: side.words.join(' '), phrases: side.phrases, loose: side.loose.join(' ') });
    side = { words: [], phrases: [], loose: [] };
  };
  for (const token of tokens) {
    if (token.kind === 'or') {
      closeSide(false);
      continue;
    }
    if (token.minus) {
      sawExclusion = true;
      exclusions.push({ text: token.text, phrase: token.kind === 'phrase' });
      continue;
    }
    side.words.push(token.text);
    if (token.kind === 'phrase') side.phrases.push(token.text);
    else side.loose.push(token.text);
  }
  closeSide(true);
  const plain = !tokens.some((t) => t.kind === 'or' || t.kind === 'phrase' || t.minus);
  // A plain topic is kept exactly as written, so it reads as it did before the query language.
  if (plain) {
    const words = topic.replace(/\s+/g, ' ').trim();
    return { alternatives: [{ words, phrases: [], loose: words }], exclusions: [], plain };
  }
  return { alternatives, exclusions, plain };
}

/** A stored topic as matching reads it: one that no longer parses (written before the query language) is taken as plain words. */
export function readTopic(topic: string): TopicQuery {
  try {
    return parseTopicQuery(topic);
  } catch {
    return { alternatives: [{ words: topic, phrases: [], loose: topic }], exclusions: [], plain: true };
  }
}

function tokenize(topic: string): Token[] {
  const out: Token[] = [];
  let at = 0;
  const space = /\s/;
  while (at < topic.length) {
    if (space.test(topic[at]!)) {
      at++;
      continue;
    }
    const minus = topic[at] === '-' || topic[at] === '−';
    if (minus) at++;
    const quote = OPENING_QUOTES.indexOf(topic[at] ?? '');
    if (quote !== -1) {
      const close = topic.slice(at + 1).search(CLOSING_QUOTE);
      if (close === -1)
        throw new UserError(
          `The quote opened before “${topic.slice(at + 1, at + 21).trim()}” is not closed. Close it (as in "Taiwan Strait") or remove it.`,
        );
      const text = topic
        .slice(at + 1, at + 1 + close)
        .replace(/\s+/g, ' ')
        .trim();
      if (!/[\p{L}\p{N}]/u.test(text))
        throw new UserError('A pair of quotes holds no words. Put a phrase inside them (as in "Taiwan Strait") or remove them.');
      out.push({ kind: 'phrase', text, minus });
      at += close + 2;
      continue;
    }
    let end = at;
    while (end < topic.length && !space.test(topic[end]!) && !OPENING_QUOTES.includes(topic[end]!)) end++;
    const word = topic.slice(at, end);
    at = end;
    if (!word) {
      if (minus)
        throw new UserError(
          'A minus sign must be followed by a word or a quoted phrase to leave out, as in: -patrols or -"joint exercise".',
        );
      continue;
    }
    if (word === 'OR' && !minus) out.push({ kind: 'or' });
    else out.push({ kind: 'word', text: word, minus });
  }
  return out;
}

// Straight and typographic double quotes: phones type “ and ”.
const OPENING_QUOTES = '"“”„';
const CLOSING_QUOTE = /["“”„]/;

/** The topic as it was read, for the /subscribe preview and /subscriptions: "“Taiwan Strait” as a phrase · or CPTPP · leaving out: patrols". */
export function describeTopicQuery(query: TopicQuery): string {
  const sides = query.alternatives.map(({ phrases, loose }) =>
    [...phrases.map((p) => `“${p}” as a phrase`), ...(loose ? [loose] : [])].join(' with '),
  );
  const parts = [sides.join('; or ')];
  if (query.exclusions.length)
    parts.push(`leaving out articles that say: ${query.exclusions.map((e) => (e.phrase ? `“${e.text}”` : e.text)).join(', ')}`);
  return parts.join(' · ');
}
