import type {
  APIApplication,
  APIAttachment,
  APIGuild,
  APIGuildChannel,
  APIGuildMember,
  APIMessage,
  APIOverwrite,
  APIRole,
  APIUser,
  ApplicationFlags,
  GatewayGuildCreateDispatchData,
  GuildChannelType,
  GuildMemberFlags,
  GuildSystemChannelFlags,
  RoleFlags,
} from 'discord.js';
import type { ChannelState, FakeState, GuildState } from './state';
import type { MessageBody, RecordedFile } from './types';

export function botUser(state: FakeState): APIUser {
  return {
    id: state.botUserId,
    username: state.botUsername,
    discriminator: '0',
    global_name: null,
    avatar: null,
    bot: true,
  };
}

export function plainUser(id: string, username: string): APIUser {
  return { id, username, discriminator: '0', global_name: username, avatar: null };
}

function role(id: string, name: string, permissions: string, position: number, managed: boolean): APIRole {
  return {
    id,
    name,
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    icon: null,
    unicode_emoji: null,
    position,
    permissions,
    managed,
    mentionable: false,
    // Flag enums have no 0 member; 0 is still what the API sends for "no flags".
    flags: 0 as RoleFlags,
  };
}

export function guildRoles(state: FakeState, guild: GuildState): APIRole[] {
  // The @everyone role always has the guild's id; discord.js relies on that for permission maths.
  const roles = [role(guild.def.id, '@everyone', guild.everyonePermissions, 0, false)];
  const bot = role(guild.botRoleId, state.botUsername, guild.botPermissions, 1, true);
  bot.tags = { bot_id: state.botUserId };
  roles.push(bot);
  (guild.def.roles ?? []).forEach((r, i) => {
    roles.push(role(r.id, r.name, r.permissions, i + 2, false));
  });
  return roles;
}

export function channelPayload(state: FakeState, channel: ChannelState): APIGuildChannel<GuildChannelType> & Record<string, unknown> {
  const guild = state.guilds.get(channel.guildId);
  const overwrites: APIOverwrite[] = [];
  // Express canPost=false as a real overwrite so discord.js' cached permissionsFor() agrees with the 403 the REST side gives.
  if (channel.def.canPost === false && guild) {
    overwrites.push({ id: guild.botRoleId, type: 0, allow: '0', deny: (1n << 11n).toString() });
  }
  const position = guild ? guild.def.channels.indexOf(channel.def) : 0;
  return {
    id: channel.def.id,
    type: (channel.def.type ?? 0) as GuildChannelType,
    guild_id: channel.guildId,
    name: channel.def.name,
    position,
    permission_overwrites: overwrites,
    parent_id: channel.def.parentId ?? null,
    nsfw: false,
    topic: channel.def.topic ?? null,
    last_message_id: null,
    rate_limit_per_user: 0,
  };
}

export function botMember(state: FakeState, guild: GuildState): APIGuildMember {
  return {
    user: botUser(state),
    nick: null,
    avatar: null,
    banner: null,
    roles: [guild.botRoleId],
    joined_at: guild.joinedAt,
    premium_since: null,
    deaf: false,
    mute: false,
    flags: 0 as GuildMemberFlags,
    pending: false,
    communication_disabled_until: null,
  };
}

export function guildPayload(state: FakeState, guild: GuildState): APIGuild {
  return {
    id: guild.def.id,
    name: guild.def.name,
    icon: null,
    splash: null,
    discovery_splash: null,
    owner_id: guild.ownerId,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    roles: guildRoles(state, guild),
    emojis: [],
    features: [],
    mfa_level: 0,
    application_id: null,
    system_channel_id: null,
    system_channel_flags: 0 as GuildSystemChannelFlags,
    rules_channel_id: null,
    max_members: 500000,
    vanity_url_code: null,
    description: null,
    banner: null,
    premium_tier: 0,
    premium_subscription_count: 0,
    preferred_locale: (guild.def.preferredLocale ?? 'en-US') as APIGuild['preferred_locale'],
    public_updates_channel_id: null,
    nsfw_level: 0,
    stickers: [],
    premium_progress_bar_enabled: false,
    hub_type: null,
    safety_alerts_channel_id: null,
    incidents_data: null,
  };
}

