import { InteractionContextType, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import { defineCommand, type CommandContext } from '../src/command/types';
import type { Config } from '../src/config';
import type { Reply } from '../src/reply';
import { subscribedReply } from '../src/replies/subscriptions';
import { UserError } from '../src/userError';
import type { AlertMode } from '../src/alerts/types';
import { viewerOf } from '../src/library/library';
import { buttonIds, pageIn } from '../src/command/buttonIds';
import type { ButtonContext } from '../src/command/types';
import { notice } from '../src/reply';
import { previewMatchesReply } from '../src/replies/previewMatches';
import { viewerOfGuild } from '../src/alerts/viewers';

/**
 * The preview's whole list: "all" answers beside the /subscribe reply, "page" turns that list's page. The
 * subscription rides in the id by its id (a topic may be 100 characters, past a button id's limit), so a press
 * lists its matches as the topic and strictness now stand.
 */
type Press = { action: 'all' | 'page'; subscriptionId: string; page: number };
export const subscribeIds = buttonIds<Press>('subscribe', {
  encode: ({ action, subscriptionId, page }) => [action, subscriptionId, page],
  decode: ([action, subscriptionId, page]) =>
    (action === 'all' || action === 'page') && subscriptionId ? { action, subscriptionId, page: pageIn(page) } : undefined,
});

// Named strictness levels for most people; "normal" is the ALERT_MIN_SCORE setting. A number stays possible for experts.
const LEVELS = { broad: 0.5, strict: 0.9 } as const;
const levelOf = (name: string, config: Config) => (name === 'normal' ? config.alertMinScore : LEVELS[name as keyof typeof LEVELS]);

function parseMinScore(value: string | undefined, config: Config): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const text = value.trim().toLowerCase();
  const score = levelOf(text, config) ?? Number(text.replace(',', '.'));
  if (!Number.isFinite(score) || score < 0.05 || score > 1)
    throw new UserError(
      'min_score is broad, normal or strict, or a number from 0.05 to 1 (the share of the topic one sentence must hold).',
    );
  return score;
}

const MODES: readonly AlertMode[] = ['instant', 'daily', 'weekly'];

// Absent: a new topic is instant and an existing one keeps its mode, so subscribing again to resume a paused topic changes nothing else.
function parseMode(value: string | undefined): AlertMode | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const mode = value.trim().toLowerCase() as AlertMode;
  if (!MODES.includes(mode))
    throw new UserError('mode is instant (an alert per article), daily or weekly (one digest per period at DIGEST_HOUR UTC).');
  return mode;
}

/** Whether alerts can open threads here: the adapter says if the bot may (the console has no threads at all). */
function threadChoice(ctx: CommandContext, wanted: boolean | undefined): { on: boolean; note?: string } | undefined {
  if (wanted === undefined) return undefined;
  if (!wanted) return { on: false };
  if (!ctx.botCan) return { on: false, note: 'the console has no threads' };
  return ctx.botCan('CreatePublicThreads')
    ? { on: true }
    : { on: false, note: 'the bot lacks the Create Public Threads permission in this channel' };
}

/** /subscribe: subscribes this channel, and shows how the topic would have matched what the library already holds. */
async function subscribe(ctx: CommandContext): Promise<Reply> {
  const { alerts, library, config } = ctx.services;
  const minScore = parseMinScore(ctx.options.string('min_score'), config);
  const thread = threadChoice(ctx, ctx.options.boolean('thread'));
  const mode = parseMode(ctx.options.string('mode'));
  const done = await alerts.subscribe(
    { guildId: ctx.guildId, channelId: ctx.channelId },
    ctx.options.string('topic', true),
    minScore,
    ctx.user.id,
    { ...(thread ? { thread } : {}), mode },
  );
  const index = library.indexFor(viewerOf(ctx));
  return subscribedReply(
    done,
    alerts.nextDigestAt(done.subscription),
    alerts.limits,
    ({ article, quote }) => {
      const span = quote ? index.sentence(quote.sentence) : undefined;
      return span ? article.text.slice(span.start, span.end) : undefined;
    },
    subscribeIds.encode({ action: 'all', subscriptionId: done.subscription.id, page: 1 }),
  );
}

/** A press on the preview's "All matches" or on a page of that list: every match, as the topic stands now. */
async function previewMatches(ctx: ButtonContext, { action, subscriptionId, page }: Press): Promise<Reply> {
  const { alerts } = ctx.services;
  const found = (await alerts.list({ guildId: ctx.guildId, channelId: ctx.channelId })).find(
    (status) => status.subscription.id === subscriptionId,
  );
  if (!found) return notice('warning', 'This channel no longer follows that topic. /subscriptions lists its topics.');
  const { subscription } = found;
  const preview = await alerts.preview(subscription.topic, subscription.minScore, viewerOfGuild(subscription.guildId), true);
  const reply = previewMatchesReply(subscription, preview, page, (n) => subscribeIds.encode({ action: 'page', subscriptionId, page: n }));
  // The first press answers beside the /subscribe reply, which keeps its confirmation; later ones turn the list's page.
  return action === 'all' ? { ...reply, replace: false } : reply;
}

export const command = defineCommand({
  data: new SlashCommandBuilder()
    .setName('subscribe')
    .setDescription('Post an alert here when a new article matches a topic (needs Manage Channels)')
    .addStringOption((o) =>
      o
        .setName('topic')
        .setDescription('Words, "a phrase", -word to leave out, A OR B; e.g. "Taiwan Strait" -patrols')
        .setRequired(true)
        .setMaxLength(100),
    )
    .addStringOption((o) =>
      o
        .setName('min_score')
        .setDescription('How strict: how much the article must be about the topic: broad, normal, strict, or 0.05–1')
        .setAutocomplete(true)
        .setMaxLength(10),
    )
    .addStringOption((o) =>
      o
        .setName('mode')
        .setDescription('instant: an alert per article (default); daily or weekly: one digest per period')
        .addChoices(
          { name: 'instant: an alert per article', value: 'instant' },
          { name: 'daily digest', value: 'daily' },
          { name: 'weekly digest (Mondays)', value: 'weekly' },
        ),
    )
    .addBooleanOption((o) =>
      o.setName('thread').setDescription('Open a thread on each alert, named after the article (needs Create Public Threads)'),
    )
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageChannels)
    .setContexts(InteractionContextType.Guild),
  execute: subscribe,
  button: { ids: subscribeIds, run: previewMatches },
  // The preview can read for seconds (a common place on a large library): Discord gets its deferral before it starts.
  // It reads in slices (TopicMatcher.previewInSlices), so other commands are answered meanwhile.
  slow: true,
  autocomplete: (ctx) =>
    (['broad', 'normal', 'strict'] as const).map((name) => ({
      name: `${name} (strictness ${Math.round(levelOf(name, ctx.services.config) * 100)}%)`,
      value: name,
    })),
});
