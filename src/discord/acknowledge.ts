import { DiscordAPIError, RESTJSONErrorCodes, type ButtonInteraction, type ChatInputCommandInteraction } from 'discord.js';
import type { Logger } from '../log';

/**
 * Defers an interaction. If Discord took the deferral but its answer was lost
 * (a timeout, then a retry refused as "already acknowledged"), the
 * interaction is deferred all the same: the reply must then be an edit.
 */
export async function defer(
  interaction: ChatInputCommandInteraction | ButtonInteraction,
  log: Logger,
  kind: 'reply' | 'update' = 'reply',
): Promise<void> {
  try {
    if (kind === 'update' && interaction.isButton()) await interaction.deferUpdate();
    else await interaction.deferReply();
  } catch (error) {
    if (!(error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged)) throw error;
    log.warn('deferral_answer_lost', { interaction: interaction.id, note: 'Discord had already taken the deferral; replying by edit' });
    // discord.js only sets this on a deferral it saw succeed.
    (interaction as { deferred: boolean }).deferred = true;
  }
}
