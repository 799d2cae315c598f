import { randomBytes } from 'node:crypto';
import type { APIMessage } from 'discord.js';
import { botUser, channelPayload, createMessage, guildRoles, plainUser } from './payloads';
import { DEFAULT_MEMBER_PERMISSIONS, DEFAULT_USER_ID, type FakeState } from './state';
import type {
  CallbackResult,
  CommandOption,
  FakeInteractionPayload,
  InteractionContext,
  InteractionHandle,
  InteractionRecord,
  ReplyResult,
} from './types';
import { nowMs } from './util';

/** Option values by name; the option type is inferred (string 3, integer 4, number 10, boolean 5). */
export type OptionShorthand = Record<string, string | number | boolean>;

export function normalizeOptions(options: CommandOption[] | OptionShorthand | undefined): CommandOption[] {
  if (options === undefined) return [];
  if (Array.isArray(options)) return options;
  return Object.entries(options).map(([name, value]) => {
    const type = typeof value === 'string' ? 3 : typeof value === 'boolean' ? 5 : Number.isInteger(value) ? 4 : 10;
    return { name, type, value };
  });
}

interface ResolvedContext {
  guildId: string | null;
  channelId: string;
  userId: string;
  username: string;
  permissions: string;
  roles: string[];
  locale: string;
  appPermissions: string;
}

function resolveContext(state: FakeState, ctx: InteractionContext = {}): ResolvedContext {
  const guildId = ctx.guildId === undefined ? (state.firstGuild()?.def.id ?? null) : ctx.guildId;
  const userId = ctx.userId ?? DEFAULT_USER_ID;
  let channelId = ctx.channelId;
  if (channelId === undefined) {
    if (guildId !== null) {
      channelId = state.defaultChannelId(guildId);
      if (channelId === undefined) throw new Error(`guild ${guildId} has no text channel to send the interaction from`);
    } else {
      channelId = state.dmChannelIds.get(userId) ?? state.ids.next();
      state.dmChannelIds.set(userId, channelId);
    }
  }
  if (guildId !== null && !state.guilds.has(guildId)) throw new Error(`unknown guild ${guildId}`);
  return {
    guildId,
    channelId,
    userId,
    username: ctx.username ?? `user${userId.slice(-4)}`,
    permissions: ctx.permissions ?? DEFAULT_MEMBER_PERMISSIONS,
    roles: ctx.roles ?? [],
    locale: ctx.locale ?? 'en-US',
    appPermissions: ctx.appPermissions ?? (guildId !== null ? state.botPermissionsIn(channelId) : '0'),
  };
}

function basePayload(state: FakeState, type: number, c: ResolvedContext): FakeInteractionPayload {
  const id = state.ids.next();
  const user = plainUser(c.userId, c.username);
  const payload: FakeInteractionPayload = {
    id,
    application_id: state.applicationId,
    type,
    token: `fake-interaction-token.${id}.${randomBytes(12).toString('hex')}`,
    version: 1,
    channel_id: c.channelId,
    app_permissions: c.appPermissions,
    locale: c.locale,
    entitlements: [],
    // Key "0" = GUILD_INSTALL; Discord fills it with the guild id (or "0" in the bot's DMs).
    authorizing_integration_owners: { '0': c.guildId ?? '0' },
    context: c.guildId !== null ? 0 : 1,
    attachment_size_limit: 10 * 1024 * 1024,
  };
  if (c.guildId !== null) {
    const guild = state.guilds.get(c.guildId);
    const channel = state.channels.get(c.channelId);
    payload.guild_id = c.guildId;
    payload.guild_locale = guild?.def.preferredLocale ?? 'en-US';
    payload.guild = { id: c.guildId, locale: payload.guild_locale, features: [] };
    payload.channel = channel
      ? { ...channelPayload(state, channel), permissions: c.permissions }
      : { id: c.channelId, type: 0, guild_id: c.guildId, name: 'unknown', permissions: c.permissions };
    payload.member = {
      user,
      nick: null,
      avatar: null,
      banner: null,
      roles: c.roles,
      joined_at: new Date(0).toISOString(),
      premium_since: null,
      deaf: false,
      mute: false,
      flags: 0,
      pending: false,
      communication_disabled_until: null,
      permissions: c.permissions,
    };
  } else {
    payload.channel = { id: c.channelId, type: 1, last_message_id: null, flags: 0, recipients: [user] };
    payload.user = user;
  }
  return payload;
}

