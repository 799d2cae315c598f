import { InteractionContextType, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import type { Command } from '../src/commands';
import { addFeed, listFeeds, removeFeed } from '../src/replies/feeds';

export const command: Command = {
  data: new SlashCommandBuilder()
    .setName('feed')
    .setDescription('RSS and Atom feeds whose new items become articles (needs Manage Server)')
    .addSubcommand((s) => s.setName('add').setDescription('Follow a feed; what it holds now is recorded, only later items alert').addStringOption((o) => o.setName('url').setDescription('The feed’s address (http or https)').setRequired(true).setMaxLength(500)))
    .addSubcommand((s) => s.setName('remove').setDescription('Stop following a feed (its articles stay)').addStringOption((o) => o.setName('url').setDescription('The feed to stop').setRequired(true).setAutocomplete(true).setMaxLength(500)))
    .addSubcommand((s) => s.setName('list').setDescription('The feeds followed, with their last fetch and any error'))
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .setContexts(InteractionContextType.Guild),
  permissions: { '': 'ManageGuild' },
  // Adding a feed fetches it, which can take up to FEED_TIMEOUT_SECONDS.
  slow: true,
  execute: (ctx) => {
    if (ctx.subcommand === 'add') return addFeed(ctx, String(ctx.options.url ?? ''));
    if (ctx.subcommand === 'remove') return removeFeed(ctx, String(ctx.options.url ?? ''));
    return listFeeds(ctx);
  },
  autocomplete: (ctx, focused) =>
    ctx.services.feeds
      .list()
      .filter((f) => f.url.includes(focused.value) || (f.title ?? '').toLowerCase().includes(focused.value.toLowerCase()))
      .map((f) => ({ name: `${f.title ?? f.url}`.slice(0, 100), value: f.url.slice(0, 100) })),
};
