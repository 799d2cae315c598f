import { randomBytes } from 'node:crypto';
import {
  AggregatorRegistry,
  collectDefaultMetrics,
  Counter,
  Gauge,
  type MetricObjectWithValues,
  type MetricValue,
  Registry,
} from 'prom-client';
import type { Logger } from '../log';
import { GATEWAY_CONNECTED } from './metrics';
import type { MetricsText } from './server';

/** One registry's metrics as `registry.getMetricsAsJSON()` gives them: what crosses the IPC channel. */
export type MetricsJson = MetricObjectWithValues<MetricValue<string>>[];

/** Between the sharding manager and a child, over the IPC channel the manager already routes (`pd` messages). */
export type MetricsMessage =
  | { pd: 'metrics-request'; id: string }
  | { pd: 'metrics-result'; id: string; metrics?: MetricsJson; error?: string };

/** The side of the IPC channel a child has: `process` itself, or a stand-in in tests. */
export interface ManagerChannel {
  on(event: 'message', listener: (message: unknown) => void): unknown;
  off(event: 'message', listener: (message: unknown) => void): unknown;
  send?(message: unknown, callback: (error: Error | null) => void): boolean;
  /** False once the IPC channel has closed (the manager went away). */
  connected?: boolean;
}

/** In a child: answers the manager's metrics requests with this process's registry. Returns what stops it. */
export function answerMetricsRequests(registry: Registry, channel: ManagerChannel = process as ManagerChannel): () => void {
  const reply = (message: MetricsMessage) => {
    // The channel can close while the registry is read: without a callback, Node raises the failed send as an
    // 'error' on process, which would crash the child. An answer that cannot go is nobody's loss: the manager
    // that asked is gone, or leaves this child out of that scrape.
    if (channel.connected === false) return;
    channel.send?.(message, () => {});
  };
  const onMessage = (message: unknown) => {
    if (!isMetricsMessage(message) || message.pd !== 'metrics-request') return;
    const { id } = message;
    registry.getMetricsAsJSON().then(
      (metrics) => reply({ pd: 'metrics-result', id, metrics }),
      (error: unknown) => reply({ pd: 'metrics-result', id, error: (error as Error).message }),
    );
  };
  channel.on('message', onMessage);
  return () => channel.off('message', onMessage);
}

const isMetricsMessage = (message: unknown): message is MetricsMessage => {
  const pd = (message as { pd?: unknown } | null)?.pd;
  return (pd === 'metrics-request' || pd === 'metrics-result') && typeof (message as { id?: unknown }).id === 'string';
};

// prom-client's typings give `type` as a numeric enum; getMetricsAsJSON() gives the name, which aggregate() writes out.
const notConnected = {
  ...GATEWAY_CONNECTED,
  type: 'gauge',
  aggregator: 'min',
  values: [{ value: 0, labels: {} }],
} as unknown as MetricsJson[number];

/** The metrics that only go up (while their process lives), and so are summed across a child's restarts and missed scrapes. */
const cumulative = (metrics: MetricsJson): MetricsJson =>
  metrics.filter((metric) => ['counter', 'histogram'].includes(metric.type as unknown as string));

/** One series of a metric: a histogram's bucket, sum or count, under its labels. */
const seriesKey = (value: MetricsJson[number]['values'][number]) =>
  `${(value as { metricName?: string }).metricName ?? ''}${JSON.stringify(Object.entries(value.labels).sort(([a], [b]) => (a < b ? -1 : 1)))}`;

/**
 * Two lives' counters and histograms summed, series by series, as aggregate()
 * sums them, into one: a child that restarts again and again adds no more to
 * each scrape than one that restarted once.
 */
function addUp(into: MetricsJson, more: MetricsJson): MetricsJson {
  const sums = new Map(into.map((metric) => [metric.name, { ...metric, values: metric.values.map((value) => ({ ...value })) }]));
  for (const metric of more) {
    const sum = sums.get(metric.name);
    if (!sum) {
      sums.set(metric.name, { ...metric, values: metric.values.map((value) => ({ ...value })) });
      continue;
    }
    const byKey = new Map(sum.values.map((value) => [seriesKey(value), value]));
    for (const value of metric.values) {
      const same = byKey.get(seriesKey(value));
      if (same) same.value += value.value;
      else sum.values.push({ ...value });
    }
  }
  return [...sums.values()];
}

/**
 * Two answers of one life merged, series by series, to the higher: within a
 * life counters and histograms only go up, so the higher is the fresher,
 * whichever answer came last.
 */
