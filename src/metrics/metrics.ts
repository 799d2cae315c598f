import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Fields, Logger } from '../log';

/** What the gauges read when Prometheus scrapes; set once the app is built. */
export interface MetricSources {
  articles(): number;
  sentences(): number;
  alertsWaiting(): Promise<number>;
  gatewayConnected(): boolean;
}

const SECONDS = [0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 10, 30];

/** Shared with the sharding manager, which counts a child that did not answer as not connected (shardMetrics.ts). */
export const GATEWAY_CONNECTED = { name: 'policy_desk_gateway_connected', help: '1 while every gateway shard is connected' };

export interface MetricsOptions {
  /**
   * In a child of the sharding manager: its process number, put on prom-client's
   * per-process metrics (memory, CPU, event loop) so that the manager's merge
   * keeps one series per process rather than a sum or an average of them.
   */
  shardProcess?: string;
}

/**
 * Prometheus metrics, made from the events the bot already logs: the core
 * stays free of prom-client, and a metric cannot drift from the log line an
 * operator would read for the same event.
 */
export class Metrics {
  readonly registry = new Registry();
  private sources: MetricSources | undefined;

  private readonly commands = new Counter({
    name: 'policy_desk_commands_total',
    help: 'Commands and buttons handled, by outcome (answer, uncertain, none, refused, info, error)',
    labelNames: ['kind', 'command', 'outcome'],
    registers: [this.registry],
  });
  private readonly firstResponse = new Histogram({
    name: 'policy_desk_command_first_response_seconds',
    help: 'Time from receiving an interaction to its first response to Discord (a deferral or the reply)',
    labelNames: ['kind', 'command'],
    buckets: SECONDS,
    registers: [this.registry],
  });
  private readonly fullReply = new Histogram({
    name: 'policy_desk_command_reply_seconds',
    help: 'Time from receiving an interaction to its full reply',
    labelNames: ['kind', 'command'],
    buckets: SECONDS,
    registers: [this.registry],
  });
  private readonly alertsPosted = new Counter({
    name: 'policy_desk_alerts_posted_total',
    help: 'Topic alerts posted',
    registers: [this.registry],
  });
  private readonly alertsFailed = new Counter({
    name: 'policy_desk_alerts_failed_total',
    help: 'Topic alerts that could not be posted: channel paused (gone, no permission) or given up after retries',
    labelNames: ['reason'],
    registers: [this.registry],
  });
  private readonly alertRetries = new Counter({
    name: 'policy_desk_alert_retries_total',
    help: 'Alert posts that failed and will be retried',
    registers: [this.registry],
  });
  private readonly feedFetches = new Counter({
    name: 'policy_desk_feed_fetches_total',
    help: 'Feed fetches, by result (ok, not-modified, or the error code)',
    labelNames: ['result'],
    registers: [this.registry],
  });
  private readonly reconnects = new Counter({
    name: 'policy_desk_gateway_reconnects_total',
    help: 'Gateway connections lost and being re-established (resume or new session)',
    registers: [this.registry],
  });

  constructor(options: MetricsOptions = {}) {
    collectDefaultMetrics({
      register: this.registry,
      prefix: 'policy_desk_',
      ...(options.shardProcess === undefined ? {} : { labels: { shard_process: options.shardProcess } }),
    });
    const sources = () => this.sources;
    new Gauge({
      name: 'policy_desk_library_articles',
      help: 'Articles in the library',
      // Every child of the sharding manager holds the whole library: across them, what each one can answer from.
      aggregator: 'min',
      registers: [this.registry],
      collect() {
        this.set(sources()?.articles() ?? 0);
      },
    });
    new Gauge({
      name: 'policy_desk_library_sentences',
      help: 'Sentences in the search index',
      aggregator: 'min',
      registers: [this.registry],
      collect() {
        this.set(sources()?.sentences() ?? 0);
      },
    });
    new Gauge({
      name: 'policy_desk_alerts_waiting',
      help: 'Alerts waiting to be posted (rate limits, retries)',
      registers: [this.registry],
      async collect() {
        this.set((await sources()?.alertsWaiting()) ?? 0);
      },
    });
    new Gauge({
      ...GATEWAY_CONNECTED,
      // Across the sharding manager's children: 1 only while every child's shards are.
      aggregator: 'min',
      registers: [this.registry],
      collect() {
        this.set(sources()?.gatewayConnected() ? 1 : 0);
      },
    });
  }

  measure(sources: MetricSources): void {
    this.sources = sources;
  }

  /** A logger that writes every line as `log` does and counts the events metrics are made of. */
  observe(log: Logger): Logger {
    const tee =
      (write: (event: string, fields?: Fields) => void) =>
      (event: string, fields: Fields = {}) => {
        this.count(event, fields);
        write(event, fields);
      };
    return { debug: log.debug, info: tee(log.info), warn: tee(log.warn), error: tee(log.error) };
  }

  private count(event: string, fields: Fields): void {
    const kind = String(fields.kind ?? '');
    const command = String(fields.command ?? '');
    switch (event) {
      case 'interaction':
        if (kind === 'other') return;
        // An autocomplete's outcome is a count of choices, not a label worth a series each.
        this.commands.inc({ kind, command, outcome: kind === 'autocomplete' ? 'choices' : String(fields.outcome) });
        if (typeof fields.firstResponseMs === 'number') this.firstResponse.observe({ kind, command }, fields.firstResponseMs / 1000);
        if (typeof fields.latencyMs === 'number' && kind !== 'autocomplete')
          this.fullReply.observe({ kind, command }, fields.latencyMs / 1000);
        return;
      case 'interaction_failed':
        this.commands.inc({ kind, command, outcome: 'error' });
        return;
      case 'alert_sent':
        this.alertsPosted.inc();
        return;
      case 'subscriptions_paused':
        this.alertsFailed.inc({ reason: 'paused' });
        return;
      case 'alert_given_up':
        this.alertsFailed.inc({ reason: 'gave_up' });
        return;
      case 'alert_retry':
        this.alertRetries.inc();
        return;
      case 'feed_fetched':
        this.feedFetches.inc({ result: String(fields.result) });
        return;
      case 'gateway_reconnecting':
        this.reconnects.inc();
        return;
    }
  }
}
