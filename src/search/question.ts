import { termOf, tokens } from './analyzer';

// Words that ask: their pairs ("how many", "who is") are the question's form, not its subject.
const ASKING = new Set(['how', 'many', 'much', 'who', 'whom', 'whose', 'what', 'when', 'where', 'which', 'why']);

/**
 * What kind of answer a question asks for, read from its raw words (the
 * analyzer drops who/what/when/how/many as stop words, so this looks at the
 * question itself).
 */
export type AnswerType = 'time' | 'number' | 'person' | 'place' | 'other';

const TIME = /\bwhen\b|\b(?:what|which) (?:year|decade|century|date|day|month|time|period|era|season)s?\b|\bhow long ago\b|\bwhat time\b/;
const NUMBER =
  /\bhow (?:many|much|long|old|far|large|big|tall|high|fast|heavy|often|deep|wide)\b|\b(?:what|which) (?:percentage|percent|proportion|number|amount|fraction|size|population|rate|price|cost)\b|\bwhat ?%/;
const PERSON = /\bwho(?:m|se)?\b/;
const PLACE =
  /\bwhere\b|\b(?:what|which) (?:city|cities|country|countries|state|states|place|places|region|town|location|continent|area|county|river|island|nation|nations|province|village|street|building|capital|port)\b/;
