import { RETRY_DELAYS_MS } from '../../src/discord/respond';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { GENERAL, GUILD, startHarness, type Harness } from '../helpers/bot';
import {
  acceptedCallbacks,
  askSeed,
  CALLBACK,
  expectEachAnsweredOnce,
  expectSeedAnswer,
  ORIGINAL,
  SEED_QUESTION,
  waitForLog,
} from './helpers';

// discord.js's REST timeout (15 s) shortened to 1 s on the bot's client, so timeouts fit in a test.
vi.mock('../../src/discord/client', async (importOriginal) =>
  (await import('./helpers')).withRestTimeout(await importOriginal<typeof import('../../src/discord/client')>(), 1000),
);

// The bot's own reply retries wait seconds in production; milliseconds here.
RETRY_DELAYS_MS.splice(0, RETRY_DELAYS_MS.length, 100, 200, 300);

let harness: Harness | undefined;
afterEach(async () => {
  const unhandled = harness?.fake.unhandled.map((r) => `${r.method} ${r.path}`) ?? [];
  expect(unhandled).toEqual([]);
  harness = undefined;
});

const requestsOf = (h: Harness, token: string, path: RegExp) => h.fake.requests.filter((r) => r.path.includes(token) && path.test(r.path));
const recordedQuestions = async (h: Harness) =>
  (await h.bot.app.services.history.recent({ guildId: GUILD, channelId: GENERAL })).map((e) => e.question);

