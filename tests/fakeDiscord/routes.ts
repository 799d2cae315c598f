import type { APIMessage } from 'discord.js';
import type { Route, RouteContext, RouteResult } from './http';
import {
  applicationPayload,
  botMember,
  botUser,
  channelPayload,
  createMessage,
  editMessage,
  guildPayload,
  guildRoles,
  plainUser,
} from './payloads';
import { Perm, type FakeState } from './state';
import type { MessageBody, StoredCommand } from './types';
import { isRecord } from './util';
import { validateCommands, validateMessage, validateThread } from './validation';

export const unknown = (code: number, message: string, status = 404): RouteResult => ({ status, body: { code, message } });
export const ok = (body: unknown, status = 200): RouteResult => ({ status, body });

export function messageBody(body: unknown): MessageBody {
  return isRecord(body) ? (body as MessageBody) : {};
}

function checkApp(ctx: RouteContext): RouteResult | null {
  return ctx.params.appId === ctx.state.applicationId ? null : unknown(10002, 'Unknown Application');
}

/**
 * Bulk overwrite keeps the id of a command whose (type, name) already existed, like Discord,
 * so ids the bot cached before a redeploy stay valid.
 */
function storeCommands(state: FakeState, existing: StoredCommand[], body: unknown[], guildId?: string): StoredCommand[] {
  return body.filter(isRecord).map((raw) => {
    const type = typeof raw.type === 'number' ? raw.type : 1;
    const name = String(raw.name);
    const previous = existing.find((c) => c.type === type && c.name === name);
    const command: StoredCommand = {
      default_member_permissions: null,
      nsfw: false,
      contexts: null,
      integration_types: [0],
      options: [],
      ...raw,
      id: previous?.id ?? state.ids.next(),
      application_id: state.applicationId,
      version: state.ids.next(),
      type,
      name,
      description: typeof raw.description === 'string' ? raw.description : '',
    };
    if (guildId !== undefined) command.guild_id = guildId;
    return command;
  });
}

function commandRoutes(scope: 'global' | 'guild'): Route[] {
  const base = scope === 'global' ? '/applications/:appId/commands' : '/applications/:appId/guilds/:guildId/commands';
  const guildOf = (ctx: RouteContext): string | undefined => (scope === 'guild' ? ctx.params.guildId : undefined);
  const read = (ctx: RouteContext): StoredCommand[] => {
    const guildId = guildOf(ctx);
    return guildId === undefined ? ctx.state.globalCommands : (ctx.state.guildCommands.get(guildId) ?? []);
  };
  const write = (ctx: RouteContext, commands: StoredCommand[]): void => {
    const guildId = guildOf(ctx);
    if (guildId === undefined) ctx.state.globalCommands = commands;
    else ctx.state.guildCommands.set(guildId, commands);
  };
  const guard = (ctx: RouteContext): RouteResult | null => {
    const appError = checkApp(ctx);
    if (appError) return appError;
    const guildId = guildOf(ctx);
    if (guildId !== undefined && !ctx.state.guilds.has(guildId)) return unknown(50001, 'Missing Access', 403);
    return null;
  };
  return [
    {
      method: 'GET',
      pattern: base,
      auth: true,
      handle: (ctx) => guard(ctx) ?? ok(read(ctx)),
    },
    {
      method: 'PUT',
      pattern: base,
      auth: true,
      handle: (ctx) => {
        const error = guard(ctx);
        if (error) return error;
        const invalid = validateCommands(ctx.request.body);
        if (invalid) return { status: 400, body: invalid };
        const body = Array.isArray(ctx.request.body) ? (ctx.request.body as unknown[]) : [];
        const commands = storeCommands(ctx.state, read(ctx), body, guildOf(ctx));
        write(ctx, commands);
        return ok(commands);
      },
    },
    {
      method: 'POST',
      pattern: base,
      auth: true,
      handle: (ctx) => {
        const error = guard(ctx);
        if (error) return error;
        const invalid = validateCommands([ctx.request.body]);
        if (invalid) return { status: 400, body: invalid };
        const current = read(ctx);
        const [command] = storeCommands(ctx.state, current, [ctx.request.body], guildOf(ctx));
        if (!command) return unknown(50035, 'Invalid Form Body', 400);
        const existed = current.some((c) => c.id === command.id);
        write(ctx, [...current.filter((c) => c.id !== command.id), command]);
        // Discord answers 200 when the POST upserted an existing command, 201 when it created one.
        return ok(command, existed ? 200 : 201);
      },
    },
    {
      method: 'GET',
      pattern: `${base}/:commandId`,
      auth: true,
      handle: (ctx) => {
        const command = read(ctx).find((c) => c.id === ctx.params.commandId);
        return guard(ctx) ?? (command ? ok(command) : unknown(10063, 'Unknown application command'));
      },
    },
    {
      method: 'DELETE',
      pattern: `${base}/:commandId`,
      auth: true,
      handle: (ctx) => {
        const error = guard(ctx);
        if (error) return error;
        const current = read(ctx);
        if (!current.some((c) => c.id === ctx.params.commandId)) return unknown(10063, 'Unknown application command');
        write(
          ctx,
          current.filter((c) => c.id !== ctx.params.commandId),
        );
        return { status: 204 };
      },
    },
  ];
}

