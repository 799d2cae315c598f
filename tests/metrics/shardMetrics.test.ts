import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { createLogger, silentLogger } from '../../src/log';
import { Metrics } from '../../src/metrics/metrics';
import { answerMetricsRequests, type MetricsChild, type MetricsMessage, ShardMetrics } from '../../src/metrics/shardMetrics';

function sample(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : Number.NaN;
}

interface FakeChild {
  child: MetricsChild;
  /** The requests this child got, answered or not. */
  requests: string[];
  /** The answers the manager has taken from this child. */
  answered: number;
  stop(): void;
}

/**
 * A child process without the process: the manager's messages reach the
 * child's channel, and the child's reach the manager, each a turn of the event
 * loop later, as over IPC. `answering` false: a child whose event loop is stuck.
 */
function fakeChild(gathered: () => ShardMetrics, index: number, metrics: Metrics, answering = true): FakeChild & { connected: boolean } {
  const channel = new EventEmitter() as EventEmitter & { send(message: unknown): boolean };
  channel.send = (message) => {
    setImmediate(() => {
      gathered().receive(index, message);
      fake.answered++;
    });
    return true;
  };
  const requests: string[] = [];
  const stop = answering ? answerMetricsRequests(metrics.registry, channel) : () => {};
  const fake = {
    connected: true,
    requests,
    answered: 0,
    stop,
    child: {
      index,
      connected: () => fake.connected,
      send: async (message: MetricsMessage) => {
        requests.push(message.id);
        setImmediate(() => channel.emit('message', message));
      },
    },
  };
  return fake;
}

/** A child's Metrics after one answered /ask, as the log line the bot writes makes it. */
function childMetrics(index: number, articles: number, waiting: number): Metrics {
  const metrics = new Metrics({ shardProcess: String(index) });
  metrics.measure({
    articles: () => articles,
    sentences: () => articles * 10,
    alertsWaiting: async () => waiting,
    gatewayConnected: () => true,
  });
  answerAsk(metrics);
  return metrics;
}

/** One more answered /ask in a child's counters. */
function answerAsk(metrics: Metrics): void {
  metrics
    .observe(silentLogger)
    .info('interaction', { kind: 'command', command: 'ask', outcome: 'answer', firstResponseMs: 40, latencyMs: 700 });
}

