import type { APIEmbed, APIAllowedMentions, APIMessage, APIUser } from 'discord.js';

/** A channel the fake knows about. Only text channels (type 0) accept messages. */
export interface FakeChannel {
  id: string;
  name: string;
  /** Discord channel type; 0 = GUILD_TEXT (default), 4 = GUILD_CATEGORY, 5 = GUILD_ANNOUNCEMENT. */
  type?: number;
  /** false: POST /channels/:id/messages answers 403 50013, and the bot role gets a SendMessages deny overwrite. */
  canPost?: boolean;
  topic?: string | null;
  parentId?: string | null;
}

export interface FakeRole {
  id: string;
  name: string;
  /** Permission bitfield as a decimal string, as the API sends it. */
  permissions: string;
}

export interface FakeGuild {
  id: string;
  name: string;
  channels: FakeChannel[];
  /** Extra roles besides @everyone and the bot's managed role. */
  roles?: FakeRole[];
  ownerId?: string;
  /** Permissions of the @everyone role (id = guild id). Default "0". */
  everyonePermissions?: string;
  /** Permissions of the bot's managed role. Default: view/send/embed/attach/history/reactions/app commands. */
  botPermissions?: string;
  preferredLocale?: string;
}

export interface FakeDiscordOptions {
  guilds?: FakeGuild[];
  /** Bot token without the "Bot " prefix. Default "fake-token". */
  token?: string;
  applicationId?: string;
  botUserId?: string;
  botUsername?: string;
  /** Sent in HELLO. Default 41250 like Discord; tests want something short like 500. */
  heartbeatIntervalMs?: number;
  /**
   * Discord rejects an interaction callback arriving more than 3 s after the interaction was
   * created (404 10062 Unknown interaction). null disables the check. Default 3000.
   */
  interactionTimeoutMs?: number | null;
  /**
   * Privileged intents (GuildMembers 1<<1, GuildPresences 1<<8, MessageContent 1<<15) enabled
   * "in the developer portal". An IDENTIFY asking for others is closed with 4014. Default: all.
   */
  privilegedIntents?: number;
  /**
   * Shards GET /gateway/bot recommends; an IDENTIFY must then carry `shard: [id, count]` with this
   * count. Guilds, and the interactions in them, go to shard `(guild_id >> 22) % count`. Default 1.
   */
  shards?: number;
}

export interface RecordedFile {
  field: string;
  filename: string;
  contentType: string;
  size: number;
  data: Buffer;
}

export interface RecordedRequest {
  method: string;
  /** Path below /api/v10, without the query string, e.g. "/channels/3000000000000000001/messages". */
  path: string;
  query: Record<string, string>;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  /** Parsed JSON body; for multipart bodies the parsed `payload_json` field; undefined if none. */
  body: unknown;
  files: RecordedFile[];
  /** Monotonic ms (performance.now()) when the request arrived. */
  atMs: number;
  /** Status the fake answered with; null while the request is still in flight. */
  status: number | null;
  /** True when the answer came from `failNext` rather than the route handler. */
  injected: boolean;
}

export interface FailureMatcher {
  method?: string;
  /** Tested against RecordedRequest.path (no /api/v10 prefix, no query string). */
  path: RegExp;
}

export interface FailureResponse {
  /** Omit to only delay (delayMs) and then let the real route answer: a slow but successful response. */
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  delayMs?: number;
  /** Destroy the socket without answering, like a connection reset. */
  networkError?: boolean;
  /** Let the route do its work (e.g. create the message), then hold the answer this long: the request took effect but the client has not heard. */
  holdAnswerMs?: number;
}

/** Who/where an interaction comes from. */
export interface InteractionContext {
  /** null for a DM interaction. Default: the first guild. */
  guildId?: string | null;
  /** Default: the first text channel of the guild. */
  channelId?: string;
  userId?: string;
  username?: string;
  /** The invoking member's permissions in the channel. Default "1071698660929" (normal member, no Manage Messages). */
  permissions?: string;
  roles?: string[];
  locale?: string;
  /** The bot's permissions in the channel. Default: computed from the bot role and canPost. */
  appPermissions?: string;
}

/** Message-ish body as sent by discord.js (interaction callback data, webhook/channel message bodies). */
export interface MessageBody {
  content?: string;
  embeds?: APIEmbed[];
  components?: unknown[];
  flags?: number;
  allowed_mentions?: APIAllowedMentions;
  attachments?: unknown[];
  tts?: boolean;
  [key: string]: unknown;
}

