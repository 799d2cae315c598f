import BrillPOSTagger from 'natural/lib/natural/brill_pos_tagger/lib/Brill_POS_Tagger.js';
import Lexicon from 'natural/lib/natural/brill_pos_tagger/lib/Lexicon.js';
import RuleSet from 'natural/lib/natural/brill_pos_tagger/lib/RuleSet.js';

let lexicon: Lexicon | undefined;
let tagger: BrillPOSTagger | undefined;

function taggerOf(): BrillPOSTagger {
  lexicon ??= new Lexicon('EN', 'N', 'N');
  tagger ??= new BrillPOSTagger(lexicon, new RuleSet('EN'));
  return tagger;
}

const thingTag = (tag: string) => tag.startsWith('N') || tag.startsWith('JJ');

/**
 * Whether each word names a thing or a quality (a noun or an adjective, or a word the tagger does not know, which
 * is mostly a name), by natural's Brill tagger with its English lexicon, read on first use.
 */
export function namesThings(words: readonly string[]): boolean[] {
  return taggerOf()
    .tag([...words])
    .taggedWords.map(({ tag }) => thingTag(tag));
}

/**
 * Whether each word names a thing as tagged, or may in the lexicon: the tagger reads a short question's nouns as
 * verbs ("who attended the meeting", "when is the next eclipse"), and a question asks about things more than it
 * does with them.
 */
export function mayNameThings(words: readonly string[]): boolean[] {
  const tagged = namesThings(words);
  return words.map((word, i) => tagged[i]! || lexicon!.tagWord(word).some(thingTag));
}
