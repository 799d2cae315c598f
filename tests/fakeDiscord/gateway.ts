import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { botUser, guildCreatePayload } from './payloads';
import { shardOfGuild, type FakeState } from './state';
import type { GatewayConnectionInfo, ReadySession, ReconnectOutcome } from './types';
import { isRecord, nowMs } from './util';

interface DispatchFrame {
  op: 0;
  t: string;
  s: number;
  d: unknown;
}

interface Session {
  id: string;
  seq: number;
  /** Every dispatch of the session, so RESUME can replay what the client missed. */
  log: DispatchFrame[];
  conn: Connection | null;
  invalid: boolean;
  shard: number;
}

interface Connection {
  ws: WebSocket;
  info: GatewayConnectionInfo;
  session: Session | null;
  /** READY (plus GUILD_CREATEs) or RESUMED has been sent on this socket. */
  ready: boolean;
}

export interface ReceivedPayload {
  connectionId: number;
  op: number;
  d: unknown;
  atMs: number;
}

/** Intent bits Discord gates behind a developer-portal switch. */
const PRIVILEGED_INTENTS = (1 << 1) | (1 << 8) | (1 << 15);

export class FakeGateway {
  readonly #wss = new WebSocketServer({ noServer: true });
  readonly #state: FakeState;
  readonly #url: () => string;
  readonly #connections: Connection[] = [];
  readonly #sessions = new Map<string, Session>();
  /** The live session of each shard, by shard id (only 0 unless the fake was started with `shards`). */
  readonly #current = new Map<number, Session>();
  #nextConnectionId = 1;
  #closed = false;

  identifyCount = 0;
  resumeCount = 0;
  heartbeatCount = 0;
  /** Set true to turn new connections away (the socket is destroyed at the upgrade), as during an outage. */
  refuseConnections = false;
  /** Set false to stop answering heartbeats and make the client declare the connection a zombie. */
  ackHeartbeats = true;
  readonly received: ReceivedPayload[] = [];
  /** IDENTIFY `d` payloads, oldest first. */
  readonly identifies: Array<Record<string, unknown>> = [];

  constructor(state: FakeState, url: () => string) {
    this.#state = state;
    this.#url = url;
  }

  get connections(): GatewayConnectionInfo[] {
    return this.#connections.map((c) => c.info);
  }

  get connectedClients(): number {
    return this.#connections.filter((c) => c.ws.readyState === WebSocket.OPEN).length;
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    if (this.#closed || this.refuseConnections) {
      socket.destroy();
      return;
    }
    this.#wss.handleUpgrade(req, socket, head, (ws) => this.#onConnection(ws, req));
  }

  #onConnection(ws: WebSocket, req: IncomingMessage): void {
    const url = new URL(req.url ?? '/', 'ws://127.0.0.1');
    const conn: Connection = {
      ws,
      info: {
        id: this.#nextConnectionId++,
        url: req.url ?? '/',
        query: Object.fromEntries(url.searchParams.entries()),
        openedAt: nowMs(),
        closedAt: null,
        closeCode: null,
      },
      session: null,
      ready: false,
    };
    this.#connections.push(conn);
    ws.on('error', () => {
      // Socket errors surface as a 'close' right after; nothing else to do, but an unhandled 'error' would crash the run.
    });
    ws.on('close', (code) => {
      conn.info.closedAt = nowMs();
      conn.info.closeCode = code;
      conn.ready = false;
      if (conn.session?.conn === conn) conn.session.conn = null;
      this.#state.changed();
    });
    ws.on('message', (raw, isBinary) => this.#onMessage(conn, raw, isBinary));

    const { query } = conn.info;
    // 4012 is unrecoverable for discord.js, so a misconfigured client fails fast instead of looping.
    if (query.v !== '10') {
      ws.close(4012, 'Invalid API version');
      return;
    }
    if ((query.encoding ?? 'json') !== 'json' || query.compress !== undefined) {
      ws.close(4012, 'fake Discord speaks uncompressed JSON only');
      return;
    }
    this.#send(conn, { op: 10, d: { heartbeat_interval: this.#state.heartbeatIntervalMs }, s: null, t: null });
    this.#state.changed();
  }

