import BrillPOSTagger from 'natural/lib/natural/brill_pos_tagger/lib/Brill_POS_Tagger.js';
import Lexicon from 'natural/lib/natural/brill_pos_tagger/lib/Lexicon.js';
import RuleSet from 'natural/lib/natural/brill_pos_tagger/lib/RuleSet.js';

let tagger: BrillPOSTagger | undefined;

/**
 * Whether each word names a thing or a quality (a noun or an adjective, or a word the tagger does not know, which
 * is mostly a name), by natural's Brill tagger with its English lexicon, read on first use.
 */
export function namesThings(words: readonly string[]): boolean[] {
  tagger ??= new BrillPOSTagger(new Lexicon('EN', 'N', 'N'), new RuleSet('EN'));
  return tagger.tag([...words]).taggedWords.map(({ tag }) => tag.startsWith('N') || tag.startsWith('JJ'));
}
