// No runtime import of ../helpers/bot here: the fault tests' vi.mock factories import this file while the client module is mocked.
import { expect } from 'vitest';
import type { FakeDiscord, InteractionHandle, ReplyResult } from '../fakeDiscord';
import type { Harness } from '../helpers/bot';

export const CALLBACK = /^\/interactions\/\d+\/[^/]+\/callback$/;
export const ORIGINAL = /^\/webhooks\/\d+\/[^/]+\/messages\/@original$/;
export const CHANNEL_POST = /^\/channels\/\d+\/messages$/;

/** A question the seed article answers, with a phrase its best quote contains. */
export const SEED_QUESTION = 'Who chairs the CPTPP working group?';
export const SEED_QUOTE = 'Tokyo chairs the CPTPP London membership working group.';

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Accepted (2xx) interaction callbacks per interaction id, from the REST requests the fake saw. */
export function acceptedCallbacks(fake: FakeDiscord): Map<string, number> {
  const counts = new Map<string, number>();
  for (const request of fake.requests) {
    const match = /^\/interactions\/(\d+)\//.exec(request.path);
    if (!match || !CALLBACK.test(request.path) || request.status === null || request.status < 200 || request.status >= 300) continue;
    counts.set(match[1]!, (counts.get(match[1]!) ?? 0) + 1);
  }
  return counts;
}

/** Every interaction the fake dispatched was acknowledged exactly once, never refused as a second answer, and visibly answered once. */
export function expectEachAnsweredOnce(fake: FakeDiscord, handles: InteractionHandle[]): void {
  const counts = acceptedCallbacks(fake);
  for (const handle of handles) {
    expect(counts.get(handle.id), `accepted callbacks of interaction ${handle.id}`).toBe(1);
    expect(handle.record.rejectedCallbacks, `refused callbacks of interaction ${handle.id}`).toEqual([]);
    expect(handle.record.followUpIds, `follow-ups of interaction ${handle.id}`).toEqual([]);
  }
}

export async function askSeed(h: Harness, userId?: string): Promise<{ handle: InteractionHandle; reply: ReplyResult }> {
  const handle = h.fake.sendCommand('ask', { question: SEED_QUESTION }, userId ? { userId } : undefined);
  const reply = await handle.waitForReply(10_000);
  return { handle, reply };
}

export function expectSeedAnswer(reply: ReplyResult): void {
  expect(reply.ackAtMs).toBeLessThan(3000);
  expect(reply.data.embeds?.[0]?.description).toContain(SEED_QUOTE);
}

export const events = (h: Harness, event: string) => h.logs.filter((l) => l.event === event);

export const article = (id: string, title: string, body: string) =>
  `---\ntitle: ${title}\ndate: 2024-05-01\nsource: Wire\nurl: https://example.org/${id}\n---\n${body}\n`;

export const TAIWAN_ARTICLE = article(
  'strait',
  'Strait tensions rise',
  'Chinese warships sailed through the Taiwan Strait on Monday, the defence ministry said.\n\nOfficials in Taipei called the move a provocation and raised the alert level.',
);

/**
 * discord.js gives up on a request after 15 s (its REST timeout), too long for a test. The
 * bot's client options are not settable from outside, so fault tests wrap createClient (through
 * vi.mock, leaving src/ alone) and shorten the timeout on the client it builds.
 */
export function withRestTimeout<M extends { createClient: (apiUrl: string) => import('discord.js').Client }>(
  actual: M,
  timeoutMs: number,
): M {
  return {
    ...actual,
    createClient: (apiUrl: string) => {
      const client = actual.createClient(apiUrl);
      (client.rest as unknown as { options: { timeout: number } }).options.timeout = timeoutMs;
      return client;
    },
  };
}

/** Resolves when a log line with this event (and these fields) has been written. */
export async function waitForLog(
  h: Harness,
  event: string,
  fields: Record<string, unknown> = {},
  timeoutMs = 10_000,
): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const line = h.logs.find((l) => l.event === event && Object.entries(fields).every(([k, v]) => l[k] === v));
    if (line) return line;
    if (Date.now() > deadline)
      throw new Error(`no ${event} log line within ${timeoutMs} ms; saw: ${h.logs.map((l) => l.event).join(', ')}`);
    await sleep(20);
  }
}
