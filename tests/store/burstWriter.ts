/**
 * Child process for the crash test: records history entries as fast as it can
 * and prints "ack N" once entry N is on disk. The test kills it with SIGKILL.
 */
import { HistoryStore } from '../../src/store/historyStore';
import { silentLogger } from '../../src/log';

const dir = process.argv[2]!;
const store = new HistoryStore(dir, { maxEntries: 100_000, maxAgeDays: null }, silentLogger);
let n = 0;
const writers = Array.from({ length: 4 }, async (_, lane) => {
  for (;;) {
    const i = n++;
    await store.record(
      { guildId: lane % 2 ? '2000000000000000001' : null, channelId: `c${lane}` },
      { userId: 'u', question: `question ${i} ${'x'.repeat(200)}`, answered: true, quotes: [{ articleId: 'a', start: i, end: i + 1 }] },
    );
    process.stdout.write(`ack ${i}\n`);
  }
});
await Promise.all(writers);
