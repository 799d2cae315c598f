import { DiscordAPIError, HTTPError, RESTJSONErrorCodes, type ButtonInteraction, type ChatInputCommandInteraction } from 'discord.js';
import type { Logger } from '../log';
import { silentLogger } from '../log';
import type { Reply } from '../reply';
import { render } from './render';

type Repliable = ChatInputCommandInteraction | ButtonInteraction;

/** Waits before each retry of a failed reply; an interaction token lives 15 minutes, so there is room. */
export const RETRY_DELAYS_MS = [1000, 3000, 8000];

function transient(error: unknown): boolean {
  if (error instanceof DiscordAPIError || error instanceof HTTPError) return error.status >= 500;
  // Timeouts (AbortError) and dropped connections ("other side closed", ECONNRESET) are worth another try.
  return error instanceof Error && !(error instanceof DiscordAPIError);
}

const alreadyDone = (error: unknown) =>
  error instanceof DiscordAPIError &&
  (error.code === RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged || error.code === RESTJSONErrorCodes.UnknownMessage);

/**
 * Retries a call that is safe to repeat: an edit, or an acknowledgement
 * that Discord refuses as "already acknowledged" if the first one got
 * through. discord.js retries server errors at once; this adds retries
 * spread over seconds, for outages that last longer than a few milliseconds.
 */
async function retrying(what: string, call: () => Promise<unknown>, log: Logger, repeatable: boolean): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await call();
      return;
    } catch (error) {
      if (attempt > 0 && alreadyDone(error)) return;
      const delay = RETRY_DELAYS_MS[attempt];
      if (!repeatable || delay === undefined || !transient(error)) throw error;
      log.warn('reply_retry', { call: what, attempt: attempt + 1, inMs: delay, error: (error as Error).message });
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}

/**
 * The one way a reply reaches Discord: every message goes through render()
 * (limits, escaping, allowed_mentions: { parse: [] }), and the right call is
 * chosen for the interaction's state.
 */
export async function respond(interaction: Repliable, reply: Reply, log: Logger = silentLogger): Promise<void> {
  const { flags, ...payload } = render(reply);
  if (interaction.isButton() && reply.replace) {
    if (interaction.deferred || interaction.replied) await retrying('editReply', () => interaction.editReply(payload), log, true);
    else await retrying('update', () => interaction.update(payload), log, true);
    return;
  }
  if (!interaction.deferred && !interaction.replied) {
    await retrying('reply', () => interaction.reply({ ...payload, flags }), log, true);
    return;
  }
  // A follow-up is a new message each time: never repeated, so never doubled.
  if (interaction.isButton()) {
    await interaction.followUp({ ...payload, flags });
    return;
  }
  if (reply.ephemeral && !interaction.ephemeral) {
    // The deferral was public; an error or refusal should not stay in the channel.
    await interaction.deleteReply().catch(() => undefined);
    await interaction.followUp({ ...payload, flags });
    return;
  }
  await retrying('editReply', () => interaction.editReply(payload), log, true);
}
