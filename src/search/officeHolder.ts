import { tokens } from './analyzer';

/**
 * "Who is the chancellor", "whos the home secretary after blunkett": the
 * question asks who holds an office, and news names the holder beside the
 * office's title ("Chancellor Gordon Brown said…", "Gordon Brown, the
 * Chancellor, …"). A sentence that only mentions the office ("The
 * Chancellor will chair…") shares as many words and says nothing of who.
 */
const WHO_HOLDS =
  /^\s*(?:(?:and|so|but|ok|okay) )?who(?:'s|’s|s| is| was| are| were| will be| became| becomes| has been)\s+(?:(?:now|currently|then) )?(?:the |a |an )?(.+?)[\s?.!]*$/i;
// Where an office's title ends in a question: "the home secretary after blunkett", "the president of france".
const TITLE_ENDS = new Set([
  'after',
  'before',
  'of',
  'for',
  'in',
  'at',
  'on',
  'under',
  'since',
  'now',
  'then',
  'today',
  'currently',
  'who',
  'that',
  'when',
  'to',
  'with',
  'by',
  'and',
  'or',
]);
// Titles that name someone else than the holder: the opposition's "shadow chancellor", a "former" or "deputy" one.
const OTHER_HOLDER = new Set(['shadow', 'former', 'deputy', 'vice', 'ex', 'acting', 'assistant', 'junior', 'outgoing', 'previous', 'late']);
const MAX_TITLE_WORDS = 3;

/** The office a question asks the holder of, as its words ("home secretary" → ['home', 'secretary']); none when it asks no such thing. */
export function officeAskedFor(question: string): string[] | undefined {
  const match = WHO_HOLDS.exec(question.replace(/\bwhos\b/i, "who's"));
  if (!match) return undefined;
  const title: string[] = [];
  for (const word of tokens(match[1]!)) {
    if (TITLE_ENDS.has(word)) break;
    title.push(word);
  }
  if (title.length === 0 || title.length > MAX_TITLE_WORDS) return undefined;
  return title;
}

const NAME_WORD = /^\p{Lu}[\p{L}'’.-]*$/u;
const WORD = /[\p{L}\p{N}'’.-]+|,/gu;

/** Whether the capitalised run from `from` ends the sentence's clause (a comma or nothing after it), so it is a name set off, not the start of one ("the Chancellor, Africa Commission members said"). */
function closesApposition(words: readonly string[], from: number): boolean {
  let i = from;
  while (words[i] !== undefined && NAME_WORD.test(words[i]!)) i++;
  return words[i] === ',' || words[i] === undefined;
}

/**
 * Whether the sentence names the holder of the office: the title followed by
 * a name ("Chancellor Gordon Brown"), or a name set off with the title ("Gordon
 * Brown, the Chancellor, said"; "the Chancellor, Gordon Brown, said"). The name must be one the question does
 * not already give, and the title not someone else's ("Shadow chancellor
 * Oliver Letwin"), nor a place's when the question names none ("Scottish
 * Conservative leader" for "who is the conservative leader"), unless the
 * question says so itself (a place in any of its words: "Egyptian President"
 * for "who is the president of egypt"). `placeOf` names the place a word
 * says ("scottish" → Scotland).
 */
export function namesHolder(
  sentence: string,
  title: readonly string[],
  questionWords: ReadonlySet<string>,
  placeOf: (word: string) => string | undefined = () => undefined,
): boolean {
  // The places the question names, in any of their words ("egypt" for "Egyptian President").
  const asked = new Set([...questionWords].map(placeOf));
  const words = sentence.match(WORD) ?? [];
  const lower = words.map((word) => tokens(word)[0] ?? word.toLowerCase());
  // The run of capitalised words from `from` going one way, when it names no one the question names.
  const nameRun = (from: number, step: 1 | -1): boolean => {
    let length = 0;
    for (let i = from; length < 4 && words[i] !== undefined && NAME_WORD.test(words[i]!); i += step, length++)
      if (questionWords.has(lower[i]!)) return false;
    return length > 0;
  };
  for (let i = 0; i + title.length <= words.length; i++) {
    if (!title.every((word, k) => lower[i + k] === word)) continue;
    const before = i > 0 ? lower[i - 1]! : '';
    if (OTHER_HOLDER.has(before) && !questionWords.has(before)) continue;
    // "Scottish Conservative leader David McLetchie", "Iraqi Prime Minister Iyad Allawi": a nation's or another country's office.
    const place = i > 0 && /^\p{Lu}/u.test(words[i - 1]!) ? placeOf(before) : undefined;
    if (place !== undefined && !asked.has(place)) continue;
    const after = i + title.length;
    // "the Chancellor's Budget" is his, not his name.
    if (/['’]s?$/.test(words[after - 1]!)) continue;
    // "Chancellor Gordon Brown"
    if (nameRun(after, 1)) return true;
    // "the Chancellor, Gordon Brown, said": the name set off after the title, closed by a comma or the sentence's end.
    if (words[after] === ',' && nameRun(after + 1, 1) && closesApposition(words, after + 1)) return true;
    // "Gordon Brown, the Chancellor, said": set off by commas both sides ("Africa, the Chancellor said" is no name).
    const comma = before === 'the' ? i - 2 : i - 1;
    if (words[comma] === ',' && words[after] === ',' && nameRun(comma - 1, -1)) return true;
  }
  return false;
}