  #send(conn: Connection, payload: unknown): void {
    if (conn.ws.readyState === WebSocket.OPEN) conn.ws.send(JSON.stringify(payload));
  }

  #onMessage(conn: Connection, raw: RawData, isBinary: boolean): void {
    let payload: unknown;
    try {
      if (isBinary) throw new Error('binary frame');
      payload = JSON.parse(raw.toString()) as unknown;
    } catch {
      conn.ws.close(4002, 'Decode error');
      return;
    }
    if (!isRecord(payload) || typeof payload.op !== 'number') {
      conn.ws.close(4002, 'Decode error');
      return;
    }
    const d = payload.d;
    this.received.push({ connectionId: conn.info.id, op: payload.op, d, atMs: nowMs() });
    switch (payload.op) {
      case 1:
        this.heartbeatCount += 1;
        if (this.ackHeartbeats) this.#send(conn, { op: 11, d: null, s: null, t: null });
        break;
      case 2:
        this.#identify(conn, d);
        break;
      case 6:
        this.#resume(conn, d);
        break;
      case 3: // presence update
      case 4: // voice state update
      case 8: // request guild members
        if (!conn.session) conn.ws.close(4003, 'Not authenticated');
        break;
      default:
        conn.ws.close(4001, 'Unknown opcode');
    }
    this.#state.changed();
  }

  #identify(conn: Connection, d: unknown): void {
    if (conn.session) {
      conn.ws.close(4005, 'Already authenticated');
      return;
    }
    if (!isRecord(d) || d.token !== this.#state.token) {
      conn.ws.close(4004, 'Authentication failed');
      return;
    }
    const count = this.#state.shardCount;
    const shard = d.shard ?? (count === 1 ? [0, 1] : undefined);
    if (
      !Array.isArray(shard) ||
      shard[1] !== count ||
      typeof shard[0] !== 'number' ||
      !Number.isInteger(shard[0]) ||
      shard[0] < 0 ||
      shard[0] >= count
    ) {
      // Discord closes with 4011 when a bot in this many guilds must shard, 4010 for a bad shard pair.
      conn.ws.close(shard === undefined ? 4011 : 4010, shard === undefined ? 'Sharding required' : 'Invalid shard');
      return;
    }
    const shardId = shard[0] as number;
    if (typeof d.intents !== 'number') {
      conn.ws.close(4013, 'Invalid intent(s)');
      return;
    }
    if ((d.intents & PRIVILEGED_INTENTS & ~this.#state.privilegedIntents) !== 0) {
      conn.ws.close(4014, 'Disallowed intent(s)');
      return;
    }
    this.identifies.push(d);
    this.identifyCount += 1;
    const session: Session = { id: randomBytes(16).toString('hex'), seq: 0, log: [], conn, invalid: false, shard: shardId };
    this.#sessions.set(session.id, session);
    this.#current.set(shardId, session);
    conn.session = session;
    const guilds = [...this.#state.guilds.values()].filter((guild) => shardOfGuild(guild.def.id, count) === shardId);
    this.#dispatch(session, 'READY', {
      v: 10,
      user: { ...botUser(this.#state), verified: true, mfa_enabled: false, email: null },
      guilds: guilds.map((g) => ({ id: g.def.id, unavailable: true })),
      session_id: session.id,
      resume_gateway_url: this.#url(),
      shard: [shardId, count],
      application: { id: this.#state.applicationId, flags: 0 },
      private_channels: [],
      relationships: [],
      user_settings: {},
      presences: [],
      guild_join_requests: [],
      geo_ordered_rtc_regions: [],
    });
    // @discordjs/ws does not await one frame's handler before starting the next, so READY and a
    // GUILD_CREATE arriving in one socket read race through their awaits. Today READY wins (same
    // number of awaits, started first), but a GUILD_CREATE overtaking READY would later be
    // overwritten by READY's `unavailable: true` stub. A few ms gap removes the dependency.
    setTimeout(() => {
      if (conn.session !== session || conn.ws.readyState !== WebSocket.OPEN) return;
      for (const guild of guilds) this.#dispatch(session, 'GUILD_CREATE', guildCreatePayload(this.#state, guild));
      conn.ready = true;
      this.#state.changed();
    }, 5);
  }

  #resume(conn: Connection, d: unknown): void {
    if (!isRecord(d) || d.token !== this.#state.token) {
      conn.ws.close(4004, 'Authentication failed');
      return;
    }
    const session = typeof d.session_id === 'string' ? this.#sessions.get(d.session_id) : undefined;
    const seq = typeof d.seq === 'number' ? d.seq : 0;
    if (!session || session.invalid || seq > session.seq) {
      this.#send(conn, { op: 9, d: false, s: null, t: null });
      return;
    }
    if (session.conn && session.conn !== conn) {
      // The new socket takes over the session; Discord drops the old one.
      session.conn.session = null;
      session.conn.ws.close(4000, 'Session resumed elsewhere');
    }
    session.conn = conn;
    conn.session = session;
    this.resumeCount += 1;
    for (const frame of session.log) {
      if (frame.s > seq) this.#send(conn, frame);
    }
    // RESUMED carries a sequence number but is not replayable, so it stays out of the log.
    session.seq += 1;
    this.#send(conn, { op: 0, t: 'RESUMED', s: session.seq, d: {} });
    conn.ready = true;
  }

  #dispatch(session: Session, t: string, d: unknown): number {
    session.seq += 1;
    const frame: DispatchFrame = { op: 0, t, s: session.seq, d };
    session.log.push(frame);
    if (session.conn) this.#send(session.conn, frame);
    return frame.s;
  }

  /**
   * Dispatches to the current session. While the client is disconnected but resumable the
   * event waits in the session log and is replayed on RESUME, as on Discord; a client that
   * re-IDENTIFYs instead never sees it.
   */
  dispatch(t: string, d: unknown): number {
    // An event about a guild goes to the shard that owns the guild; others (DMs) to shard 0, as on Discord.
    const shard = isRecord(d) && typeof d.guild_id === 'string' ? shardOfGuild(d.guild_id, this.#state.shardCount) : 0;
    const session = this.#current.get(shard);
    if (!session) throw new Error('fake Discord: no gateway session to dispatch to (await fake.waitForReady() after client.login())');
    return this.#dispatch(session, t, d);
  }

  #liveConnection(shard = 0): Connection {
    const conn = this.#current.get(shard)?.conn;
    if (!conn || conn.ws.readyState !== WebSocket.OPEN) throw new Error('fake Discord: no connected gateway client');
    return conn;
  }

  /** Shard 0's session, once every shard has a ready session. */
  readySession(): ReadySession | undefined {
    for (let shard = 0; shard < this.#state.shardCount; shard++) {
      const session = this.#current.get(shard);
      if (!session?.conn?.ready || session.conn.ws.readyState !== WebSocket.OPEN) return undefined;
    }
    const session = this.#current.get(0)!;
    return { sessionId: session.id, identifyCount: this.identifyCount, resumeCount: this.resumeCount };
  }

  /** Resolves once the client is back (resumed or identified) after a disruption started now. */
  #afterDisruption(): Promise<ReconnectOutcome> {
    const identified = this.identifyCount;
    const resumed = this.resumeCount;
    return this.#state.waiters
      .waitFor<ReconnectOutcome>(
        () => {
          if (!this.readySession()) return undefined;
          if (this.resumeCount > resumed) return 'resumed';
          if (this.identifyCount > identified) return 'identified';
          return undefined;
        },
        30_000,
        () => 'waiting for the client to reconnect',
      )
      .catch((): ReconnectOutcome => (this.#closed ? 'closed' : 'timeout'));
  }

  dropConnection(code: number | 'abrupt' = 4000, shard = 0): Promise<ReconnectOutcome> {
    const conn = this.#liveConnection(shard);
    const outcome = this.#afterDisruption();
    if (code === 'abrupt') conn.ws.terminate();
    else conn.ws.close(code, 'fake Discord dropped the connection');
    return outcome;
  }

  sendReconnect(): Promise<ReconnectOutcome> {
    const conn = this.#liveConnection();
    const outcome = this.#afterDisruption();
    this.#send(conn, { op: 7, d: null, s: null, t: null });
    return outcome;
  }

  invalidateSession(resumable: boolean): Promise<ReconnectOutcome> {
    const conn = this.#liveConnection();
    const outcome = this.#afterDisruption();
    const session = this.#current.get(0);
    if (!resumable && session) {
      session.invalid = true;
      this.#current.delete(0);
    }
    conn.ready = false;
    this.#send(conn, { op: 9, d: resumable, s: null, t: null });
    return outcome;
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const conn of this.#connections) {
      if (conn.ws.readyState !== WebSocket.CLOSED) conn.ws.terminate();
    }
    this.#wss.close();
  }
}
