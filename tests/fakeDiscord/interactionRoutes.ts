import type { APIMessage } from 'discord.js';
import type { Route, RouteContext, RouteResult } from './http';
import { createMessage, editMessage } from './payloads';
import { messageBody, ok, unknown } from './routes';
import type { FakeState } from './state';
import type { CallbackData, CallbackResult, InteractionRecord, MessageBody, ReplyResult } from './types';
import { isRecord, nowMs } from './util';
import { validateMessage } from './validation';

const EPHEMERAL = 64;
const LOADING = 128;

/** Which callback types Discord accepts for each interaction type. */
const ALLOWED_CALLBACKS: Record<number, number[]> = {
  2: [4, 5, 9, 12],
  3: [4, 5, 6, 7, 9, 12],
  4: [8],
  5: [4, 5, 6, 7],
};

/** Discord's 400 for a request body it refuses, with the field paths and codes it names. */
function invalidFormBody(errors: Record<string, unknown>): RouteResult {
  return { status: 400, body: { code: 50035, message: 'Invalid Form Body', errors } };
}

function invalidCallbackType(type: unknown): RouteResult {
  return invalidFormBody({
    type: {
      _errors: [{ code: 'INTERACTION_RESPONSE_TYPE_INVALID', message: `Interaction response type ${String(type)} is not valid here.` }],
    },
  });
}

function interactionMetadata(record: InteractionRecord): APIMessage['interaction_metadata'] {
  const p = record.payload;
  const user = p.member?.user ?? p.user;
  // A loose literal: the typings model one variant per interaction type, the wire format is the same object.
  return {
    id: record.id,
    type: record.type,
    user,
    authorizing_integration_owners: p.authorizing_integration_owners,
    ...(record.type === 2 && isRecord(p.data) ? { name: p.data.name } : {}),
  } as unknown as APIMessage['interaction_metadata'];
}

function isEmpty(content: string, embeds: unknown[], components: unknown[], attachments: unknown[]): boolean {
  return content === '' && embeds.length === 0 && components.length === 0 && attachments.length === 0;
}