export interface CallbackData extends MessageBody {
  /** Autocomplete (type 8). */
  choices?: Array<{ name: string; value: string | number }>;
  /** Modal (type 9). */
  custom_id?: string;
  title?: string;
}

export interface CallbackBody {
  type: number;
  data?: CallbackData;
}

export interface CallbackResult extends CallbackBody {
  /** Ms after dispatch. */
  atMs: number;
}

export type ReplyKind = 'reply' | 'update' | 'editReply' | 'followUp';

export interface ReplyResult {
  /** reply = callback 4, update = callback 7, editReply = PATCH @original after a 5/6 deferral, followUp = POST webhook. */
  type: ReplyKind;
  /** The first (acknowledging) callback type: 4, 5, 6 or 7. */
  callbackType: number;
  data: MessageBody;
  ephemeral: boolean;
  /** Ms after dispatch of the first callback. */
  ackAtMs: number;
  /** Ms after dispatch of a 5/6 deferral, null when the reply was immediate. */
  deferredAtMs: number | null;
  /** Ms after dispatch of the visible reply. */
  repliedAtMs: number;
  /** Total latency the user saw: same as repliedAtMs, named for readability in assertions. */
  elapsedMs: number;
}

export interface InteractionEdit {
  messageId: string;
  body: MessageBody;
  atMs: number;
}

/** Everything the fake saw happen to one interaction. */
export interface InteractionRecord {
  id: string;
  token: string;
  /** Interaction type: 2 command, 3 component, 4 autocomplete, 5 modal submit. */
  type: number;
  payload: FakeInteractionPayload;
  /** Monotonic ms when sendInteraction was called; all *AtMs values are relative to it. */
  dispatchedAt: number;
  callbacks: CallbackResult[];
  /** Callbacks the fake refused (second ack, too late...), with the error code it answered. */
  rejectedCallbacks: Array<{ body: unknown; code: number; atMs: number }>;
  originalMessageId: string | null;
  followUpIds: string[];
  edits: InteractionEdit[];
  deleted: boolean;
  reply: ReplyResult | null;
}

export interface InteractionHandle {
  id: string;
  token: string;
  payload: FakeInteractionPayload;
  record: InteractionRecord;
  waitForCallback(timeoutMs?: number): Promise<CallbackResult>;
  waitForReply(timeoutMs?: number): Promise<ReplyResult>;
}

/** Interaction payload as delivered in INTERACTION_CREATE (a loose view of APIInteraction). */
export interface FakeInteractionPayload {
  id: string;
  application_id: string;
  type: number;
  token: string;
  version: 1;
  data?: Record<string, unknown>;
  guild_id?: string;
  channel_id?: string;
  channel?: Record<string, unknown>;
  member?: { user: APIUser; roles: string[]; permissions: string; [key: string]: unknown };
  user?: APIUser;
  message?: APIMessage;
  app_permissions: string;
  locale: string;
  guild_locale?: string;
  entitlements: unknown[];
  authorizing_integration_owners: Record<string, string>;
  context: number;
  attachment_size_limit: number;
  [key: string]: unknown;
}

/** A command option as the interaction payload carries it. */
export interface CommandOption {
  name: string;
  /** 1 SUB_COMMAND, 2 SUB_COMMAND_GROUP, 3 STRING, 4 INTEGER, 5 BOOLEAN, 6 USER, 7 CHANNEL, 8 ROLE, 10 NUMBER. */
  type: number;
  value?: string | number | boolean;
  options?: CommandOption[];
  focused?: boolean;
}

export interface StoredCommand {
  id: string;
  application_id: string;
  guild_id?: string;
  version: string;
  type: number;
  name: string;
  description: string;
  [key: string]: unknown;
}

export interface GatewayConnectionInfo {
  id: number;
  /** Request URL of the WebSocket upgrade, e.g. "/?v=10&encoding=json". */
  url: string;
  query: Record<string, string>;
  openedAt: number;
  closedAt: number | null;
  closeCode: number | null;
}

/**
 * What a gateway disruption ended in: the client resumed its session, identified a new one,
 * the fake was closed first, or nothing happened within 30 s.
 */
export type ReconnectOutcome = 'resumed' | 'identified' | 'closed' | 'timeout';

export interface ReadySession {
  sessionId: string;
  /** Number of IDENTIFYs / RESUMEs accepted so far. */
  identifyCount: number;
  resumeCount: number;
}
