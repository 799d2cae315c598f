import { InteractionContextType, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import type { Command } from '../src/commands';
import { addFeed, listFeeds, removeFeed, visibleFeeds } from '../src/replies/feeds';
import { exportFeeds, importFeeds } from '../src/replies/feedOpml';

export const command: Command = {
  data: new SlashCommandBuilder()
    .setName('feed')
    .setDescription('RSS and Atom feeds whose new items become this server’s articles (needs Manage Server)')
    .addSubcommand((s) =>
      s
        .setName('add')
        .setDescription('Follow a feed; what it holds now is recorded, only later items alert')
        .addStringOption((o) => o.setName('url').setDescription('The feed’s address (http or https)').setRequired(true).setMaxLength(500))
        .addBooleanOption((o) => o.setName('backfill').setDescription('Also import the items the feed holds now as articles (they do not alert)'))
        .addStringOption((o) =>
          o
            .setName('scope')
            .setDescription('Whose feed it is (default: this server)')
            .addChoices({ name: 'this server', value: 'server' }, { name: 'every server (bot operator only)', value: 'all' }),
        ),
    )
    .addSubcommand((s) => s.setName('remove').setDescription('Stop following a feed (its articles stay)').addStringOption((o) => o.setName('feed').setDescription('The feed to stop (pick one, or give its address)').setRequired(true).setAutocomplete(true).setMaxLength(500)))
    .addSubcommand((s) => s.setName('list').setDescription('This server’s feeds, with their last fetch and any error'))
    .addSubcommand((s) =>
      s
        .setName('import')
        .setDescription('Follow every feed in an OPML file (a feed reader’s export), each checked as /feed add checks one')
        .addAttachmentOption((o) => o.setName('file').setDescription('The OPML file').setRequired(true)),
    )
    .addSubcommand((s) => s.setName('export').setDescription('This server’s feeds as an OPML file'))
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .setContexts(InteractionContextType.Guild),
  permissions: { '': 'ManageGuild' },
  // Adding a feed fetches it, which can take up to FEED_TIMEOUT_SECONDS.
  slow: true,
  execute: (ctx) => {
    if (ctx.subcommand === 'add') return addFeed(ctx, String(ctx.options.url ?? ''), String(ctx.options.scope ?? 'server'), ctx.options.backfill === true);
    if (ctx.subcommand === 'remove') return removeFeed(ctx, String(ctx.options.feed ?? ''));
    if (ctx.subcommand === 'import') return importFeeds(ctx, ctx.options.file);
    if (ctx.subcommand === 'export') return exportFeeds(ctx);
    return listFeeds(ctx);
  },
  // Autocomplete is sent to any member who types the command: it shows nothing to one who may not manage feeds.
  autocomplete: (ctx, focused) => {
    if (!ctx.can('ManageGuild')) return [];
    const wanted = focused.value.toLowerCase();
    return visibleFeeds(ctx)
      .filter((f) => f.url.toLowerCase().includes(wanted) || (f.title ?? '').toLowerCase().includes(wanted))
      .map((f) => ({ name: `${f.title ? `${f.title}: ` : ''}${f.url}`.slice(0, 100), value: f.id }));
  },
};
