import type { ButtonInteraction, ChatInputCommandInteraction } from 'discord.js';
import type { Reply } from '../reply';
import { render } from './render';

type Repliable = ChatInputCommandInteraction | ButtonInteraction;

/**
 * The one way a reply reaches Discord: every message goes through render()
 * (limits, escaping, allowed_mentions: { parse: [] }), and the right call is
 * chosen for the interaction's state.
 */
export async function respond(interaction: Repliable, reply: Reply): Promise<void> {
  const { flags, ...payload } = render(reply);
  if (interaction.isButton() && reply.replace) {
    if (interaction.deferred || interaction.replied) await interaction.editReply(payload);
    else await interaction.update(payload);
    return;
  }
  if (!interaction.deferred && !interaction.replied) {
    await interaction.reply({ ...payload, flags });
    return;
  }
  // A button deferred with deferUpdate() has no reply of its own: the answer follows below.
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
  await interaction.editReply(payload);
}