/** Discord sends the objects referenced by user/channel/role options in `data.resolved`. */
function resolvedFor(state: FakeState, options: CommandOption[], guildId: string | null): Record<string, unknown> | undefined {
  const users: Record<string, unknown> = {};
  const members: Record<string, unknown> = {};
  const channels: Record<string, unknown> = {};
  const roles: Record<string, unknown> = {};
  const attachments: Record<string, unknown> = {};
  const visit = (list: CommandOption[]): void => {
    for (const option of list) {
      if (option.options) visit(option.options);
      const value = typeof option.value === 'string' ? option.value : undefined;
      if (value === undefined) continue;
      if (option.type === 6) {
        users[value] = value === state.botUserId ? botUser(state) : plainUser(value, `user${value.slice(-4)}`);
        if (guildId !== null)
          members[value] = { roles: [], joined_at: new Date(0).toISOString(), flags: 0, permissions: DEFAULT_MEMBER_PERMISSIONS };
      } else if (option.type === 7) {
        const channel = state.channels.get(value);
        if (channel) channels[value] = { ...channelPayload(state, channel), permissions: DEFAULT_MEMBER_PERMISSIONS };
      } else if (option.type === 11) {
        // An attachment option's value is the id of a file uploaded with the command (FakeDiscord.uploadAttachment).
        const file = state.attachments.get(value);
        if (file) {
          const url = `${state.baseUrl}/attachments/${value}/${encodeURIComponent(file.filename)}`;
          attachments[value] = {
            id: value,
            filename: file.filename,
            size: file.data.length,
            url,
            proxy_url: url,
            content_type: file.contentType,
          };
        }
      } else if (option.type === 8 && guildId !== null) {
        const guild = state.guilds.get(guildId);
        const role = guild ? guildRoles(state, guild).find((r) => r.id === value) : undefined;
        if (role) roles[value] = role;
      }
    }
  };
  visit(options);
  const resolved: Record<string, unknown> = {};
  if (Object.keys(users).length > 0) resolved.users = users;
  if (Object.keys(members).length > 0) resolved.members = members;
  if (Object.keys(channels).length > 0) resolved.channels = channels;
  if (Object.keys(roles).length > 0) resolved.roles = roles;
  if (Object.keys(attachments).length > 0) resolved.attachments = attachments;
  return Object.keys(resolved).length > 0 ? resolved : undefined;
}

/** Registered command id when the command was deployed, else a stable made-up one. */
function commandId(state: FakeState, name: string, guildId: string | null): { id: string; guildScoped: boolean } {
  const guildCommand = guildId !== null ? state.guildCommands.get(guildId)?.find((c) => c.name === name && c.type === 1) : undefined;
  if (guildCommand) return { id: guildCommand.id, guildScoped: true };
  const globalCommand = state.globalCommands.find((c) => c.name === name && c.type === 1);
  if (globalCommand) return { id: globalCommand.id, guildScoped: false };
  const id = state.adHocCommandIds.get(name) ?? state.ids.next();
  state.adHocCommandIds.set(name, id);
  return { id, guildScoped: false };
}

function commandData(state: FakeState, name: string, options: CommandOption[], c: ResolvedContext): Record<string, unknown> {
  const { id, guildScoped } = commandId(state, name, c.guildId);
  const data: Record<string, unknown> = { id, name, type: 1, options };
  if (guildScoped && c.guildId !== null) data.guild_id = c.guildId;
  const resolved = resolvedFor(state, options, c.guildId);
  if (resolved) data.resolved = resolved;
  return data;
}

export function buildCommand(
  state: FakeState,
  name: string,
  options?: CommandOption[] | OptionShorthand,
  ctx?: InteractionContext,
): FakeInteractionPayload {
  const c = resolveContext(state, ctx);
  const payload = basePayload(state, 2, c);
  payload.data = commandData(state, name, normalizeOptions(options), c);
  return payload;
}

export function buildAutocomplete(
  state: FakeState,
  name: string,
  options: CommandOption[],
  ctx?: InteractionContext,
): FakeInteractionPayload {
  const hasFocus = (list: CommandOption[]): boolean => list.some((o) => o.focused === true || hasFocus(o.options ?? []));
  if (!hasFocus(options)) throw new Error('autocomplete needs exactly one option with focused: true');
  const c = resolveContext(state, ctx);
  const payload = basePayload(state, 4, c);
  payload.data = commandData(state, name, options, c);
  return payload;
}

