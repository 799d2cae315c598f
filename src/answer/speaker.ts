import { termOf, tokens } from '../search/analyzer';
import { rereadText } from '../search/rereadText';
import type { Hit, SentenceIndex } from '../search/sentenceIndex';
import type { Article } from '../library/article';

// "what did Galloway say", "what has the chancellor said about it": what someone said, about something or at all. Not
// "what did the pope say iraq is going through" nor "what did Tesla claim to perfect", which ask what was said of something.
const ASKS_WHAT_SAID = /\bwhat (?:did|does|do|has|have|had) (.+?) (?:say|said|says)(?= (?:about|on|of|regarding|to)\b|\s*[?!.]*\s*$)/i;
// How news reports who said what: "X said", "said X", "X told …", "according to X".
const SPEECH =
  /^(?:said|says|say|saying|told|tells|added|adds|warned|warns|argued|argues|insisted|claimed|claims|stated|announced|declared|admitted)$/;
// A speaker named this far before the verb still speaks ("Mr Galloway, who was expelled from Labour over …, said").
const BEFORE = 20;
// "…, said Mr Orde": the name follows the verb closely.
const AFTER = 3;

/**
 * Who a "what did X say" question asks about, as the term news reports them by: the last word, a surname or the head
 * of a title ("George Galloway" → galloway, "Mr Galloway said"; "the Ukrainian observers" → observer); undefined when
 * it asks something else.
 */
export function speakerTerm(question: string): string | undefined {
  const match = ASKS_WHAT_SAID.exec(question);
  return match
    ? tokens(match[1]!)
        .map(termOf)
        .filter((term) => term !== '')
        .at(-1)
    : undefined;
}

/** Whether the sentence reports the speaker saying something: a speech verb with the speaker's name close before or just after it. */
function saysIt(text: string, speaker: string): boolean {
  const words = tokens(text);
  const terms = words.map(termOf);
  return words.some((word, i) => {
    if (!SPEECH.test(word)) return false;
    const near = terms.slice(Math.max(0, i - BEFORE), i + 1 + AFTER);
    return near.includes(speaker);
  });
}

/**
 * "What did Galloway say" asks for what he said: the sentences of the best
 * hit's article that report him saying it come before those that only name
 * him ("George Galloway … has won Bethnal Green and Bow"), each group in the
 * ranking's order. Other questions' hits are as ranked.
 */
export function speakersFirst(index: SentenceIndex<Article>, question: string, hits: Hit[]): Hit[] {
  const speaker = speakerTerm(question);
  if (speaker === undefined) return hits;
  const best = hits[0];
  if (!best) return hits;
  const found = index.sentence(best.sentence).article.id;
  // Within the article the ranking found, and holding as much of the question as the best: a sentence of another story
  // with the word by a "said" is not what he said, nor is one that leaves out what he was asked about ("… about China").
  const said = (hit: Hit) => {
    const { article, start, end } = index.sentence(hit.sentence);
    return article.id === found && hit.coverage >= best.coverage && saysIt(rereadText(article.text, start, end), speaker);
  };
  const [saying, other] = [hits.filter(said), hits.filter((hit) => !said(hit))];
  return [...saying, ...other];
}