function channelRoutes(): Route[] {
  const lookup = (ctx: RouteContext) => ctx.state.channels.get(ctx.params.channelId ?? '');
  const channelMessage = (ctx: RouteContext): APIMessage | undefined => {
    const message = ctx.state.messages.get(ctx.params.messageId ?? '');
    return message && message.channel_id === ctx.params.channelId ? message : undefined;
  };
  return [
    {
      method: 'GET',
      pattern: '/channels/:channelId',
      auth: true,
      handle: (ctx) => {
        const channel = lookup(ctx);
        return channel ? ok(channelPayload(ctx.state, channel)) : unknown(10003, 'Unknown Channel');
      },
    },
    {
      method: 'POST',
      pattern: '/channels/:channelId/messages',
      auth: true,
      handle: (ctx) => {
        const { state, request } = ctx;
        const channel = lookup(ctx);
        if (!channel) return unknown(10003, 'Unknown Channel');
        const type = channel.def.type ?? 0;
        // Text, announcement, and the threads (10, 11, 12) started in them.
        if (![0, 5, 10, 11, 12].includes(type)) return unknown(50008, 'Cannot send messages in a non-text channel', 400);
        if (channel.def.canPost === false) return unknown(50013, 'Missing Permissions', 403);
        const body = messageBody(request.body);
        const invalid = validateMessage(body, request.files, { partial: false });
        if (invalid) return { status: 400, body: invalid };
        // enforce_nonce: a repeat of a nonce already used in this channel returns the first message instead of posting again.
        const nonceKey =
          body.enforce_nonce === true && (typeof body.nonce === 'string' || typeof body.nonce === 'number')
            ? `${channel.def.id}:${String(body.nonce)}`
            : undefined;
        const earlier = nonceKey ? state.nonces.get(nonceKey) : undefined;
        if (earlier && state.messages.has(earlier)) return ok(state.messages.get(earlier)!);
        const replyTo = isRecord(body.message_reference) ? body.message_reference : undefined;
        const message = createMessage(state, { channelId: channel.def.id, body, files: request.files, type: replyTo ? 19 : 0 });
        if (replyTo && typeof replyTo.message_id === 'string') {
          message.message_reference = { type: 0, message_id: replyTo.message_id, channel_id: channel.def.id, guild_id: channel.guildId };
        }
        if (nonceKey) state.nonces.set(nonceKey, message.id);
        const posts = state.channelPosts.get(channel.def.id) ?? [];
        posts.push(message.id);
        state.channelPosts.set(channel.def.id, posts);
        return ok(message);
      },
    },
    {
      method: 'GET',
      pattern: '/channels/:channelId/messages',
      auth: true,
      handle: (ctx) => {
        if (!lookup(ctx)) return unknown(10003, 'Unknown Channel');
        const limit = Math.min(Number(ctx.request.query.limit ?? 50) || 50, 100);
        const all = [...ctx.state.messages.values()].filter((m) => m.channel_id === ctx.params.channelId && ((m.flags ?? 0) & 64) === 0);
        // Newest first, as Discord returns history.
        return ok(all.reverse().slice(0, limit));
      },
    },
    {
      method: 'POST',
      pattern: '/channels/:channelId/messages/:messageId/threads',
      auth: true,
      handle: (ctx) => {
        const { state } = ctx;
        const channel = lookup(ctx);
        if (!channel) return unknown(10003, 'Unknown Channel');
        const type = channel.def.type ?? 0;
        if (type !== 0 && type !== 5) return unknown(50024, 'Cannot execute action on this channel type', 400);
        const bits = BigInt(state.botPermissionsIn(channel.def.id));
        if ((bits & (Perm.CreatePublicThreads | Perm.Administrator)) === 0n) return unknown(50013, 'Missing Permissions', 403);
        const message = channelMessage(ctx);
        if (!message) return unknown(10008, 'Unknown Message');
        const invalid = validateThread(ctx.request.body);
        if (invalid) return { status: 400, body: invalid };
        if (state.threads.has(message.id)) return unknown(160004, 'A thread has already been created for this message', 400);
        const body = ctx.request.body as { name: string; auto_archive_duration?: number };
        // On Discord a thread started from a message has the message's id; a text channel's is a public thread (11), an announcement channel's a news thread (10).
        const thread = {
          id: message.id,
          parentId: channel.def.id,
          messageId: message.id,
          name: body.name,
          autoArchiveDuration: body.auto_archive_duration ?? 4320,
        };
        state.threads.set(thread.id, thread);
        state.channels.set(thread.id, {
          def: { id: thread.id, name: thread.name, type: type === 5 ? 10 : 11, parentId: channel.def.id },
          guildId: channel.guildId,
        });
        const payload = {
          ...channelPayload(state, state.channels.get(thread.id)!),
          owner_id: state.botUserId,
          message_count: 0,
          member_count: 1,
          thread_metadata: {
            archived: false,
            auto_archive_duration: thread.autoArchiveDuration,
            archive_timestamp: new Date().toISOString(),
            locked: false,
          },
        };
        // The message now shows its thread, as Discord returns it (also to a post repeated with the same nonce).
        (message as { thread?: unknown }).thread = payload;
        state.changed();
        return ok(payload, 201);
      },
    },
    {
      method: 'GET',
      pattern: '/channels/:channelId/messages/:messageId',
      auth: true,
      handle: (ctx) => {
        if (!lookup(ctx)) return unknown(10003, 'Unknown Channel');
        const message = channelMessage(ctx);
        return message ? ok(message) : unknown(10008, 'Unknown Message');
      },
    },
    {
      method: 'PATCH',
      pattern: '/channels/:channelId/messages/:messageId',
      auth: true,
      handle: (ctx) => {
        if (!lookup(ctx)) return unknown(10003, 'Unknown Channel');
        const message = channelMessage(ctx);
        if (!message) return unknown(10008, 'Unknown Message');
        if (message.author.id !== ctx.state.botUserId) return unknown(50005, 'Cannot edit a message authored by another user', 403);
        const body = messageBody(ctx.request.body);
        const invalid = validateMessage(body, ctx.request.files, { partial: true });
        if (invalid) return { status: 400, body: invalid };
        return ok(editMessage(ctx.state, message, body, ctx.request.files));
      },
    },
    {
      method: 'DELETE',
      pattern: '/channels/:channelId/messages/:messageId',
      auth: true,
      handle: (ctx) => {
        if (!lookup(ctx)) return unknown(10003, 'Unknown Channel');
        const message = channelMessage(ctx);
        if (!message) return unknown(10008, 'Unknown Message');
        ctx.state.messages.delete(message.id);
        return { status: 204 };
      },
    },
  ];
}