describe('REST faults on replies', () => {
  it('429 with retry-after on the interaction callback and on the @original edit: waits as told, retries, answers once', async () => {
    const h = (harness = await startHarness());
    h.fake.failNext({ method: 'POST', path: CALLBACK }, { status: 429, headers: { 'retry-after': '0.4' } });
    h.fake.failNext({ method: 'PATCH', path: ORIGINAL }, { status: 429, headers: { 'retry-after': '0.3' } }, 2);
    const { handle, reply } = await askSeed(h);
    expectSeedAnswer(reply);
    const callbacks = requestsOf(h, handle.id, CALLBACK);
    expect(callbacks.map((r) => r.status)).toEqual([429, 204]);
    expect(callbacks[1]!.atMs - callbacks[0]!.atMs).toBeGreaterThanOrEqual(390);
    const edits = requestsOf(h, handle.token, ORIGINAL);
    expect(edits.map((r) => r.status)).toEqual([429, 429, 200]);
    expect(edits[2]!.atMs - edits[0]!.atMs).toBeGreaterThanOrEqual(590);
    expect(handle.record.edits).toHaveLength(1);
    expectEachAnsweredOnce(h.fake, [handle]);
  });

  it('500s and a timeout on the callback and the edit, fewer than discord.js’s retries (3): retried, answered once', async () => {
    const h = (harness = await startHarness());
    h.fake.failNext({ method: 'POST', path: CALLBACK }, { status: 500 }, 2);
    h.fake.failNext({ method: 'PATCH', path: ORIGINAL }, { status: 502 }, 3);
    const first = await askSeed(h);
    expectSeedAnswer(first.reply);
    expect(requestsOf(h, first.handle.id, CALLBACK).map((r) => r.status)).toEqual([500, 500, 204]);
    expect(requestsOf(h, first.handle.token, ORIGINAL).map((r) => r.status)).toEqual([502, 502, 502, 200]);

    // The first callback hangs past the (shortened) REST timeout; discord.js aborts and retries.
    // The late original then reaches "Discord" and is refused as a second acknowledgement: harmless.
    h.fake.failNext({ method: 'POST', path: CALLBACK }, { delayMs: 1400 });
    const second = await askSeed(h);
    expectSeedAnswer(second.reply);
    expect(second.reply.ackAtMs).toBeGreaterThanOrEqual(1000);
    await vi.waitFor(() => expect(second.handle.record.rejectedCallbacks.map((c) => c.code)).toEqual([40060]), { timeout: 3000 });
    expect(acceptedCallbacks(h.fake).get(second.handle.id)).toBe(1);
    expect(second.handle.record.edits).toHaveLength(1);
    expect(await recordedQuestions(h)).toEqual([SEED_QUESTION, SEED_QUESTION]);
  });

  it('an edit that fails all of discord.js’s attempts (500 ×4, a timeout ×4, a reset) is retried by the bot seconds later and arrives once', async () => {
    const h = (harness = await startHarness());
    const cases = [
      { response: { status: 500 }, times: 4 },
      { response: { delayMs: 1200, status: 503 }, times: 4 },
      // undici reports a reset as "other side closed", which discord.js does not retry; the bot does.
      { response: { networkError: true }, times: 1 },
    ];
    for (const [i, c] of cases.entries()) {
      h.fake.failNext({ method: 'PATCH', path: ORIGINAL }, c.response, c.times);
      const handle = h.fake.sendCommand('ask', { question: SEED_QUESTION }, { userId: `400000000000000010${i}` });
      const reply = await handle.waitForReply(10_000);
      expectSeedAnswer(reply);
      expect(await waitForLog(h, 'reply_retry', {}, 1000)).toMatchObject({ call: 'editReply', attempt: 1 });
      expect(acceptedCallbacks(h.fake).get(handle.id)).toBe(1);
      expect(handle.record.rejectedCallbacks).toEqual([]);
      expect(handle.record.followUpIds).toEqual([]);
    }
    expect(await recordedQuestions(h)).toEqual([SEED_QUESTION, SEED_QUESTION, SEED_QUESTION]);
  });

  it('an edit that keeps failing is given up with interaction_failed after the bot’s own retries; the answer is recorded; the bot keeps serving', async () => {
    const h = (harness = await startHarness());
    h.fake.failNext({ method: 'PATCH', path: ORIGINAL }, { status: 500 }, 4 * (RETRY_DELAYS_MS.length + 1));
    const handle = h.fake.sendCommand('ask', { question: SEED_QUESTION }, { userId: '4000000000000000150' });
    const failed = await waitForLog(h, 'interaction_failed', { user: '4000000000000000150' }, 8000);
    expect(failed).toMatchObject({ level: 'error', kind: 'command', command: 'ask', error: 'Internal Server Error' });
    expect(requestsOf(h, handle.token, ORIGINAL)).toHaveLength(4 * (RETRY_DELAYS_MS.length + 1));
    expect(handle.record.reply).toBeNull();
    expect(handle.record.followUpIds).toEqual([]);
    expect(await recordedQuestions(h)).toEqual([SEED_QUESTION]);
    const next = await askSeed(h);
    expectSeedAnswer(next.reply);
  });

  it('a deferral that fails every attempt: the user gets the apology instead, or, if Discord keeps failing, interaction_failed; never two answers', async () => {
    const h = (harness = await startHarness());
    // All four attempts at the deferral fail; the next callback (the apology) gets through.
    h.fake.failNext({ method: 'POST', path: CALLBACK }, { status: 500 }, 4);
    const apologised = await h.fake.sendCommand('ask', { question: SEED_QUESTION }).waitForReply(5000);
    expect(apologised.ephemeral).toBe(true);
    expect(apologised.data.embeds![0]!.description).toMatch(/something went wrong on my side \(error id [0-9a-f]{8}\)/);
    const errorId = /error id ([0-9a-f]{8})/.exec(apologised.data.embeds![0]!.description!)![1];
    expect(h.logs.find((l) => l.event === 'command_failed')).toMatchObject({ command: 'ask', errorId });

    // Discord fails every callback: the deferral's 4 attempts, then the apology's 4 and the bot's retries of it.
    h.fake.failNext({ method: 'POST', path: CALLBACK }, { status: 500 }, 4 + 4 * (RETRY_DELAYS_MS.length + 1));
    const lost = h.fake.sendCommand('ask', { question: SEED_QUESTION }, { userId: '4000000000000000200' });
    expect(await waitForLog(h, 'interaction_failed', { user: '4000000000000000200' })).toMatchObject({
      command: 'ask',
      error: 'Internal Server Error',
    });
    expect(lost.record.callbacks).toEqual([]);

    const { handle, reply } = await askSeed(h);
    expectSeedAnswer(reply);
    expectEachAnsweredOnce(h.fake, [handle]);
    expect(acceptedCallbacks(h.fake).get(lost.id)).toBeUndefined();
  });
});