describe("the sharding manager's /metrics, gathered from its children", () => {
  it('sums the counters and histograms, takes the least library, keeps one series per process for the default metrics', async () => {
    let gathered: ShardMetrics | undefined;
    const children = [fakeChild(() => gathered!, 0, childMetrics(0, 7, 3)), fakeChild(() => gathered!, 1, childMetrics(1, 5, 4))];
    gathered = new ShardMetrics(() => children.map((c) => c.child), 60_000, silentLogger);
    gathered.started(0, false);
    gathered.started(1, false);
    gathered.started(1, true);

    const text = await gathered.metrics();
    expect(sample(text, 'policy_desk_commands_total{kind="command",command="ask",outcome="answer"}')).toBe(2);
    expect(sample(text, 'policy_desk_command_reply_seconds_count{kind="command",command="ask"}')).toBe(2);
    expect(sample(text, 'policy_desk_command_reply_seconds_sum{kind="command",command="ask"}')).toBeCloseTo(1.4);
    expect(sample(text, 'policy_desk_command_reply_seconds_bucket{le="1",kind="command",command="ask"}')).toBe(2);
    expect(sample(text, 'policy_desk_command_reply_seconds_bucket{le="0.5",kind="command",command="ask"}')).toBe(0);
    expect(sample(text, 'policy_desk_alerts_waiting')).toBe(7);
    expect(sample(text, 'policy_desk_library_articles')).toBe(5);
    expect(sample(text, 'policy_desk_library_sentences')).toBe(50);
    expect(sample(text, 'policy_desk_gateway_connected')).toBe(1);
    // Each process's memory on its own, the manager's too; never one line for them all.
    for (const process of ['0', '1', 'manager']) {
      expect(sample(text, `policy_desk_process_resident_memory_bytes{shard_process="${process}"}`)).toBeGreaterThan(0);
      expect(sample(text, `policy_desk_nodejs_heap_size_used_bytes{shard_process="${process}"}`)).toBeGreaterThan(0);
    }
    expect(text).not.toMatch(/^policy_desk_process_resident_memory_bytes /m);
    expect(sample(text, 'policy_desk_shard_metrics_up{shard_process="0"}')).toBe(1);
    expect(sample(text, 'policy_desk_shard_metrics_up{shard_process="1"}')).toBe(1);
    expect(sample(text, 'policy_desk_shard_scrape_errors')).toBe(0);
    expect(sample(text, 'policy_desk_shard_processes_running')).toBe(2);
    expect(sample(text, 'policy_desk_shard_process_restarts_total{shard_process="0"}')).toBe(0);
    expect(sample(text, 'policy_desk_shard_process_restarts_total{shard_process="1"}')).toBe(1);
    expect(sample(text, 'policy_desk_shard_scrape_seconds')).toBeGreaterThan(0);
    expect(text).not.toMatch(/^(?!#)(?!policy_desk_)\S/m);
  });

  it('leaves out a child that does not answer in time, says which, and drops its late answer', async () => {
    const lines: string[] = [];
    let gathered: ShardMetrics | undefined;
    const stuckMetrics = childMetrics(1, 5, 0);
    const live = fakeChild(() => gathered!, 0, childMetrics(0, 7, 0));
    const stuck = fakeChild(() => gathered!, 1, stuckMetrics, false);
    gathered = new ShardMetrics(
      () => [live.child, stuck.child],
      // Long enough that the live child answers in time on a machine under load (200 ms did not at load 40).
      2000,
      createLogger('info', (line) => lines.push(line)),
    );

    const text = await gathered.metrics();
    expect(stuck.requests).toHaveLength(1);
    expect(sample(text, 'policy_desk_commands_total{kind="command",command="ask",outcome="answer"}')).toBe(1);
    expect(sample(text, 'policy_desk_shard_metrics_up{shard_process="0"}')).toBe(1);
    expect(sample(text, 'policy_desk_shard_metrics_up{shard_process="1"}')).toBe(0);
    expect(sample(text, 'policy_desk_shard_scrape_errors')).toBe(1);
    // The child that answered is connected; the one that did not cannot say so.
    expect(sample(text, 'policy_desk_gateway_connected')).toBe(0);
    expect(text).not.toContain('policy_desk_process_resident_memory_bytes{shard_process="1"}');
    expect(lines.map((l) => JSON.parse(l) as Record<string, unknown>)).toEqual([
      expect.objectContaining({ event: 'shard_metrics_missing', process: 1, reason: 'no answer within 2000 ms' }),
    ]);

    // Its answer, once it comes, belongs to a scrape that is over: taken and dropped.
    expect(
      gathered.receive(1, { pd: 'metrics-result', id: stuck.requests[0]!, metrics: await stuckMetrics.registry.getMetricsAsJSON() }),
    ).toBe(true);
    expect(gathered.receive(1, { pd: 'feed-articles', items: [], alert: false })).toBe(false);

    // Answering again: back in the sum, said once in the log.
    const again = fakeChild(() => gathered!, 1, stuckMetrics);
    stuck.child.send = again.child.send;
    const back = await gathered.metrics();
    expect(sample(back, 'policy_desk_commands_total{kind="command",command="ask",outcome="answer"}')).toBe(2);
    expect(sample(back, 'policy_desk_shard_scrape_errors')).toBe(0);
    expect(sample(back, 'policy_desk_gateway_connected')).toBe(1);
    await gathered.metrics();
    expect(lines.map((l) => (JSON.parse(l) as { event: string }).event)).toEqual(['shard_metrics_missing', 'shard_metrics_back']);
  });

  it('never lets a sum go back: a child missing from a scrape counts with its last counters, a restarted one adds to its old life', async () => {
    const ask = 'policy_desk_commands_total{kind="command",command="ask",outcome="answer"}';
    const replies = 'policy_desk_command_reply_seconds_count{kind="command",command="ask"}';
    let gathered: ShardMetrics | undefined;
    const children = [fakeChild(() => gathered!, 0, childMetrics(0, 7, 0)), fakeChild(() => gathered!, 1, childMetrics(1, 7, 0))];
    // As above: answering children must answer in time on a loaded machine; the stuck one costs the wait once.
    gathered = new ShardMetrics(() => children.map((c) => c.child), 2000, silentLogger);
    expect(sample(await gathered.metrics(), ask)).toBe(2);

    // Child 1 stuck: its one /ask is still in the sum, its gauges and process metrics are not.
    children[1] = fakeChild(() => gathered!, 1, childMetrics(1, 7, 0), false);
    const stuck = await gathered.metrics();
    expect(sample(stuck, ask)).toBe(2);
    expect(sample(stuck, replies)).toBe(2);
    expect(sample(stuck, 'policy_desk_shard_scrape_errors')).toBe(1);
    expect(stuck).not.toContain('policy_desk_process_resident_memory_bytes{shard_process="1"}');

    // Child 1 dies and starts again, counting from 0: twice, with an /ask in each new life.
    for (const [life, total] of [
      [2, 3],
      [3, 4],
    ] as const) {
      children[1] = fakeChild(() => gathered!, 1, childMetrics(1, 7, 0));
      gathered.started(1, true);
      const text = await gathered.metrics();
      expect(sample(text, ask), `life ${life}`).toBe(total);
      expect(sample(text, replies), `life ${life}`).toBe(total);
      expect(sample(text, 'policy_desk_shard_process_restarts_total{shard_process="1"}')).toBe(life - 1);
    }
  });

  it('never lets a sum go back when a child answers a scrape, then restarts while that scrape still waits for another', async () => {
    const ask = 'policy_desk_commands_total{kind="command",command="ask",outcome="answer"}';
    let gathered: ShardMetrics | undefined;
    const firstLife = childMetrics(0, 7, 0);
    const other = new Metrics({ shardProcess: '1' });
    const children = [fakeChild(() => gathered!, 0, firstLife), fakeChild(() => gathered!, 1, other)];
    gathered = new ShardMetrics(() => children.map((c) => c.child), 2_000, silentLogger);
    gathered.started(0, false);
    gathered.started(1, false);
    expect(sample(await gathered.metrics(), ask)).toBe(1);

    // Child 0 counts two more, answers the next scrape, and dies and starts again while the scrape waits for child 1, stuck.
    answerAsk(firstLife);
    answerAsk(firstLife);
    const old = children[0]!;
    const answering = children[1]!;
    children[1] = fakeChild(() => gathered!, 1, other, false);
    const scrape = gathered.metrics();
    await vi.waitFor(() => expect(old.answered).toBe(2), { timeout: 1_500, interval: 5 });
    const secondLife = new Metrics({ shardProcess: '0' });
    children[0] = fakeChild(() => gathered!, 0, secondLife);
    gathered.started(0, true);
    const during = await scrape;
    children[1] = answering;
    expect(sample(during, ask)).toBe(3);
    // The answer came from a process that is gone: the new one has not answered yet.
    expect(sample(during, 'policy_desk_shard_metrics_up{shard_process="0"}')).toBe(0);

    // The new life answers with 0: its old life's 3 stay, counted once.
    expect(sample(await gathered.metrics(), ask)).toBe(3);
    answerAsk(secondLife);
    expect(sample(await gathered.metrics(), ask)).toBe(4);
  });

  it('does not wait for a child that is not running, nor ask it', async () => {
    let gathered: ShardMetrics | undefined;
    const live = fakeChild(() => gathered!, 0, childMetrics(0, 7, 0));
    const down = fakeChild(() => gathered!, 1, childMetrics(1, 7, 0));
    down.connected = false;
    // An hour's timeout: the scrape ends only because the child that is down is not waited for.
    gathered = new ShardMetrics(() => [live.child, down.child], 3_600_000, silentLogger);
    const text = await gathered.metrics();
    expect(down.requests).toEqual([]);
    expect(sample(text, 'policy_desk_shard_processes_running')).toBe(1);
    expect(sample(text, 'policy_desk_shard_metrics_up{shard_process="1"}')).toBe(0);
    expect(sample(text, 'policy_desk_shard_scrape_errors')).toBe(1);
    expect(sample(text, 'policy_desk_commands_total{kind="command",command="ask",outcome="answer"}')).toBe(1);
  });

  it('stops waiting for a child that dies after it was asked', async () => {
    let gathered: ShardMetrics | undefined;
    const live = fakeChild(() => gathered!, 0, childMetrics(0, 7, 0));
    const dying = fakeChild(() => gathered!, 1, childMetrics(1, 7, 0), false);
    // An hour's timeout: the scrape ends only because the child that died is not waited for.
    gathered = new ShardMetrics(() => [live.child, dying.child], 3_600_000, silentLogger);
    const scrape = gathered.metrics();
    await vi.waitFor(() => expect(dying.requests).toHaveLength(1), { interval: 5 });
    dying.connected = false;
    gathered.stopped(1);
    const text = await scrape;
    expect(sample(text, 'policy_desk_shard_metrics_up{shard_process="1"}')).toBe(0);
    expect(sample(text, 'policy_desk_shard_scrape_errors')).toBe(1);
    expect(sample(text, 'policy_desk_commands_total{kind="command",command="ask",outcome="answer"}')).toBe(1);
  });

  it('a child whose channel to the manager has closed sends nothing, and gives every send a callback', async () => {
    const channel = new EventEmitter() as EventEmitter & { connected: boolean; send(message: unknown, callback: unknown): boolean };
    const callbacks: unknown[] = [];
    channel.connected = true;
    // As Node's process.send does when given a callback: the failure goes to it, not to an 'error' event.
    channel.send = (_message, callback) => {
      callbacks.push(callback);
      (callback as (error: Error) => void)(new Error('Channel closed'));
      return false;
    };
    answerMetricsRequests(childMetrics(0, 3, 0).registry, channel);
    channel.emit('message', { pd: 'metrics-request', id: 'a1' });
    await vi.waitFor(() => expect(callbacks).toHaveLength(1), { interval: 5 });
    expect(typeof callbacks[0]).toBe('function');
    channel.connected = false;
    channel.emit('message', { pd: 'metrics-request', id: 'a2' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(callbacks).toHaveLength(1);
  });

  it('a child answers the requests on its channel with its registry, until stopped', async () => {
    const channel = new EventEmitter() as EventEmitter & { send(message: unknown): boolean };
    const sent: MetricsMessage[] = [];
    channel.send = (message) => sent.push(message as MetricsMessage) > 0;
    const stop = answerMetricsRequests(childMetrics(0, 3, 0).registry, channel);
    channel.emit('message', { pd: 'feed-articles', items: [], alert: false });
    channel.emit('message', { pd: 'metrics-request', id: 'a1' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sent.map((m) => m.id)).toEqual(['a1']);
    const result = sent[0] as Extract<MetricsMessage, { pd: 'metrics-result' }>;
    expect(result.metrics?.find((m) => m.name === 'policy_desk_commands_total')?.values).toEqual([
      { value: 1, labels: { kind: 'command', command: 'ask', outcome: 'answer' } },
    ]);
    stop();
    channel.emit('message', { pd: 'metrics-request', id: 'a2' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sent).toHaveLength(1);
  });
});