// "Which minister", "what company", "which us officer": the answer is a name, as for "who".
const NAMED =
  /\b(?:what|which) (?:[a-z'-]+ )?(?:person|people|man|woman|guy|minister|ministers|president|leader|leaders|officer|officers|official|officials|spokesman|spokeswoman|company|companies|firm|firms|studio|team|teams|party|parties|group|groups|player|players|director|actor|actress|singer|band|judge|senator|senators|politician|politicians|candidate|candidates|mayor|governor|ambassador|envoy|general|democrats|republicans|celebs|celebrities|newspaper|network|organi[sz]ation|agency|bank|airline|club|university)\b/;

// Typed queries drop the apostrophe ("whats", "whos"): read them as the question word.
const INFORMAL = /\b(what|who|where|when|how)s\b/g;

/**
 * Chat spellings, said as the articles say them: "ppl" matches no article
 * and, unknown to the library, would weigh as the rarest word of the
 * question; "didnt" is "didn't" in the text. Lower case only, as typed: a
 * capitalised one is a name ("PPL" the licensing body, "Govt" in a title).
 */
const CHAT: [RegExp, string][] = [
  [/\bppl\b/g, 'people'],
  [/\bgovt\b/g, 'government'],
  [/\b(?:wot|wut)\b/g, 'what'],
  [/\b(?:cuz|coz)\b/g, 'because'],
  [/\b(do|does|did|is|was|were|are|could|would|should|has|have|had)nt\b/gi, "$1n't"],
];

// Laughter and chat abbreviations: nothing the question asks about.
const CHAT_LEFT_OUT: [RegExp, string][] = [[/\b(?:lol|lool|lmao|lmfao|rofl|ha(?:ha)+h?|he(?:he)+|tbh|idk|smh|omg|fyi|afaik|iirc)\b/g, ' ']];

/**
 * Single letters for words ("japan n the us", "r u sure", "y did he resign"):
 * the analyzer drops them, but the answer type and the question's word pairs
 * read them. Only in a question typed without capitals: "a number n is
 * prime", "an integer n > 4" (SQuAD) name a variable.
 */
const CHAT_LETTERS: [RegExp, string][] = [
  [/(?<=^|\s)n(?=\s)/g, 'and'],
  [/(?<=^|\s)u(?=\s|$)/g, 'you'],
  [/(?<=^|\s)r(?=\s)/g, 'are'],
  [/^(\s*)y(?=\s)/, '$1why'],
];

/**
 * Chat spellings that are also names or words a library may hold: "tho" (Le
 * Duc Tho), "ur" (Ur), "wat" (Wat Tyler, Wat Pho), "abt" (ABT), "imo" (the
 * IMO), "ngl" (natural gas liquids). They are read as chat only when the
 * caller says the library does not use the word; without a library they stay
 * as typed.
 */
const CHAT_OR_NAME: [RegExp, string][] = [
  [/\babt\b/g, 'about'],
  [/\bwat\b/g, 'what'],
  [/\bur\b/g, 'your'],
  [/\b(?:tho|imo|imho|ngl)\b/g, ' '],
];

/**
 * The question with chat spellings said in full ("ppl" → "people", "didnt" →
 * "didn't", "lol" left out). `known` tells whether the library uses a word:
 * with it, the spellings that are names too are read as chat where the
 * library does not know them.
 */
export function withoutChatSpellings(question: string, known?: (word: string) => boolean): string {
  let plain = question;
  for (const [pattern, word] of CHAT) plain = plain.replace(pattern, word);
  return withoutChatShorthand(plain, known, question);
}

/**
 * The question with the chat shorthand that its readers do not say in full
 * themselves: laughter left out, single letters for words, and (given
 * `known`) the spellings that are names too. The others ("ppl", "didnt") are
 * said in full wherever the question is read (search words, answer type,
 * word pairs), and the confidence was fitted on questions that keep them as
 * typed, so ask() leaves them in its text.
 */
export function withoutChatShorthand(question: string, known?: (word: string) => boolean, typed = question): string {
  let plain = question;
  for (const [pattern, word] of CHAT_LEFT_OUT) plain = plain.replace(pattern, word);
  if (!/\p{Lu}/u.test(typed)) for (const [pattern, word] of CHAT_LETTERS) plain = plain.replace(pattern, word);
  if (known) for (const [pattern, word] of CHAT_OR_NAME) plain = plain.replace(pattern, (found) => (known(found) ? found : word));
  return plain;
}

/**
 * Idioms of asking ("what's the deal with", "any news on", "fill me in on"):
 * they say that something is asked about, not what. Their nouns ("deal",
 * "news") are no subject: searched, they match sentences about some other
 * deal, and on a library that never says them they made the question look
 * like one about something no article covers.
 */
const ASKING_IDIOMS =
  /\bwhat(?:['’]?s| is) (?:the )?(?:deal|story|score|craic|lowdown|latest|news|goss) (?:with|on|about|re|regarding)\b|\bwhat(?:['’]?s| is| are) (?:going on|up) (?:with|in|at|about)\b|\bany (?:news|updates?|word|developments?) (?:on|about|re|regarding|with|from)\b|\b(?:fill|catch) me (?:in|up) (?:on|about|with)\b|\bgive me the (?:lowdown|rundown|scoop) (?:on|about)\b/gi;

/** The question without its idioms of asking ("what's the deal with Taiwan" → "Taiwan"). */
export function withoutAskingIdioms(question: string): string {
  return question.replace(ASKING_IDIOMS, ' ');
}

/**
 * Conversational words around a question ("do you reckon", "I wonder", "the
 * guy who"): not what it asks about. As search words they match nothing
 * useful and, unknown to the library, weigh as rare, lowering every
 * sentence's coverage.
 */
const FILLER =
  /\b(?:gonna|gotta|wanna)\b|\b(?:do|does|did) (?:you|u|ya|anyone|any1) (?:reckon|think|know)\b|\b(?:i|we) (?:reckon|wonder|guess)\b|\b(?:i'm|im|i am) wondering\b|\b(?:reckon|wondering|anyone know|any idea|tell me|pls|plz|btw|basically)\b|(?<=\b(?:the|that|this) )(?:guy|guys|bloke|dude|lady|fella|chap)(?= (?:who|that|whose|from|at|in)\b)/gi;

/** The question without its conversational filler, chat spellings said in full (for its search words; the answer type reads the whole). */
export function withoutFiller(question: string): string {
  return withoutAskingIdioms(withoutChatSpellings(question)).replace(FILLER, ' ');
}

export function answerType(question: string): AnswerType {
  const lower = withoutChatSpellings(question.toLowerCase()).replace(INFORMAL, '$1 is');
  if (TIME.test(lower)) return 'time';
  if (NUMBER.test(lower)) return 'number';
  if (PERSON.test(lower)) return 'person';
  if (PLACE.test(lower)) return 'place';
  if (NAMED.test(lower)) return 'person';
  return 'other';
}

const YEAR = /\b(?:1\d{3}|20\d{2})s?\b|\bcentur(?:y|ies)\b|\bdecades?\b/i;
// A clock time or a time said relative to the story's day ("5:30 PM", "early next year").
const CLOCK_OR_RELATIVE =
  /\b\d{1,2}(?::\d{2})? ?(?:am|pm|a\.m\.|p\.m\.)|\b\d{1,2}:\d{2}\b|\b(?:yesterday|tomorrow|tonight)\b|\b(?:next|last|this|early|late|later) (?:week|month|year|spring|summer|autumn|fall|winter)\b/i;
const MONTH =
  /\b(?:january|february|march|april|may|june|july|august|september|october|november|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b/i;
const NUMBER_WORD =
  /\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundreds?|thousands?|millions?|billions?|dozens?|half|several)\b|%|\bper ?cent\b/i;
const DIGITS = /\d[\d,.]*/g;
const MONTH_NAME =
  '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const DATE = new RegExp(
  `\\b${MONTH_NAME} \\d{1,2}(?:st|nd|rd|th)?(?:,? \\d{4})?\\b|\\b\\d{1,2}(?:st|nd|rd|th)? (?:of )?${MONTH_NAME}(?:,? \\d{4})?\\b|\\b${MONTH_NAME},? \\d{4}\\b`,
  'gi',
);
// Words with a capital that do not start the sentence: names of people, places, bodies.
const CAPITALISED = /(?<=[\s(“"'‘-])\p{Lu}[\p{L}\p{N}'’-]*/gu;

/** Whether a sentence holds something of the asked type that the question does not already say. */
export function offersAnswerType(sentence: string, type: AnswerType, questionTokens: ReadonlySet<string>): boolean {
  switch (type) {
    case 'time':
      return YEAR.test(sentence) || MONTH.test(sentence) || CLOCK_OR_RELATIVE.test(sentence);
    case 'number': {
      if (NUMBER_WORD.test(sentence)) return true;
      // A date's day and year are no count or amount ("returned today, November 13, 2004").
      for (const digits of sentence.replace(DATE, ' ').match(DIGITS) ?? [])
        if (!questionTokens.has(digits.replace(/[,.]+$/, ''))) return true;
      return false;
    }
    case 'person':
    case 'place': {
      CAPITALISED.lastIndex = 0;
      for (let match = CAPITALISED.exec(sentence); match; match = CAPITALISED.exec(sentence)) {
        const word = match[0];
        // Plain words are folded by lower-casing; others go through the analyzer.
        if (/^[A-Za-z0-9]+$/.test(word)) {
          if (!questionTokens.has(word.toLowerCase())) return true;
          continue;
        }
        const folded = tokens(word);
        if (folded.length > 0 && !folded.every((token) => questionTokens.has(token))) return true;
      }
      return false;
    }
    default:
      return false;
  }
}

// "How much": an amount (money, a share, a figure), which a count ("three main parties") does not give.
const AMOUNT_ASKED = /\bhow much\b|\b(?:what|which) (?:amount|price|cost)\b/;
const AMOUNT = /[£$€¥]|\d|%|\bper ?cent\b|\b(?:millions?|billions?|trillions?|thousands?|hundreds?)\b/i;
// "What is the minimum wage": the sentence whose subject it is ("the minimum wage will rise to £5.35") says what it is.
const WHAT_IS = /^\s*what(?:'s|’s|s| is| are| was| were)\s+(?:the |a |an )?(.+?)[\s?.!]*$/i;
const SAYS_WHAT = new Set(['is', 'are', 'was', 'were', 'will', 'would', 'means', 'refers', 'stands']);

/**
 * The checks that read a candidate sentence's raw words against the
 * question's: built once per question, applied to the few best sentences.
 */
export class QuestionReader {
  readonly type: AnswerType;
  /** The question's words, as the analyzer folds them. */
  readonly words: ReadonlySet<string>;
  /** Question word → small number, for word pairs as numbers. */
  private readonly wordIds = new Map<string, number>();
  private readonly pairs = new Set<number>();
  private readonly terms = new Set<string>();
  private readonly asksAmount: boolean;
  /** What "what is X" asks about, as words; empty for other questions. */
  private readonly subject: string[];

  constructor(question: string) {
    const words = tokens(withoutChatSpellings(question)).slice(0, 256);
    this.type = answerType(question);
    this.words = new Set(words);
    const lower = withoutChatSpellings(question.toLowerCase()).replace(INFORMAL, '$1 is');
    this.asksAmount = this.type === 'number' && AMOUNT_ASKED.test(lower);
    const subject = tokens(WHAT_IS.exec(lower)?.[1] ?? '');
    this.subject = subject.length <= 4 ? subject : [];
    let previous = -1;
    const asking = new Set<number>();
    for (const word of words) {
      let id = this.wordIds.get(word);
      if (id === undefined) this.wordIds.set(word, (id = this.wordIds.size));
      if (previous >= 0 && !ASKING.has(word) && !asking.has(previous)) this.pairs.add(previous * 256 + id);
      previous = id;
      if (ASKING.has(word)) asking.add(id);
      const term = termOf(word);
      if (term) this.terms.add(term);
    }
  }

  /**
   * Word pairs of the question (stop words kept) that the sentence repeats,
   * each counted once; not a pair holding a word that asks ("how many", "who
   * is"): "too many people" repeats the question's form, not its subject.
   */
  sharedPairs(words: readonly string[]): number {
    if (this.pairs.size === 0) return 0;
    let shared = 0;
    let seen: number[] | undefined;
    let previous = -1;
    for (const word of words) {
      const id = this.wordIds.get(word) ?? -1;
      if (previous >= 0 && id >= 0) {
        const key = previous * 256 + id;
        if (this.pairs.has(key) && !(seen ??= []).includes(key)) {
          seen.push(key);
          shared++;
        }
      }
      previous = id;
    }
    return shared;
  }

  /** Distinct terms of the sentence (its words' terms, '' for stop words) that the question does not have. */
  novelTerms(sentenceTerms: readonly string[]): number {
    const novel = new Set<string>();
    for (const term of sentenceTerms) if (term && !this.terms.has(term)) novel.add(term);
    return novel.size;
  }

  /** Whether the question asks "how much" and the sentence offers a count only ("three main parties"), no amount. */
  offersCountOnly(sentence: string): boolean {
    return this.asksAmount && this.offersAnswer(sentence) && !AMOUNT.test(sentence.replace(DATE, ' '));
  }

  /** Whether the sentence has what "what is X" asks about as its subject: "X is…", "X will…". */
  saysWhatSubjectIs(words: readonly string[]): boolean {
    const subject = this.subject;
    if (subject.length === 0) return false;
    for (let i = 0; i + subject.length < words.length; i++)
      if (subject.every((word, k) => words[i + k] === word) && SAYS_WHAT.has(words[i + subject.length]!)) return true;
    return false;
  }

  offersAnswer(sentence: string): boolean {
    return this.type !== 'other' && offersAnswerType(sentence, this.type, this.words);
  }
}
