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
  ...['lol', 'lmao', 'haha', 'hahaha', 'heh', 'wow', 'np', 'sure', 'alright', 'right'],
];

export type SmallTalk = 'thanks' | 'greeting' | 'chat';

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
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu);
  if (!words) return undefined;
  const kinds = words.map((word) => KIND.get(word));
  if (kinds.some((kind) => kind === undefined)) return undefined;
  // Thanks said with a greeting ("hi, thanks!") is thanks.
  if (kinds.includes('thanks')) return 'thanks';
  return kinds.includes('greeting') ? 'greeting' : 'chat';
}
