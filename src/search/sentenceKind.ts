/**
 * What kind of statement a sentence makes, for questions that ask whether
 * something happened: "did the tories win the election" is answered by a
 * sentence that says what happened, not by one that says what would follow
 * "if they won the election".
 */
const YES_NO =
  /^\s*(?:(?:and|so|but|ok|okay) )?(?:did|does|do|is|are|was|were|has|have|had|will|can|could|would|should|didn't|didnt|isn't|isnt|wasn't|wasnt|hasn't|hasnt|won't|wont)\b/i;
const CONDITIONAL = /\b(?:if|unless)\b/i;
const MODAL = /\b(?:would|could|might)\b/i;

/** Whether the question asks yes or no ("did…", "is…", "has…"). */
export function asksYesOrNo(question: string): boolean {
  return YES_NO.test(question);
}

/** Whether the sentence puts its statement under a condition ("if they won", "unless…"). */
export function isConditional(sentence: string): boolean {
  return CONDITIONAL.test(sentence);
}

/** Whether the sentence says what would, could or might be. */
export function isModal(sentence: string): boolean {
  return MODAL.test(sentence);
}