/** A bot message in the channel carrying the clicked component, used when the test gives none. */
function componentMessage(state: FakeState, channelId: string, component: Record<string, unknown>): APIMessage {
  return createMessage(state, {
    channelId,
    body: { content: 'component host message', components: [{ type: 1, components: [component] }] },
    files: [],
  });
}

function attachMessage(
  state: FakeState,
  payload: FakeInteractionPayload,
  message: APIMessage | string | undefined,
  component: Record<string, unknown>,
  channelId: string,
): void {
  if (typeof message === 'string') {
    const stored = state.messages.get(message);
    if (!stored) throw new Error(`unknown message ${message}`);
    payload.message = stored;
  } else if (message) {
    // Keep it in the store so PATCH @original after a 6/7 callback edits this very message.
    state.messages.set(message.id, message);
    payload.message = message;
  } else {
    payload.message = componentMessage(state, channelId, component);
  }
}

export function buildButton(
  state: FakeState,
  customId: string,
  ctx?: InteractionContext,
  message?: APIMessage | string,
): FakeInteractionPayload {
  const c = resolveContext(state, ctx);
  const payload = basePayload(state, 3, c);
  payload.data = { custom_id: customId, component_type: 2 };
  attachMessage(state, payload, message, { type: 2, style: 1, label: customId, custom_id: customId }, c.channelId);
  return payload;
}

export function buildStringSelect(
  state: FakeState,
  customId: string,
  values: string[],
  ctx?: InteractionContext,
  message?: APIMessage | string,
): FakeInteractionPayload {
  const c = resolveContext(state, ctx);
  const payload = basePayload(state, 3, c);
  payload.data = { custom_id: customId, component_type: 3, values };
  const options = values.map((v) => ({ label: v, value: v }));
  attachMessage(state, payload, message, { type: 3, custom_id: customId, options }, c.channelId);
  return payload;
}

export function buildModalSubmit(
  state: FakeState,
  customId: string,
  fields: Record<string, string>,
  ctx?: InteractionContext,
): FakeInteractionPayload {
  const c = resolveContext(state, ctx);
  const payload = basePayload(state, 5, c);
  payload.data = {
    custom_id: customId,
    components: Object.entries(fields).map(([fieldId, value]) => ({
      type: 1,
      components: [{ type: 4, custom_id: fieldId, value }],
    })),
  };
  return payload;
}

export function newRecord(payload: FakeInteractionPayload): InteractionRecord {
  return {
    id: payload.id,
    token: payload.token,
    type: payload.type,
    payload,
    dispatchedAt: nowMs(),
    callbacks: [],
    rejectedCallbacks: [],
    originalMessageId: null,
    followUpIds: [],
    edits: [],
    deleted: false,
    reply: null,
  };
}

function describeRecord(state: FakeState, record: InteractionRecord): string {
  const cbs = record.callbacks.map((c) => c.type).join(',') || 'none';
  const rejected = record.rejectedCallbacks.map((c) => c.code).join(',') || 'none';
  const unhandled = state.unhandled.map((r) => `${r.method} ${r.path}`).join('; ') || 'none';
  return (
    `interaction ${record.id} (type ${record.type}): callbacks [${cbs}], rejected callbacks [${rejected}], ` +
    `edits ${record.edits.length}, follow-ups ${record.followUpIds.length}; unhandled REST requests: ${unhandled}`
  );
}

type ReplyOutcome = { ok: true; reply: ReplyResult } | { ok: false; reason: string };

export function makeHandle(state: FakeState, record: InteractionRecord): InteractionHandle {
  return {
    id: record.id,
    token: record.token,
    payload: record.payload,
    record,
    waitForCallback(timeoutMs = 5000): Promise<CallbackResult> {
      return state.waiters.waitFor(
        () => record.callbacks[0],
        timeoutMs,
        () => `waiting for a callback to ${describeRecord(state, record)}`,
      );
    },
    async waitForReply(timeoutMs = 5000): Promise<ReplyResult> {
      const outcome = await state.waiters.waitFor<ReplyOutcome>(
        () => {
          if (record.reply) return { ok: true, reply: record.reply };
          const first = record.callbacks[0];
          // Autocomplete results and modals are complete answers that never become a visible reply.
          if (first && (first.type === 8 || first.type === 9)) {
            return { ok: false, reason: `interaction was answered with callback type ${first.type}, which is not a visible reply` };
          }
          return undefined;
        },
        timeoutMs,
        () => `waiting for a visible reply to ${describeRecord(state, record)}`,
      );
      if (!outcome.ok) throw new Error(outcome.reason);
      return outcome.reply;
    },
  };
}