function freshest(older: MetricsJson, newer: MetricsJson): MetricsJson {
  const merged = addUp(older, []);
  const byName = new Map(merged.map((metric) => [metric.name, metric]));
  for (const metric of newer) {
    const into = byName.get(metric.name);
    if (!into) {
      merged.push({ ...metric, values: metric.values.map((value) => ({ ...value })) });
      continue;
    }
    const byKey = new Map(into.values.map((value) => [seriesKey(value), value]));
    for (const value of metric.values) {
      const same = byKey.get(seriesKey(value));
      if (!same) into.values.push({ ...value });
      else same.value = Math.max(same.value, value.value);
    }
  }
  return merged;
}

/** A child as the manager sees it. */
export interface MetricsChild {
  /** Its process number (0…N-1), the `shard_process` label. */
  index: number;
  connected(): boolean;
  send(message: MetricsMessage): Promise<unknown>;
}

interface Pending {
  resolve(metrics: MetricsJson | null): void;
  timer: NodeJS.Timeout;
}

/** What a scrape got from a child: the answer, and which life of the child it asked. */
interface Answer {
  metrics: MetricsJson | null;
  life: number;
}

/** A child's counters and histograms as one of its lives last gave them. */
interface LifeCounts {
  life: number;
  metrics: MetricsJson;
}

/**
 * The sharding manager's /metrics: on each scrape it asks every live child for
 * its registry (prom-client's cluster scheme, over the manager's own IPC
 * channel rather than node:cluster's) and merges the answers with
 * `AggregatorRegistry.aggregate`: counters, histograms and the alerts waiting
 * are summed, the library and gateway gauges take the least (metrics.ts), and
 * prom-client's per-process metrics stay one series per process through their
 * `shard_process` label. A child that does not answer within `timeoutMs` is
 * left out, so one stuck child cannot hang the scrape, and one that dies
 * while asked is not waited for (`stopped`); the manager's own
 * gauges say which (`policy_desk_shard_metrics_up`). The sums never go back:
 * a child missing from a scrape counts with its last counters, and a
 * restarted child's new counts add to what its previous life had counted.
 */
export class ShardMetrics implements MetricsText {
  readonly contentType: string;
  private readonly registry = new Registry();
  private readonly pending = new Map<string, Pending>();
  private readonly answered = new Map<number, boolean>();
  /**
   * Each child's life: bumped at each start. A scrape notes the life it asked,
   * since the child can answer, die and start again before the scrape ends,
   * and the answer must then count for the life that gave it, not the new one.
   */
  private readonly lives = new Map<number, number>();
  /** Each child's counters and histograms as its current life's last answer gave them. */
  private readonly lastSeen = new Map<number, LifeCounts>();
  /**
   * Each child's life that ended last, apart from `departed` until the next
   * restart: a scrape that asked it before it died can still bring fresher counts.
   */
  private readonly lastDeparted = new Map<number, LifeCounts>();
  /** The counters and histograms of the children's earlier lives, added up. */
  private departed: MetricsJson = [];

  private readonly up = new Gauge({
    name: 'policy_desk_shard_metrics_up',
    help: "1 when the child process answered this scrape's request for its metrics in time, 0 when it is down or did not answer",
    labelNames: ['shard_process'],
    registers: [this.registry],
  });
  private readonly errors = new Gauge({
    name: 'policy_desk_shard_scrape_errors',
    help: 'Child processes whose metrics are missing from this scrape (down, or no answer in time)',
    registers: [this.registry],
  });
  private readonly seconds = new Gauge({
    name: 'policy_desk_shard_scrape_seconds',
    help: "Time this scrape took to gather the child processes' metrics",
    registers: [this.registry],
  });
  private readonly restarts = new Counter({
    name: 'policy_desk_shard_process_restarts_total',
    help: 'Child processes started again after they died',
    labelNames: ['shard_process'],
    registers: [this.registry],
  });

  constructor(
    private readonly children: () => MetricsChild[],
    private readonly timeoutMs: number,
    private readonly log: Logger,
  ) {
    this.contentType = this.registry.contentType;
    collectDefaultMetrics({ register: this.registry, prefix: 'policy_desk_', labels: { shard_process: 'manager' } });
    const running = () => this.children().filter((child) => child.connected()).length;
    new Gauge({
      name: 'policy_desk_shard_processes_running',
      help: 'Child processes running (connected to the manager)',
      registers: [this.registry],
      collect() {
        this.set(running());
      },
    });
  }

  /** A child process started; from its second start on, a restart. */
  started(index: number, restart: boolean): void {
    const life = this.lives.get(index) ?? 0;
    this.lives.set(index, life + 1);
    this.restarts.inc({ shard_process: String(index) }, restart ? 1 : 0);
    if (!restart) return;
    // The new process counts from 0: what the old one had counted stays in the sums (what it counted after its last answer is lost).
    const earlier = this.lastDeparted.get(index);
    if (earlier) this.departed = addUp(this.departed, earlier.metrics);
    this.lastDeparted.set(index, { life, metrics: this.lastSeen.get(index)?.metrics ?? [] });
    this.lastSeen.delete(index);
  }