function validateCallbackData(type: number, data: CallbackData | undefined, ctx: RouteContext): RouteResult | null {
  if (type === 4 || type === 7) {
    const invalid = validateMessage(data ?? {}, ctx.request.files, { partial: type === 7 });
    return invalid ? { status: 400, body: invalid } : null;
  }
  if (type === 8) {
    const choices = data?.choices;
    if (!Array.isArray(choices)) return unknown(50035, 'Invalid Form Body', 400);
    if (choices.length > 25) {
      return {
        status: 400,
        body: {
          code: 50035,
          message: 'Invalid Form Body',
          errors: { data: { choices: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 25 or fewer in length.' }] } } },
        },
      };
    }
    // Discord refuses the whole list for one choice out of bounds: a name of 1–100 characters, a string value of at most 100.
    const outOfBounds = choices.findIndex(
      (choice: { name?: unknown; value?: unknown }) =>
        typeof choice.name !== 'string' ||
        choice.name.length < 1 ||
        choice.name.length > 100 ||
        (typeof choice.value === 'string' && choice.value.length > 100),
    );
    if (outOfBounds >= 0) {
      return invalidFormBody({
        data: {
          choices: { [outOfBounds]: { _errors: [{ code: 'BASE_TYPE_BAD_LENGTH', message: 'Must be between 1 and 100 in length.' }] } },
        },
      });
    }
    return null;
  }
  if (type === 9) {
    const complete =
      typeof data?.custom_id === 'string' && typeof data.title === 'string' && Array.isArray(data.components) && data.components.length > 0;
    return complete ? null : unknown(50035, 'Invalid Form Body', 400);
  }
  return null;
}

function callbackRoute(): Route {
  return {
    method: 'POST',
    pattern: '/interactions/:interactionId/:token/callback',
    auth: false,
    handle: (ctx) => {
      const { state, request, params } = ctx;
      const record = state.interactions.get(params.interactionId ?? '');
      if (!record || record.token !== params.token) return unknown(10062, 'Unknown interaction');
      const atMs = nowMs() - record.dispatchedAt;
      const reject = (result: RouteResult): RouteResult => {
        const body = result.body;
        record.rejectedCallbacks.push({
          body: request.body,
          code: isRecord(body) && typeof body.code === 'number' ? body.code : result.status,
          atMs,
        });
        return result;
      };
      if (record.callbacks.length > 0) return reject(unknown(40060, 'Interaction has already been acknowledged.', 400));
      if (state.interactionTimeoutMs !== null && atMs > state.interactionTimeoutMs) return reject(unknown(10062, 'Unknown interaction'));
      const body = request.body;
      if (!isRecord(body) || typeof body.type !== 'number') return reject(invalidCallbackType(isRecord(body) ? body.type : undefined));
      const type = body.type;
      if (!(ALLOWED_CALLBACKS[record.type] ?? []).includes(type)) return reject(invalidCallbackType(type));
      const data = isRecord(body.data) ? (body.data as CallbackData) : undefined;
      const invalid = validateCallbackData(type, data, ctx);
      if (invalid) return reject(invalid);

      const callback: CallbackResult = data === undefined ? { type, atMs } : { type, data, atMs };
      record.callbacks.push(callback);
      const message = applyCallback(ctx, record, callback);

      if (request.query.with_response !== 'true') return { status: 204 };
      return ok({
        interaction: {
          id: record.id,
          type: record.type,
          ...(message
            ? {
                response_message_id: message.id,
                response_message_loading: ((message.flags ?? 0) & LOADING) !== 0,
                response_message_ephemeral: ((message.flags ?? 0) & EPHEMERAL) !== 0,
              }
            : {}),
        },
        resource: message ? { type, message } : { type },
      });
    },
  };
}

/** Turns an accepted callback into messages and, when it is visible, the interaction's reply. */
function applyCallback(ctx: RouteContext, record: InteractionRecord, callback: CallbackResult): APIMessage | undefined {
  const { state, request } = ctx;
  const channelId = record.payload.channel_id ?? '';
  const data: MessageBody = callback.data ?? {};
  const reply = (type: ReplyResult['type'], ephemeral: boolean): ReplyResult => ({
    type,
    callbackType: callback.type,
    data,
    ephemeral,
    ackAtMs: callback.atMs,
    deferredAtMs: null,
    repliedAtMs: callback.atMs,
    elapsedMs: callback.atMs,
  });
  switch (callback.type) {
    case 4: {
      const message = createMessage(state, {
        channelId,
        body: data,
        files: request.files,
        webhookId: state.applicationId,
        type: record.type === 2 ? 20 : 19,
        interactionMetadata: interactionMetadata(record),
      });
      record.originalMessageId = message.id;
      record.reply = reply('reply', ((data.flags ?? 0) & EPHEMERAL) !== 0);
      return message;
    }
    case 5: {
      const message = createMessage(state, {
        channelId,
        body: { content: '', flags: ((data.flags ?? 0) & EPHEMERAL) | LOADING },
        files: [],
        webhookId: state.applicationId,
        type: record.type === 2 ? 20 : 19,
        interactionMetadata: interactionMetadata(record),
      });
      record.originalMessageId = message.id;
      return message;
    }
    case 6: {
      record.originalMessageId = record.payload.message?.id ?? null;
      return undefined;
    }
    case 7: {
      const target = record.payload.message ? state.messages.get(record.payload.message.id) : undefined;
      if (!target) return undefined;
      record.originalMessageId = target.id;
      editMessage(state, target, data, request.files);
      record.reply = reply('update', ((target.flags ?? 0) & EPHEMERAL) !== 0);
      return target;
    }
    default:
      return undefined;
  }
}

interface WebhookTarget {
  record: InteractionRecord;
  error?: undefined;
}

function webhookRecord(ctx: RouteContext): WebhookTarget | { error: RouteResult } {
  const { state, params } = ctx;
  if (params.appId !== state.applicationId) return { error: unknown(10015, 'Unknown Webhook') };
  const record = state.interactionsByToken.get(params.token ?? '');
  if (!record) return { error: unknown(50027, 'Invalid Webhook Token', 401) };
  // Until the interaction is acknowledged its webhook does not exist yet.
  if (record.callbacks.length === 0) return { error: unknown(10015, 'Unknown Webhook') };
  return { record };
}

function targetMessage(state: FakeState, record: InteractionRecord, messageId: string): APIMessage | undefined {
  const id = messageId === '@original' ? record.originalMessageId : messageId;
  if (id === null) return undefined;
  if (id !== record.originalMessageId && !record.followUpIds.includes(id)) return undefined;
  return state.messages.get(id);
}

function deferredReply(record: InteractionRecord, type: ReplyResult['type'], data: MessageBody, message: APIMessage, atMs: number): void {
  const ack = record.callbacks[0];
  if (record.reply || !ack) return;
  record.reply = {
    type,
    callbackType: ack.type,
    data,
    ephemeral: ((message.flags ?? 0) & EPHEMERAL) !== 0,
    ackAtMs: ack.atMs,
    deferredAtMs: ack.type === 5 || ack.type === 6 ? ack.atMs : null,
    repliedAtMs: atMs,
    elapsedMs: atMs,
  };
}

function webhookRoutes(): Route[] {
  const messagePath = '/webhooks/:appId/:token/messages/:messageId';
  return [
    {
      method: 'GET',
      pattern: messagePath,
      auth: false,
      handle: (ctx) => {
        const target = webhookRecord(ctx);
        if (target.error) return target.error;
        const message = targetMessage(ctx.state, target.record, ctx.params.messageId ?? '');
        return message ? ok(message) : unknown(10008, 'Unknown Message');
      },
    },
    {
      method: 'PATCH',
      pattern: messagePath,
      auth: false,
      handle: (ctx) => {
        const { state, request } = ctx;
        const target = webhookRecord(ctx);
        if (target.error) return target.error;
        const { record } = target;
        const message = targetMessage(state, record, ctx.params.messageId ?? '');
        if (!message) return unknown(10008, 'Unknown Message');
        const body = messageBody(request.body);
        const invalid = validateMessage(body, request.files, { partial: true });
        if (invalid) return { status: 400, body: invalid };
        const content = body.content !== undefined ? (body.content ?? '') : message.content;
        const embeds = body.embeds !== undefined ? (body.embeds ?? []) : message.embeds;
        const components = body.components !== undefined ? (body.components ?? []) : (message.components ?? []);
        const attachments =
          body.attachments !== undefined || request.files.length > 0
            ? [...(body.attachments ?? []), ...request.files]
            : message.attachments;
        if (isEmpty(content, embeds, components, attachments)) return unknown(50006, 'Cannot send an empty message', 400);

        const wasLoading = ((message.flags ?? 0) & LOADING) !== 0;
        // Ephemerality is fixed by the initial response; an edit cannot change it.
        const keptFlags = (message.flags ?? 0) & EPHEMERAL;
        editMessage(state, message, { ...body, flags: undefined }, request.files);
        message.flags = ((message.flags ?? 0) & ~LOADING) | keptFlags;
        const atMs = nowMs() - record.dispatchedAt;
        record.edits.push({ messageId: message.id, body, atMs });
        if (message.id === record.originalMessageId && (wasLoading || record.callbacks[0]?.type === 6)) {
          deferredReply(record, 'editReply', body, message, atMs);
        }
        return ok(message);
      },
    },
    {
      method: 'DELETE',
      pattern: messagePath,
      auth: false,
      handle: (ctx) => {
        const target = webhookRecord(ctx);
        if (target.error) return target.error;
        const message = targetMessage(ctx.state, target.record, ctx.params.messageId ?? '');
        if (!message) return unknown(10008, 'Unknown Message');
        ctx.state.messages.delete(message.id);
        if (message.id === target.record.originalMessageId) target.record.deleted = true;
        return { status: 204 };
      },
    },
    {
      method: 'POST',
      pattern: '/webhooks/:appId/:token',
      auth: false,
      handle: (ctx) => {
        const { state, request } = ctx;
        const target = webhookRecord(ctx);
        if (target.error) return target.error;
        const { record } = target;
        const body = messageBody(request.body);
        const invalid = validateMessage(body, request.files, { partial: false });
        if (invalid) return { status: 400, body: invalid };
        const atMs = nowMs() - record.dispatchedAt;
        const original = record.originalMessageId ? state.messages.get(record.originalMessageId) : undefined;
        let message: APIMessage;
        if (original && ((original.flags ?? 0) & LOADING) !== 0) {
          // The first follow-up after a type 5 deferral fills in the "thinking..." message
          // (keeping the deferral's ephemerality) instead of posting a new one.
          const keptFlags = (original.flags ?? 0) & EPHEMERAL;
          message = editMessage(state, original, { ...body, flags: undefined }, request.files);
          message.flags = keptFlags;
          message.edited_timestamp = null;
        } else {
          message = createMessage(state, {
            channelId: record.payload.channel_id ?? '',
            body,
            files: request.files,
            webhookId: state.applicationId,
            type: 19,
            interactionMetadata: interactionMetadata(record),
          });
          record.followUpIds.push(message.id);
        }
        deferredReply(record, 'followUp', body, message, atMs);
        return request.query.wait === 'true' ? ok(message) : { status: 204 };
      },
    },
  ];
}

export function interactionRoutes(): Route[] {
  return [callbackRoute(), ...webhookRoutes()];
}
