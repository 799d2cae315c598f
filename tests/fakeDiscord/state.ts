import type { APIMessage } from 'discord.js';
import type {
  FakeChannel,
  FakeDiscordOptions,
  FakeGuild,
  FailureMatcher,
  FailureResponse,
  InteractionRecord,
  RecordedRequest,
  StoredCommand,
} from './types';
import { SnowflakeGenerator, StateWaiters } from './util';

export const DEFAULT_TOKEN = 'fake-token';
export const DEFAULT_APPLICATION_ID = '1000000000000000001';
export const DEFAULT_GUILD_ID = '2000000000000000001';
export const DEFAULT_CHANNEL_IDS = { general: '3000000000000000001', news: '3000000000000000002' } as const;
/** Default invoking member: the user who "runs" slash commands in tests. */
export const DEFAULT_USER_ID = '4000000000000000001';

/** Permission bits used when computing defaults (values from the Discord docs). */
export const Perm = {
  AddReactions: 1n << 6n,
  ViewChannel: 1n << 10n,
  SendMessages: 1n << 11n,
  EmbedLinks: 1n << 14n,
  AttachFiles: 1n << 15n,
  ReadMessageHistory: 1n << 16n,
  UseExternalEmojis: 1n << 18n,
  UseApplicationCommands: 1n << 31n,
  SendMessagesInThreads: 1n << 38n,
  /** Not in the default set (the README's invite link lacks it): a test that wants alert threads gives it. */
  CreatePublicThreads: 1n << 35n,
  Administrator: 1n << 3n,
} as const;

/** What a freshly invited bot with a sensible invite link would have. */
export const DEFAULT_BOT_PERMISSIONS = (
  Perm.AddReactions |
  Perm.ViewChannel |
  Perm.SendMessages |
  Perm.EmbedLinks |
  Perm.AttachFiles |
  Perm.ReadMessageHistory |
  Perm.UseExternalEmojis |
  Perm.UseApplicationCommands |
  Perm.SendMessagesInThreads
).toString();

/** Discord's default @everyone set: can talk, cannot manage messages or administrate. */
export const DEFAULT_MEMBER_PERMISSIONS = '1071698660929';

export function defaultGuilds(): FakeGuild[] {
  return [
    {
      id: DEFAULT_GUILD_ID,
      name: 'Test Guild',
      channels: [
        { id: DEFAULT_CHANNEL_IDS.general, name: 'general' },
        { id: DEFAULT_CHANNEL_IDS.news, name: 'news' },
      ],
    },
  ];
}

export interface GuildState {
  def: FakeGuild;
  ownerId: string;
  botRoleId: string;
  everyonePermissions: string;
  botPermissions: string;
  joinedAt: string;
}

export interface ChannelState {
  def: FakeChannel;
  guildId: string;
}

export interface PendingFailure {
  matcher: FailureMatcher;
  response: FailureResponse;
  remaining: number;
}

/** Shared mutable world of the fake; REST and gateway both read and write it. */
export class FakeState {
  readonly ids = new SnowflakeGenerator();
  readonly waiters = new StateWaiters();

  readonly token: string;
  readonly applicationId: string;
  readonly botUserId: string;
  readonly botUsername: string;
  readonly heartbeatIntervalMs: number;
  readonly shardCount: number;
  readonly interactionTimeoutMs: number | null;
  readonly privilegedIntents: number;

  /** http://127.0.0.1:PORT, known once the server listens. */
  baseUrl = '';

  readonly guilds = new Map<string, GuildState>();
  readonly channels = new Map<string, ChannelState>();
  readonly messages = new Map<string, APIMessage>();
  /** Message ids created through POST /channels/:id/messages, per channel, oldest first. */
  readonly channelPosts = new Map<string, string[]>();
  /** "channelId:nonce" → message id, for enforce_nonce. */
  readonly nonces = new Map<string, string>();
  /** Threads started from a message (POST /channels/:id/messages/:id/threads): thread id (= the message id, as on Discord) → thread. */
  readonly threads = new Map<string, { id: string; parentId: string; messageId: string; name: string; autoArchiveDuration: number }>();
  readonly attachments = new Map<string, { data: Buffer; contentType: string; filename: string }>();

  globalCommands: StoredCommand[] = [];
  readonly guildCommands = new Map<string, StoredCommand[]>();

  readonly interactions = new Map<string, InteractionRecord>();
  readonly interactionsByToken = new Map<string, InteractionRecord>();

  /** Stable DM channel per user so repeated DM interactions land in the same channel, as on Discord. */
  readonly dmChannelIds = new Map<string, string>();
  /** Ids for commands used in interactions without being deployed first, stable per name. */
  readonly adHocCommandIds = new Map<string, string>();

  readonly requests: RecordedRequest[] = [];
  readonly unhandled: RecordedRequest[] = [];
  readonly failures: PendingFailure[] = [];

  constructor(opts: FakeDiscordOptions) {
    this.token = opts.token ?? DEFAULT_TOKEN;
    this.applicationId = opts.applicationId ?? DEFAULT_APPLICATION_ID;
    this.botUserId = opts.botUserId ?? this.applicationId;
    this.botUsername = opts.botUsername ?? 'PolicyDesk';
    this.heartbeatIntervalMs = opts.heartbeatIntervalMs ?? 41250;
    this.shardCount = opts.shards ?? 1;
    this.interactionTimeoutMs = opts.interactionTimeoutMs === undefined ? 3000 : opts.interactionTimeoutMs;
    // Default: every privileged intent "enabled in the portal".
    this.privilegedIntents = opts.privilegedIntents ?? (1 << 1) | (1 << 8) | (1 << 15);

    const joinedAt = new Date().toISOString();
    for (const def of opts.guilds ?? defaultGuilds()) {
      this.guilds.set(def.id, {
        def,
        ownerId: def.ownerId ?? DEFAULT_USER_ID,
        botRoleId: this.ids.next(),
        everyonePermissions: def.everyonePermissions ?? '0',
        botPermissions: def.botPermissions ?? DEFAULT_BOT_PERMISSIONS,
        joinedAt,
      });
      for (const channel of def.channels) {
        this.channels.set(channel.id, { def: channel, guildId: def.id });
      }
    }
  }

  firstGuild(): GuildState | undefined {
    return this.guilds.values().next().value;
  }

  /** First text channel of a guild: where interactions happen unless a test says otherwise. */
  defaultChannelId(guildId: string): string | undefined {
    return this.guilds.get(guildId)?.def.channels.find((c) => (c.type ?? 0) === 0)?.id;
  }

  /** The bot's effective permissions in a channel, mirroring how the overwrites in GUILD_CREATE are built. */
  botPermissionsIn(channelId: string): string {
    const channel = this.channels.get(channelId);
    const guild = channel ? this.guilds.get(channel.guildId) : undefined;
    if (!channel || !guild) return '0';
    let bits = BigInt(guild.everyonePermissions) | BigInt(guild.botPermissions);
    if (channel.def.canPost === false) bits &= ~Perm.SendMessages;
    return bits.toString();
  }

  /** Called after every state change so pending waits re-check their condition. */
  changed(): void {
    this.waiters.notify();
  }
}

/** The shard that owns a guild, by Discord's rule: (guild_id >> 22) % shard count. */
export function shardOfGuild(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}
