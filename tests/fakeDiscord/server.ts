import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIMessage } from 'discord.js';
import { FakeGateway, type ReceivedPayload } from './gateway';
import { createRequestHandler } from './http';
import { interactionRoutes } from './interactionRoutes';
import {
  buildAutocomplete,
  buildButton,
  buildCommand,
  buildModalSubmit,
  buildStringSelect,
  makeHandle,
  newRecord,
  type OptionShorthand,
} from './interactions';
import { coreRoutes } from './routes';
import { FakeState } from './state';
import type {
  CommandOption,
  FailureMatcher,
  FailureResponse,
  FakeDiscordOptions,
  FakeInteractionPayload,
  GatewayConnectionInfo,
  InteractionContext,
  InteractionHandle,
  InteractionRecord,
  ReadySession,
  ReconnectOutcome,
  RecordedRequest,
  StoredCommand,
} from './types';

function matches(matcher: FailureMatcher, request: RecordedRequest): boolean {
  return (matcher.method === undefined || matcher.method.toUpperCase() === request.method) && matcher.path.test(request.path);
}

export class FakeDiscord {
  readonly #state: FakeState;
  readonly #gateway: FakeGateway;
  readonly #server: Server;
  #closing: Promise<void> | null = null;

  /** Give this to discord.js as `rest: { api: fake.apiUrl }`; it appends /v10 itself. */
  readonly apiUrl: string;
  /** What GET /gateway/bot returns; also the resume_gateway_url. */
  readonly gatewayUrl: string;
  readonly baseUrl: string;

  constructor(state: FakeState, gateway: FakeGateway, server: Server, port: number) {
    this.#state = state;
    this.#gateway = gateway;
    this.#server = server;
    this.baseUrl = `http://127.0.0.1:${port}`;
    this.apiUrl = `${this.baseUrl}/api`;
    this.gatewayUrl = `ws://127.0.0.1:${port}`;
  }

  get token(): string {
    return this.#state.token;
  }
  get applicationId(): string {
    return this.#state.applicationId;
  }
  get botUserId(): string {
    return this.#state.botUserId;
  }

  /** Every REST request, oldest first (including injected failures and 4xx answers). */
  get requests(): readonly RecordedRequest[] {
    return this.#state.requests;
  }
  /** Requests no route handled (404/405), plus any the fake crashed on. Tests should assert it stays empty. */
  get unhandled(): readonly RecordedRequest[] {
    return this.#state.unhandled;
  }
  get globalCommands(): readonly StoredCommand[] {
    return this.#state.globalCommands;
  }
  get guildCommands(): ReadonlyMap<string, StoredCommand[]> {
    return this.#state.guildCommands;
  }
  get interactions(): ReadonlyMap<string, InteractionRecord> {
    return this.#state.interactions;
  }

  get identifyCount(): number {
    return this.#gateway.identifyCount;
  }
  get resumeCount(): number {
    return this.#gateway.resumeCount;
  }
  get heartbeatCount(): number {
    return this.#gateway.heartbeatCount;
  }
  /** Open gateway sockets right now. */
  get connectedClients(): number {
    return this.#gateway.connectedClients;
  }
  get gatewayConnections(): GatewayConnectionInfo[] {
    return this.#gateway.connections;
  }
  /** Every payload a client sent over the gateway. */
  get gatewayPayloads(): readonly ReceivedPayload[] {
    return this.#gateway.received;
  }
  get identifies(): ReadonlyArray<Record<string, unknown>> {
    return this.#gateway.identifies;
  }
  get ackHeartbeats(): boolean {
    return this.#gateway.ackHeartbeats;
  }
  set ackHeartbeats(value: boolean) {
    this.#gateway.ackHeartbeats = value;
  }

  /** While true the gateway turns new connections away: the client cannot reconnect. */
  get refuseConnections(): boolean {
    return this.#gateway.refuseConnections;
  }
  set refuseConnections(value: boolean) {
    this.#gateway.refuseConnections = value;
  }

