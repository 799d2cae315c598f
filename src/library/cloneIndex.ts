import { SentenceIndex } from '../search/sentenceIndex';

/**
 * A private copy of an index, to which more articles can be added without
 * touching the original: much faster than analysing every article again.
 * The snapshot arrays are shared by reference on import, so they are copied.
 */
export function cloneIndex(index: SentenceIndex): SentenceIndex {
  const state = index.exportState();
  const copy = new SentenceIndex();
  copy.importState(
    {
      ...state,
      df: state.df.slice(),
      adf: state.adf.slice(),
      sentenceLength: state.sentenceLength.slice(),
      sentenceFlags: state.sentenceFlags.slice(),
      paragraphPosition: state.paragraphPosition.slice(),
    },
    index.articles(),
  );
  return copy;
}