function guildRoutes(): Route[] {
  const lookup = (ctx: RouteContext) => ctx.state.guilds.get(ctx.params.guildId ?? '');
  return [
    {
      method: 'GET',
      pattern: '/guilds/:guildId',
      auth: true,
      handle: (ctx) => {
        const guild = lookup(ctx);
        return guild ? ok(guildPayload(ctx.state, guild)) : unknown(10004, 'Unknown Guild');
      },
    },
    {
      method: 'GET',
      pattern: '/guilds/:guildId/channels',
      auth: true,
      handle: (ctx) => {
        const guild = lookup(ctx);
        if (!guild) return unknown(10004, 'Unknown Guild');
        return ok(guild.def.channels.map((def) => channelPayload(ctx.state, { def, guildId: guild.def.id })));
      },
    },
    {
      method: 'GET',
      pattern: '/guilds/:guildId/roles',
      auth: true,
      handle: (ctx) => {
        const guild = lookup(ctx);
        return guild ? ok(guildRoles(ctx.state, guild)) : unknown(10004, 'Unknown Guild');
      },
    },
    {
      method: 'GET',
      pattern: '/guilds/:guildId/members/:userId',
      auth: true,
      handle: (ctx) => {
        const guild = lookup(ctx);
        if (!guild) return unknown(10004, 'Unknown Guild');
        return ctx.params.userId === ctx.state.botUserId ? ok(botMember(ctx.state, guild)) : unknown(10007, 'Unknown Member');
      },
    },
  ];
}

export function coreRoutes(gatewayUrl: () => string): Route[] {
  return [
    { method: 'GET', pattern: '/users/@me', auth: true, handle: (ctx) => ok(botUser(ctx.state)) },
    {
      method: 'GET',
      pattern: '/users/:userId',
      auth: true,
      handle: (ctx) => {
        const { userId = '' } = ctx.params;
        if (userId === ctx.state.botUserId) return ok(botUser(ctx.state));
        // Any snowflake-looking id is "a user"; the fake has no user directory to consult.
        return /^\d{17,20}$/.test(userId) ? ok(plainUser(userId, `user${userId.slice(-4)}`)) : unknown(10013, 'Unknown User');
      },
    },
    { method: 'GET', pattern: '/applications/@me', auth: true, handle: (ctx) => ok(applicationPayload(ctx.state)) },
    { method: 'GET', pattern: '/oauth2/applications/@me', auth: true, handle: (ctx) => ok(applicationPayload(ctx.state)) },
    { method: 'GET', pattern: '/gateway', auth: false, handle: () => ok({ url: gatewayUrl() }) },
    {
      method: 'GET',
      pattern: '/gateway/bot',
      auth: true,
      handle: (ctx) =>
        ok({
          url: gatewayUrl(),
          shards: ctx.state.shardCount,
          // @discordjs/ws caches this for reset_after ms, falling back to 5 s when it is 0.
          session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 },
        }),
    },
    ...commandRoutes('global'),
    ...commandRoutes('guild'),
    ...channelRoutes(),
    ...guildRoutes(),
  ];
}
