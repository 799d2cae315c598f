import type { ButtonView, Reply } from '../reply';
import { notice } from '../reply';
import type { Vote } from '../store/historyStore';

const words: Record<Vote, string> = { helpful: 'helpful', 'not-helpful': 'not helpful' };

/** The 👍 and 👎 buttons under an answer; the command that owns them gives their ids. */
export function voteButtons(idOf: (direction: 'up' | 'down') => string): ButtonView[] {
  return [
    { id: idOf('up'), label: '👍 Helpful' },
    { id: idOf('down'), label: '👎 Not helpful' },
  ];
}

/** What the voter alone sees after a press, given the vote they had before. */
export function voteThanks(vote: Vote, previous: Vote | undefined): Reply {
  const message =
    previous === vote
      ? `You had already marked this answer ${words[vote]}; your vote stays.`
      : previous
        ? `Changed your vote to ${words[vote]}. Thank you.`
        : `Thank you: marked ${words[vote]}. You can change your vote with the other button.`;
  return notice('info', message, true);
}