  /** The next `times` requests matching `matcher` get `response` instead of the real answer. */
  failNext(matcher: FailureMatcher, response: FailureResponse, times = 1): void {
    this.#state.failures.push({ matcher, response, remaining: times });
  }

  clearFailures(): void {
    this.#state.failures.length = 0;
  }

  // --- interactions -------------------------------------------------------------------------

  command(name: string, options?: CommandOption[] | OptionShorthand, ctx?: InteractionContext): FakeInteractionPayload {
    return buildCommand(this.#state, name, options, ctx);
  }

  autocomplete(name: string, options: CommandOption[], ctx?: InteractionContext): FakeInteractionPayload {
    return buildAutocomplete(this.#state, name, options, ctx);
  }

  /** `message` may be a full message object or the id of a message the fake already holds. */
  button(customId: string, ctx?: InteractionContext, message?: APIMessage | string): FakeInteractionPayload {
    return buildButton(this.#state, customId, ctx, message);
  }

  stringSelect(customId: string, values: string[], ctx?: InteractionContext, message?: APIMessage | string): FakeInteractionPayload {
    return buildStringSelect(this.#state, customId, values, ctx, message);
  }

  modalSubmit(customId: string, fields: Record<string, string>, ctx?: InteractionContext): FakeInteractionPayload {
    return buildModalSubmit(this.#state, customId, fields, ctx);
  }

  /** Dispatches INTERACTION_CREATE to the connected client; timing for the handle starts now. */
  sendInteraction(payload: FakeInteractionPayload): InteractionHandle {
    const record = newRecord(payload);
    this.#state.interactions.set(record.id, record);
    this.#state.interactionsByToken.set(record.token, record);
    this.#gateway.dispatch('INTERACTION_CREATE', payload);
    this.#state.changed();
    return makeHandle(this.#state, record);
  }

  /** A file as a user uploads it with a command: pass the returned id as the value of an attachment option (type 11). */
  uploadAttachment(filename: string, data: Buffer | string, contentType = 'text/plain; charset=utf-8'): string {
    const id = this.#state.ids.next();
    this.#state.attachments.set(id, { data: Buffer.from(data), contentType, filename });
    return id;
  }

  sendCommand(name: string, options?: CommandOption[] | OptionShorthand, ctx?: InteractionContext): InteractionHandle {
    return this.sendInteraction(this.command(name, options, ctx));
  }

  clickButton(customId: string, ctx?: InteractionContext, message?: APIMessage | string): InteractionHandle {
    return this.sendInteraction(this.button(customId, ctx, message));
  }

  sendAutocomplete(name: string, options: CommandOption[], ctx?: InteractionContext): InteractionHandle {
    return this.sendInteraction(this.autocomplete(name, options, ctx));
  }

  /** Raw gateway dispatch for events the helpers do not cover (e.g. GUILD_DELETE). Returns its sequence number. */
  dispatch(event: string, data: unknown): number {
    const seq = this.#gateway.dispatch(event, data);
    this.#state.changed();
    return seq;
  }

  // --- messages -----------------------------------------------------------------------------

  /** Messages the bot created with POST /channels/:id/messages in this channel, oldest first (current state, edits applied). */
  /** Deletes a channel, as a server admin would: posts to it then get 10003 Unknown Channel. */
  deleteChannel(channelId: string): void {
    this.#state.channels.delete(channelId);
  }

  channelMessages(channelId: string): APIMessage[] {
    const ids = this.#state.channelPosts.get(channelId) ?? [];
    return ids.flatMap((id) => {
      const message = this.#state.messages.get(id);
      return message ? [message] : [];
    });
  }

  /** Threads the bot started from messages (in a channel, when given), oldest first. */
  threads(parentId?: string): { id: string; parentId: string; messageId: string; name: string; autoArchiveDuration: number }[] {
    return [...this.#state.threads.values()].filter((t) => parentId === undefined || t.parentId === parentId);
  }

  /** Any message the fake holds: channel posts, interaction responses, follow-ups. */
  message(id: string): APIMessage | undefined {
    return this.#state.messages.get(id);
  }

  // --- waiting ------------------------------------------------------------------------------

  /** Resolves with the `count`-th IDENTIFY payload (immediately if it already happened). */
  waitForIdentify(count = 1, timeoutMs = 5000): Promise<Record<string, unknown>> {
    return this.#state.waiters.waitFor(
      () => this.#gateway.identifies[count - 1],
      timeoutMs,
      () => `waiting for IDENTIFY #${count} (have ${this.identifyCount})`,
    );
  }

  /** Resolves once `count` RESUMEs have been accepted. */
  waitForResume(count = 1, timeoutMs = 5000): Promise<number> {
    return this.#state.waiters.waitFor(
      () => (this.resumeCount >= count ? this.resumeCount : undefined),
      timeoutMs,
      () => `waiting for RESUME #${count} (have ${this.resumeCount})`,
    );
  }

  /**
   * Resolves when a client holds a live session that got READY + GUILD_CREATEs (or RESUMED)
   * from the fake. The client may still be processing them; interactions sent now are queued
   * by discord.js until it is ready, so they are safe to send.
   */
  waitForReady(timeoutMs = 5000): Promise<ReadySession> {
    return this.#state.waiters.waitFor(
      () => this.#gateway.readySession(),
      timeoutMs,
      () => `waiting for a ready gateway session (connections: ${this.gatewayConnections.length})`,
    );
  }

  /** First matching request ever recorded (immediately if it already arrived). */
  waitForRequest(matcher: FailureMatcher, timeoutMs = 5000): Promise<RecordedRequest> {
    return this.#state.waiters.waitFor(
      () => this.#state.requests.find((r) => matches(matcher, r) && r.status !== null),
      timeoutMs,
      () =>
        `waiting for ${matcher.method ?? 'any'} ${String(matcher.path)}; saw: ${this.#state.requests.map((r) => `${r.method} ${r.path}`).join('; ') || 'nothing'}`,
    );
  }

  waitForChannelMessages(channelId: string, count = 1, timeoutMs = 5000): Promise<APIMessage[]> {
    return this.#state.waiters.waitFor(
      () => {
        const messages = this.channelMessages(channelId);
        return messages.length >= count ? messages : undefined;
      },
      timeoutMs,
      () => `waiting for ${count} message(s) in channel ${channelId} (have ${this.channelMessages(channelId).length})`,
    );
  }

  // --- gateway disruption -------------------------------------------------------------------

  /**
   * Closes the client's socket. 4000 (default) and 'abrupt' (no close frame, 1006) make
   * discord.js resume; 1000 makes it drop the session and re-identify. Resolves when it is back.
   */
  dropConnection(code: number | 'abrupt' = 4000): Promise<ReconnectOutcome> {
    return this.#gateway.dropConnection(code);
  }

  /** op 7 RECONNECT: the client closes with 4200 and resumes. */
  sendReconnect(): Promise<ReconnectOutcome> {
    return this.#gateway.sendReconnect();
  }

  /** op 9 INVALID_SESSION. Resumable: the client resumes on the same socket; not resumable: it reconnects and identifies. */
  invalidateSession(resumable: boolean): Promise<ReconnectOutcome> {
    return this.#gateway.invalidateSession(resumable);
  }

  /** Closes sockets and the server; safe to call twice. Destroy the discord.js client first or it keeps reconnecting. */
  close(): Promise<void> {
    this.#closing ??= new Promise<void>((resolve) => {
      this.#gateway.close();
      this.#state.waiters.close();
      this.#server.closeAllConnections();
      this.#server.close(() => resolve());
    });
    return this.#closing;
  }
}

export async function startFakeDiscord(opts: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const state = new FakeState(opts);
  let gatewayUrl = '';
  const gateway = new FakeGateway(state, () => gatewayUrl);
  const server = createServer(createRequestHandler(state, [...coreRoutes(() => gatewayUrl), ...interactionRoutes()]));
  server.on('upgrade', (req, socket, head) => gateway.handleUpgrade(req, socket, head));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  state.baseUrl = `http://127.0.0.1:${port}`;
  gatewayUrl = `ws://127.0.0.1:${port}`;
  return new FakeDiscord(state, gateway, server, port);
}
