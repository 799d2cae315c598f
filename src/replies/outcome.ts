import type { Reply } from '../reply';

/**
 * How a command went, as the interaction log and the metrics count it:
 * answer, none (no good answer), refused (permission, cooldown, bad input:
 * the ephemeral warnings), uncertain (passages offered as possibly not
 * answering), info (lists, help) or error.
 */
export function outcomeOf(reply: Reply): string {
  if (reply.outcome) return reply.outcome;
  if (reply.tone === 'warning') return reply.ephemeral ? 'refused' : 'none';
  return reply.tone;
}