  /** A child process died: a scrape waiting for its answer stops waiting (the dead cannot answer). */
  stopped(index: number): void {
    for (const [key, waiting] of this.pending) {
      if (!key.startsWith(`${index}:`)) continue;
      this.pending.delete(key);
      clearTimeout(waiting.timer);
      waiting.resolve(null);
    }
  }

  /** Takes a child's answer; false for a message that is not one (for the manager's other routes). */
  receive(index: number, message: unknown): boolean {
    if (!isMetricsMessage(message)) return false;
    if (message.pd !== 'metrics-result') return true;
    const key = `${index}:${message.id}`;
    const waiting = this.pending.get(key);
    // An answer after its scrape gave up on it is dropped: that scrape is over.
    if (!waiting) return true;
    this.pending.delete(key);
    clearTimeout(waiting.timer);
    if (message.error !== undefined) this.log.warn('shard_metrics_failed', { process: index, error: message.error });
    waiting.resolve(message.metrics ?? null);
    return true;
  }

  async metrics(): Promise<string> {
    const started = performance.now();
    const id = randomBytes(8).toString('hex');
    const children = this.children();
    const answers = await Promise.all(children.map((child) => this.ask(child, id)));
    this.seconds.set((performance.now() - started) / 1000);
    const gathered: MetricsJson[] = [];
    const missing: MetricsChild[] = [];
    for (const [i, child] of children.entries()) {
      const { metrics, life } = answers[i]!;
      const counts = metrics && this.keep(child.index, life, cumulative(metrics));
      // An answer from a life that has since ended speaks for a process that is gone: the child running now did not answer.
      if (counts === 'current') gathered.push(metrics!);
      else missing.push(child);
      this.noteAnswer(child, counts === 'current', metrics ? 'restarted while asked' : undefined);
    }
    this.errors.set(missing.length);
    // A child that did not answer cannot vouch for its shards: the merged gauge (their least) reads 0.
    // Its counters stay in the sums at their last values: a sum that dropped would read as a counter reset to Prometheus's
    // rate(), which would then count the other children's whole totals as new.
    const unknown = missing.map((child) => [notConnected, ...(this.lastSeen.get(child.index)?.metrics ?? [])]);
    const ended = [...this.lastDeparted.values()].map((counts) => counts.metrics);
    return AggregatorRegistry.aggregate([
      ...gathered,
      this.departed,
      ...ended,
      await this.registry.getMetricsAsJSON(),
      ...unknown,
    ]).metrics();
  }

  /**
   * Files an answer's counts under the life that gave them: 'current' for the
   * running life; 'ended' for the life that ended last, whose counts it
   * freshens; null for an older life, already in `departed`, which it leaves
   * alone rather than count twice.
   */
  private keep(index: number, life: number, counts: MetricsJson): 'current' | 'ended' | null {
    const seen = this.lastSeen.get(index);
    if (life === (this.lives.get(index) ?? 0)) {
      this.lastSeen.set(index, { life, metrics: seen ? freshest(seen.metrics, counts) : counts });
      return 'current';
    }
    const ended = this.lastDeparted.get(index);
    if (ended?.life !== life) return null;
    ended.metrics = freshest(ended.metrics, counts);
    return 'ended';
  }

  private ask(child: MetricsChild, id: string): Promise<Answer> {
    const life = this.lives.get(child.index) ?? 0;
    if (!child.connected()) return Promise.resolve({ metrics: null, life });
    return new Promise((resolve) => {
      const key = `${child.index}:${id}`;
      const give = (metrics: MetricsJson | null) => {
        this.pending.delete(key);
        resolve({ metrics, life });
      };
      const timer = setTimeout(() => give(null), this.timeoutMs);
      // A scrape in flight must not keep the manager's process alive when it stops.
      timer.unref();
      this.pending.set(key, { resolve: give, timer });
      child.send({ pd: 'metrics-request', id }).catch(() => {
        clearTimeout(timer);
        give(null);
      });
    });
  }

  /** Says so in the log when a child stops answering or answers again, not at every scrape. */
  private noteAnswer(child: MetricsChild, answered: boolean, why?: string): void {
    this.up.set({ shard_process: String(child.index) }, answered ? 1 : 0);
    const before = this.answered.get(child.index);
    this.answered.set(child.index, answered);
    if (before === answered || (before === undefined && answered)) return;
    if (answered) this.log.info('shard_metrics_back', { process: child.index });
    else
      this.log.warn('shard_metrics_missing', {
        process: child.index,
        reason: why ?? (child.connected() ? `no answer within ${this.timeoutMs} ms` : 'not running'),
      });
  }
}
