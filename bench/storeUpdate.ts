/**
 * npm run bench:store-update: what one change to a large lowdb file costs,
 * now that a change is made to a copy and swapped in only once it is written
 * (src/store/jsonStore.ts). Compares a deep copy (structuredClone, the
 * default) with the copy each store uses, on a guild's history file at the
 * retention limit and on an alerts file holding 10,000 deliveries; "no copy"
 * is the cost of the write alone, as before the change.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { copyRows } from '../src/alerts/alertStore';
import type { AlertFile } from '../src/alerts/types';
import { silentLogger } from '../src/log';
import { copyChannels, type HistoryFile } from '../src/store/historyStore';
import { JsonStore } from '../src/store/jsonStore';

const UPDATES = 60;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const dir = mkdtempSync(join(tmpdir(), 'pd-bench-store-'));
const at = new Date('2026-11-01T00:00:00Z').toISOString();

function historyFile(): HistoryFile {
  const channels: HistoryFile['channels'] = {};
  for (let c = 0; c < 20; c++) {
    channels[`3000000000000000${String(c).padStart(3, '0')}`] = Array.from({ length: 200 }, (_, i) => ({
      id: `e${c}-${i}`,
      userId: '4000000000000000001',
      at,
      question: `What did the ministers agree on regarding trade and security, question ${i}?`,
      answered: true,
      quotes: [{ articleId: '000_02b1b7e6bf94f65a', start: 310, end: 538 }],
    }));
  }
  return { version: 1, channels };
}

function alertFile(): AlertFile {
  const subscriptions = Array.from({ length: 50 }, (_, i) => ({
    id: `t${i}`,
    guildId: '1',
    channelId: '3',
    topic: `Taiwan Strait ${i}`,
    minScore: 0.7,
    createdBy: '1',
    createdAt: at,
    lastFiredAt: null,
    alertsSent: 0,
    paused: null,
  }));
  const deliveries = Array.from({ length: 10_000 }, (_, i) => ({
    key: `t${i % 50}:feed-example-org-${i}`,
    subscriptionId: `t${i % 50}`,
    channelId: '3',
    articleId: `feed-example-org-${i}`,
    nonce: 'abcdefghijklmnop',
    status: 'sent' as const,
    score: 0.83,
    quotes: [
      { articleId: `feed-example-org-${i}`, start: 10, end: 200 },
      { articleId: `feed-example-org-${i}`, start: 300, end: 500 },
    ],
    createdAt: at,
    attempts: 0,
    nextAttemptAt: at,
    sentAt: at,
    messageId: '1234567890123456789',
  }));
  return { version: 1, subscriptions, deliveries } as AlertFile;
}

async function measure<T>(
  name: string,
  make: () => T,
  copy: (data: T) => T,
  change: (data: T, i: number) => void,
): Promise<{ ms: number; bytes: number }> {
  const file = join(dir, `${name}.json`);
  const store = await JsonStore.open(file, make, (_data): _data is T => true, silentLogger, copy);
  const times: number[] = [];
  // The first writes (creating the file, compiling) are not counted.
  for (let i = 0; i < 5; i++) await store.update((data) => change(data, UPDATES + i));
  for (let i = 0; i < UPDATES; i++) {
    const started = performance.now();
    await store.update((data) => change(data, i));
    times.push(performance.now() - started);
  }
  return { ms: median(times), bytes: statSync(file).size };
}

const rows: string[] = [];
const history = (h: HistoryFile, i: number) => {
  const channel = Object.keys(h.channels)[i % 20]!;
  h.channels[channel] = [...h.channels[channel]!.slice(1), { ...h.channels[channel]![0]!, id: `n${i}` }];
};
const alerts = (a: AlertFile, i: number) => {
  const delivery = a.deliveries[i]!;
  delivery.attempts += 1;
};
for (const [label, result] of [
  [
    'history file (20 channels × 200 entries), no copy (the old in-place change, for reference)',
    await measure('history-none', historyFile, (data) => data, history),
  ],
  ['history file, deep copy', await measure('history-deep', historyFile, structuredClone, history)],
  ['history file, the store’s copy (channel map)', await measure('history-shallow', historyFile, copyChannels, history)],
  ['alerts file (10,000 deliveries), no copy (reference)', await measure('alerts-none', alertFile, (data) => data, alerts)],
  ['alerts file, deep copy', await measure('alerts-deep', alertFile, structuredClone, alerts)],
  ['alerts file, the store’s copy (each row)', await measure('alerts-shallow', alertFile, copyRows, alerts)],
] as const) {
  rows.push(`| ${label} | ${(result.bytes / 1e6).toFixed(2)} MB | ${result.ms.toFixed(2)} ms |`);
}
rmSync(dir, { recursive: true, force: true });
console.log(`One change written to a large file (median of ${UPDATES}), on this machine:\n`);
console.log('| file and copy | size | one update, median |\n|---|---:|---:|');
console.log(rows.join('\n'));
