/**
 * A sentence that puts its statement under a condition, for questions that
 * ask whether something happened: "did the tories win the election" is
 * answered by a sentence that says what happened, not by one that says what
 * would follow "if they won the election".
 */
// Past or perfect only: "does/will/can…" ask about rules and plans (a privacy policy's "if you consent" is its answer).
const HAPPENED =
  /^\s*(?:(?:and|so|but|ok|okay) )?(?:did|was|were|has|have|had|didn't|didnt|wasn't|wasnt|weren't|werent|hasn't|hasnt|haven't|havent|hadn't|hadnt)\b/i;
// "If" after a verb of asking or knowing means "whether" ("asked if he would resign"): a report, not a condition.
const CONDITIONAL =
  /\bunless\b|(?<!\b(?:ask|asks|asked|asking|wonder|wonders|wondered|know|knew|knows|see|saw|unclear|clear|sure|decide|decided|check|checked)\s+)\bif\b/i;

/** Whether the question asks yes or no about what happened ("did…", "was…", "has…"). */
export function asksWhetherHappened(question: string): boolean {
  return HAPPENED.test(question);
}

/** Whether the sentence puts its statement under a condition ("if they won", "unless…"). */
export function isConditional(sentence: string): boolean {
  return CONDITIONAL.test(sentence);
}
