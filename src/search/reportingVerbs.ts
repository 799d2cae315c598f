import { termOf, tokens } from './analyzer';

/**
 * Verbs of reporting asked about as verbs ("what did they say about China", "how did Beijing react", "what has
 * Labour told voters", "what is the minister saying"): the question asks what someone said, not for a sentence
 * holding "say". Searched, "say" weighed as much as "China" on a small library, and the best China sentence, which
 * has no "say", fell under the floor of no good answer; "said" was already a stop word, so only the questions
 * typed in another tense were hurt. Only the verb in a question's frame (an auxiliary, its subject, the verb) is
 * left out: "the peace talks", "his claim", "the comments" name things and stay search words.
 */
const BASE = 'say|tell|talk|think|comment|react|respond|reply|claim|speak';
const PARTICIPLE = 'said|told|talked|thought|commented|reacted|responded|replied|claimed|spoke|spoken';
const ING = 'saying|telling|talking|thinking|commenting|reacting|responding|replying|claiming|speaking';
// The subject between the auxiliary and the verb: one to four words, the last not a determiner or a possessive
// ("did the claim", "has Labour's comment" are nouns).
const SUBJECT = String.raw`((?:[\p{L}\p{N}'’.-]+\s+){0,3}?)([\p{L}\p{N}'’.-]+)\s+`;
const DO = String.raw`\b(?:do|does|did|will|would|could|should|can|might|may)(?:n't|n’t|nt)?\s+`;
const HAVE = String.raw`\b(?:has|have|had)(?:n't|n’t|nt)?\s+`;
const BE = String.raw`\b(?:is|are|was|were|what['’]?s|who['’]?s)(?:n't|n’t|nt)?\s+`;
// "Talk show", "think tank": nouns.
const NOT_COMPOUND = String.raw`(?!\s+(?:shows?|tanks?|radio|pieces?)\b)`;
const FRAMES = [
  new RegExp(`${DO}${SUBJECT}(${BASE})\\b${NOT_COMPOUND}`, 'giu'),
  new RegExp(`${HAVE}${SUBJECT}(${PARTICIPLE})\\b${NOT_COMPOUND}`, 'giu'),
  new RegExp(`${BE}${SUBJECT}(${ING})\\b${NOT_COMPOUND}`, 'giu'),
];
// "What was said about…", "what has been claimed", "what did they have to say": no subject in between.
const PLAIN_FRAMES = [
  new RegExp(String.raw`\b(?:is|are|was|were|been|being)\s+(${PARTICIPLE})\b${NOT_COMPOUND}`, 'giu'),
  new RegExp(String.raw`\b(?:have|has|had)\s+to\s+(${BASE})\b${NOT_COMPOUND}`, 'giu'),
];
// A subject holds no preposition, question word or verb: "is responsible for complex thinking", "did many Poles
// have regarding how the Varsovians thought" do not ask what someone said.
const NOT_IN_SUBJECT = new Set(
  'for of in on at to with by from about regarding how what when where why who which that is are was were do does did has have had be been'.split(
    ' ',
  ),
);
const NOT_SUBJECT_END = new Set([
  'the',
  'a',
  'an',
  'his',
  'her',
  'its',
  'their',
  'our',
  'your',
  'my',
  'this',
  'that',
  'these',
  'those',
  'any',
  'no',
  'some',
  'every',
  'each',
]);

const isSubject = (words: string) => words.split(/\s+/).every((word) => !NOT_IN_SUBJECT.has(word.toLowerCase()));
const endsAsSubject = (word: string) => !NOT_SUBJECT_END.has(word.toLowerCase()) && !/['’]s$/i.test(word);

/**
 * The question without its verbs of reporting (see above). A question that has nothing else to search for
 * ("what did he say?", a follow-up) keeps them: left out, it would have no search words at all.
 */
export function withoutReportingVerbs(question: string): string {
  let plain = question;
  for (const frame of FRAMES)
    plain = plain.replace(frame, (whole: string, between: string, last: string, verb: string) =>
      isSubject(`${between}${last}`) && endsAsSubject(last) ? whole.slice(0, whole.length - verb.length) : whole,
    );
  for (const frame of PLAIN_FRAMES)
    plain = plain.replace(frame, (whole: string, verb: string) => whole.slice(0, whole.length - verb.length));
  if (plain === question) return question;
  return tokens(plain).some((token) => termOf(token) !== '') ? plain : question;
}
