import type { Reply } from '../reply';

/**
 * How a command went, as the interaction log and the metrics count it:
 * answer, none (no good answer), refused (permission, cooldown, bad input:
 * the ephemeral warnings), info (lists, help) or error. A tone this does not
 * know is its own outcome ("uncertain").
 */
export function outcomeOf(reply: Reply): string {
  if (reply.tone === 'warning') return reply.ephemeral ? 'refused' : 'none';
  return reply.tone;
}
