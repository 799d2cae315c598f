/**
 * Thanks, greetings and chat ("thanks!", "hi", "ok", "good bot") are not
 * questions. Searched, they find sentences that share the word ("Mr Martin
 * thanked members"), and answered, they become what the next follow-up is
 * read with. Only a message made of nothing else counts: "thanks to what did
 * the budget grow" is a question.
 */
const THANKS = ['thanks', 'thank', 'thankyou', 'thx', 'thnx', 'thanx', 'ty', 'tysm', 'tyvm', 'ta', 'cheers', 'appreciated'];
const GREETINGS = ['hi', 'hello', 'hey', 'heya', 'hiya', 'howdy', 'yo', 'morning', 'evening', 'afternoon', 'bye', 'goodbye', 'cya'];
// Only with the words above or alone; none of them asks about anything.
const CHAT = [
  ...['you', 'u', 'so', 'very', 'much', 'lots', 'a', 'lot', 'again', 'there', 'all', 'everyone', 'guys', 'folks'],
  ...['ok', 'okay', 'okey', 'k', 'kk', 'cool', 'nice', 'great', 'awesome', 'perfect', 'good', 'bot', 'got', 'it', 'gotcha'],
  ...['lol', 'lmao', 'haha', 'hahaha', 'heh', 'wow', 'np', 'sure', 'alright', 'right', 'please', 'pls', 'plz'],
];

export type SmallTalk = 'thanks' | 'greeting' | 'chat';

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

const KIND = new Map<string, SmallTalk>([
  ...CHAT.map((w): [string, SmallTalk] => [w, 'chat']),
  ...GREETINGS.map((w): [string, SmallTalk] => [w, 'greeting']),
  ...THANKS.map((w): [string, SmallTalk] => [w, 'thanks']),
]);

/**
 * What kind of small talk a message is, when it is nothing else (its
 * punctuation and emoji aside); undefined for anything with another word,
 * and for a message with no word at all (that is text with nothing to search).
 */
export function smallTalk(text: string): SmallTalk | undefined {
  const words = text.toLowerCase().match(WORD);
  if (!words) return undefined;
  const kinds = words.map((word) => KIND.get(word));
  if (kinds.some((kind) => kind === undefined)) return undefined;
  // Thanks said with a greeting ("hi, thanks!") is thanks.
  if (kinds.includes('thanks')) return 'thanks';
  return kinds.includes('greeting') ? 'greeting' : 'chat';
}

const FIRST_WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/u;
const LAST_WORD = /([\p{L}\p{N}]+(?:['’][\p{L}]+)*)[^\p{L}\p{N}]*$/u;
// Where the last word is looked for: any real sign-off and the marks after it fit in far less.
const TAIL_CHARS = 120;
// A clause of its own: what lies between punctuation ("hi there, what did they say? thanks!").
const CLAUSE = /[^,;:!?.…\n]+[,;:!?.…\n]*/g;
// How a greeting run starts when no punctuation sets it apart; chat words may follow ("hello there", "ok so").
const OPENS_GREETING = new Set([...GREETINGS, 'ok', 'okay', 'k', 'kk', 'alright', 'right', 'lol', 'lmao', 'haha', 'hahaha', 'wow', 'cool']);
// What a question starts with: a greeting run is only set apart before one, so "hello dolly who sang" keeps its title.
const QUESTION_START =
  /^(?:what|whats|what's|what’s|wat|wot|who|whos|who's|who’s|whom|whose|when|where|why|how|which|did|does|do|is|are|was|were|can|could|would|will|should|has|have|had|any|anyone|tell|give|so|and|quick|i)$/;
// How a sign-off starts when no punctuation sets it apart ("… say thank you", "… ty", "… pls").
const SIGN_OFF = /^(?:thanks|thank (?:you|u)|thx|thnx|thanx|ty|tysm|tyvm|please|pls|plz|lol|lmao|haha|hahaha)\b/;
// A word that makes the "thanks" or "please" after it part of the question ("who gave thanks", "vote as they please").
const HOLDS_SIGN_OFF =
  /^(?:give|gives|gave|given|giving|offer|offers|offered|express|expresses|expressed|send|sends|sent|owe|owes|owed|the|a|his|her|their|our|my|its|no|many|special|they|he|she|we|you|i|it|who)$/;

/**
 * The question without a greeting before it or a sign-off after it ("hey,
 * what did Blinken say? thanks" asks what "what did Blinken say" asks):
 * searched, "hello" and "thanks" are words no article uses, which weigh as
 * the rarest of the question and push every answer down. Only the edges go,
 * and only small talk set apart by punctuation, a greeting before a question
 * word, or a sign-off whose word is not part of the question ("who gave
 * thanks"). Text that is nothing else is returned as it is (smallTalk reads it).
 */
export function withoutSmallTalk(text: string): string {
  // Nearly every question neither starts nor ends with small talk: those are left at once.
  const opening = FIRST_WORD.exec(text)?.[0].toLowerCase();
  // Read on the tail only: a pattern anchored at the end is tried from every position, quadratic on a long paste.
  const closing = LAST_WORD.exec(text.slice(-TAIL_CHARS))?.[1]?.toLowerCase() ?? '';
  if (opening === undefined || (!KIND.has(opening) && !KIND.has(closing))) return text;
  const clauses = text.match(CLAUSE) ?? [];
  const lead = text.slice(0, text.length - clauses.join('').length);
  let first = 0;
  let last = clauses.length;
  while (first < last - 1 && smallTalk(clauses[first]!) !== undefined) first++;
  while (last - 1 > first && smallTalk(clauses[last - 1]!) !== undefined) last--;
  if (first === last || smallTalk(clauses.slice(first, last).join('')) !== undefined) return text;
  const kept = clauses.slice(first, last);
  kept[0] = withoutGreeting(kept[0]!);
  kept[kept.length - 1] = withoutSignOff(kept[kept.length - 1]!);
  return `${lead}${kept.join('')}`;
}

/** A clause without the greeting run it opens with ("hello there what did…"), when a question follows it. */
function withoutGreeting(clause: string): string {
  const words = [...clause.matchAll(WORD)];
  if (words.length < 2 || !OPENS_GREETING.has(words[0]![0].toLowerCase())) return clause;
  let next = 1;
  while (next < words.length && KIND.has(words[next]![0].toLowerCase())) next++;
  if (next === words.length || !QUESTION_START.test(words[next]![0].toLowerCase())) return clause;
  return clause.slice(words[next]!.index);
}

/** A clause without the sign-off it ends with ("… say thank you so much"), when that is not part of the question. */
function withoutSignOff(clause: string): string {
  const words = [...clause.matchAll(WORD)];
  const lower = words.map(([word]) => word.toLowerCase());
  // The sign-off is within the clause's last run of small-talk words.
  let run = words.length;
  while (run > 1 && KIND.has(lower[run - 1]!)) run--;
  for (let i = Math.max(1, run); i < words.length; i++) {
    if (!SIGN_OFF.test(lower.slice(i, i + 2).join(' '))) continue;
    if (HOLDS_SIGN_OFF.test(lower[i - 1]!)) return clause;
    const end = words[i - 1]!.index + words[i - 1]![0].length;
    return clause.slice(0, end) + clause.slice(words[words.length - 1]!.index + words[words.length - 1]![0].length);
  }
  return clause;
}
