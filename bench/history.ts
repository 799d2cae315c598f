/**
 * npm run bench:history: the cost of channel history at scale. 1,000 channels
 * in 50 guilds hold 200 entries each (10,000 entries and one file per guild);
 * then we measure the time to record one answer, the file sizes, the memory
 * held once every file is loaded, and the time to load them all.
 */
import { mkdtempSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../src/log';
import { HistoryStore, type HistoryEntry } from '../src/store/historyStore';

const GUILDS = 50;
const CHANNELS_PER_GUILD = 20;
const ENTRIES = 200;
const RECORDS = 500;

const gc = (globalThis as { gc?: () => void }).gc;
const heap = () => {
  gc?.();
  return process.memoryUsage().heapUsed;
};
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const guildId = (g: number) => `20000000000000${String(g).padStart(5, '0')}`;

const dir = mkdtempSync(join(tmpdir(), 'pd-bench-history-'));
mkdirSync(join(dir, 'history'));
const start = Date.parse('2026-11-01T00:00:00Z');
for (let g = 0; g < GUILDS; g++) {
  const channels: Record<string, HistoryEntry[]> = {};
  for (let c = 0; c < CHANNELS_PER_GUILD; c++) {
    channels[`30000000000${String(g * CHANNELS_PER_GUILD + c).padStart(8, '0')}`] = Array.from({ length: ENTRIES }, (_, i) => ({
      id: `e${g}-${c}-${i}`,
      userId: `4000000000000${String(i % 50).padStart(5, '0')}`,
      at: new Date(start + i * 60_000).toISOString(),
      question: `What did the ministers agree on regarding trade and security, question ${i}?`,
      answered: i % 5 !== 0,
      quotes:
        i % 5 === 0
          ? []
          : [
              { articleId: '000_02b1b7e6bf94f65a', start: 310, end: 538 },
              { articleId: '000_02b1b7e6bf94f65a', start: 2227, end: 2399 },
            ],
    }));
  }
  writeFileSync(join(dir, 'history', `guild-${guildId(g)}.json`), JSON.stringify({ version: 1, channels }));
}
const sizes = readdirSync(join(dir, 'history')).map((f) => statSync(join(dir, 'history', f)).size);

const before = heap();
const store = new HistoryStore(dir, { maxEntries: ENTRIES, maxAgeDays: null }, silentLogger);
const loadStarted = performance.now();
await Promise.all(Array.from({ length: GUILDS }, (_, g) => store.recent({ guildId: guildId(g), channelId: 'warm-up' })));
const loadMs = performance.now() - loadStarted;
const held = heap() - before;

const times: number[] = [];
for (let i = 0; i < RECORDS; i++) {
  const g = i % GUILDS;
  const started = performance.now();
  await store.record(
    { guildId: guildId(g), channelId: `30000000000${String(g * CHANNELS_PER_GUILD + (i % CHANNELS_PER_GUILD)).padStart(8, '0')}` },
    {
      userId: '4000000000000000001',
      question: 'And what about North Korea?',
      answered: true,
      quotes: [{ articleId: '000_02b1b7e6bf94f65a', start: 2227, end: 2399 }],
    },
  );
  times.push(performance.now() - started);
}
times.sort((a, b) => a - b);
rmSync(dir, { recursive: true, force: true });

const mb = (bytes: number) => (bytes / 1e6).toFixed(2);
console.log(
  `History at scale: ${GUILDS} guilds × ${CHANNELS_PER_GUILD} channels × ${ENTRIES} entries (${GUILDS * CHANNELS_PER_GUILD * ENTRIES} entries), one lowdb file per guild\n`,
);
console.log('| figure | value |');
console.log('|---|---:|');
console.log(`| record one answer, median (${RECORDS} records) | ${percentile(times, 50).toFixed(2)} ms |`);
console.log(`| record one answer, p99 | ${percentile(times, 99).toFixed(2)} ms |`);
console.log(`| file size per guild (4,000 entries) | ${mb(sizes.reduce((a, b) => a + b, 0) / sizes.length)} MB |`);
console.log(`| all files | ${mb(sizes.reduce((a, b) => a + b, 0))} MB |`);
console.log(`| memory held with every file loaded${gc ? '' : ' (run with --expose-gc for an exact figure)'} | ${mb(held)} MB |`);
console.log(`| load all ${GUILDS} files (start-up) | ${loadMs.toFixed(0)} ms |`);
console.log(
  "\nFiles load lazily, on a guild's first command, so start-up itself does not wait for them; the last row is the cost of loading everything.",
);