/**
 * GUILD_CREATE as sent to a bot with only the Guilds intent: the member list holds just the
 * bot itself (Discord always includes the current user), which is what makes
 * `guild.members.me` and `channel.permissionsFor(client.user)` work in discord.js.
 */
export function guildCreatePayload(state: FakeState, guild: GuildState): GatewayGuildCreateDispatchData {
  const channels = guild.def.channels.map((def) => channelPayload(state, { def, guildId: guild.def.id }));
  return {
    ...guildPayload(state, guild),
    joined_at: guild.joinedAt,
    large: false,
    unavailable: false,
    member_count: 2,
    voice_states: [],
    members: [botMember(state, guild)],
    // The typings want the full channel union; ours are plain guild channels of the declared type.
    channels: channels as unknown as GatewayGuildCreateDispatchData['channels'],
    threads: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

export function applicationPayload(state: FakeState): APIApplication {
  return {
    id: state.applicationId,
    name: state.botUsername,
    icon: null,
    description: '',
    bot_public: false,
    bot_require_code_grant: false,
    bot: botUser(state),
    owner: plainUser('4000000000000000009', 'owner'),
    summary: '',
    verify_key: '0'.repeat(64),
    team: null,
    flags: 0 as ApplicationFlags,
    flags_new: '0',
  };
}

export interface NewMessage {
  channelId: string;
  body: MessageBody;
  files: RecordedFile[];
  /** Set for interaction responses and follow-ups: Discord marks them as webhook messages. */
  webhookId?: string;
  /** 0 DEFAULT, 19 REPLY, 20 CHAT_INPUT_COMMAND, ... */
  type?: number;
  interactionMetadata?: APIMessage['interaction_metadata'];
}

export function makeAttachments(state: FakeState, files: RecordedFile[]): APIAttachment[] {
  return files.map((file) => {
    const id = state.ids.next();
    state.attachments.set(id, { data: file.data, contentType: file.contentType, filename: file.filename });
    const url = `${state.baseUrl}/attachments/${id}/${encodeURIComponent(file.filename)}`;
    return { id, filename: file.filename, size: file.size, url, proxy_url: url, content_type: file.contentType };
  });
}

export function createMessage(state: FakeState, input: NewMessage): APIMessage {
  const { body } = input;
  const message: APIMessage = {
    id: state.ids.next(),
    channel_id: input.channelId,
    author: botUser(state),
    content: body.content ?? '',
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: body.tts ?? false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: makeAttachments(state, input.files),
    embeds: body.embeds ?? [],
    pinned: false,
    type: input.type ?? 0,
    flags: body.flags ?? 0,
    // Request bodies carry the same component JSON the API echoes back.
    components: (body.components ?? []) as APIMessage['components'],
  };
  if (input.webhookId) {
    message.webhook_id = input.webhookId;
    message.application_id = state.applicationId;
  }
  if (input.interactionMetadata) message.interaction_metadata = input.interactionMetadata;
  const guildId = state.channels.get(input.channelId)?.guildId;
  if (guildId) (message as APIMessage & { guild_id?: string }).guild_id = guildId;
  state.messages.set(message.id, message);
  return message;
}

/** PATCH semantics: only fields present in the body change; files are appended as new attachments. */
export function editMessage(state: FakeState, message: APIMessage, body: MessageBody, files: RecordedFile[]): APIMessage {
  if (body.content !== undefined) message.content = body.content ?? '';
  if (body.embeds !== undefined) message.embeds = body.embeds ?? [];
  if (body.components !== undefined) message.components = (body.components ?? []) as APIMessage['components'];
  if (body.flags !== undefined) message.flags = body.flags ?? 0;
  if (body.attachments !== undefined) {
    // `attachments` lists the existing attachments to keep (by id) plus placeholders for new files.
    const keep = new Set((body.attachments ?? []).flatMap((a) => (typeof a === 'object' && a !== null && 'id' in a ? [String(a.id)] : [])));
    message.attachments = message.attachments.filter((a) => keep.has(a.id));
  }
  if (files.length > 0) message.attachments = [...message.attachments, ...makeAttachments(state, files)];
  message.edited_timestamp = new Date().toISOString();
  return message;
}
