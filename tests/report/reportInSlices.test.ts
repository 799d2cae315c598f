import { describe, expect, it } from 'vitest';
import { buildReport, buildReportInSlices } from '../../src/report/buildReport';
import type { ChannelEntry } from '../../src/store/historyStore';

const WORDS = ['tariff', 'rice', 'Kishida', 'Taiwan', 'budget', 'pension', 'strike', 'election', 'defence', 'housing'];

/** A busy server's month: 3,000 questions in 20 channels, a fifth of them unanswered, in many wordings. */
const entries: ChannelEntry[] = Array.from({ length: 3000 }, (_, i) => ({
  channelId: `c${i % 20}`,
  entry: {
    id: `e${i}`,
    userId: `u${i % 50}`,
    at: new Date(Date.UTC(2026, 10, 1) + i * 600_000).toISOString(),
    question: `What did the ministers say about ${WORDS[i % WORDS.length]} and ${WORDS[(i * 7) % WORDS.length]} in week ${i % 13}?`,
    answered: i % 5 !== 0,
    tier: i % 5 === 0 ? 'none' : 'answer',
    quotes: [],
  },
}));
const since = new Date('2026-10-27T00:00:00Z');
const until = new Date('2026-11-26T00:00:00Z');

describe('/report on a busy server', () => {
  it('lets a timer run before the report is built, and builds what one pass does', async () => {
    const order: string[] = [];
    const timer = new Promise<void>((resolve) => setTimeout(resolve, 0)).then(() => order.push('timer'));
    const built = buildReportInSlices(entries, since, until).then((report) => {
      order.push('report');
      return report;
    });
    const [report] = await Promise.all([built, timer]);
    expect(order).toEqual(['timer', 'report']);
    const onePass = buildReport(entries, since, until);
    expect(onePass.questions).toBe(3000);
    expect(onePass.gaps.length).toBeGreaterThan(1);
    expect(report).toEqual(onePass);
  });
});
