import { afterEach, describe, expect, it } from 'vitest';
import type { InteractionHandle } from '../fakeDiscord';
import { startHarness, type Harness } from '../helpers/bot';
import { askSeed, expectEachAnsweredOnce, expectSeedAnswer, SEED_QUESTION, sleep } from './helpers';

let harness: Harness | undefined;
afterEach(async () => {
  const unhandled = harness?.fake.unhandled.map((r) => `${r.method} ${r.path}`) ?? [];
  expect(unhandled).toEqual([]);
  harness = undefined;
});

describe('gateway sessions: RECONNECT, invalid sessions, zombie connections', () => {
  it('follows op 7 RECONNECT (resumes) several times, answering interactions sent around it once each', async () => {
    const h = (harness = await startHarness());
    const handles: InteractionHandle[] = [];
    for (let i = 0; i < 3; i++) {
      const back = h.fake.sendReconnect();
      handles.push(h.fake.sendCommand('ask', { question: SEED_QUESTION }));
      expect(await back).toBe('resumed');
      const { handle, reply } = await askSeed(h);
      expectSeedAnswer(reply);
      handles.push(handle);
    }
    for (const reply of await Promise.all(handles.map((handle) => handle.waitForReply(10_000)))) expectSeedAnswer(reply);
    await sleep(300);
    expectEachAnsweredOnce(h.fake, handles);
    expect(h.fake.identifyCount).toBe(1);
  });

  it('after an invalid session, resumable (resumes) and not (identifies anew), it answers again, and the new session resumes too', async () => {
    const h = (harness = await startHarness());
    const handles: InteractionHandle[] = [];
    expect(await h.fake.invalidateSession(true)).toBe('resumed');
    let asked = await askSeed(h);
    expectSeedAnswer(asked.reply);
    handles.push(asked.handle);
    expect(await h.fake.invalidateSession(false)).toBe('identified');
    asked = await askSeed(h);
    expectSeedAnswer(asked.reply);
    handles.push(asked.handle);
    expect(await h.fake.dropConnection('abrupt')).toBe('resumed');
    asked = await askSeed(h);
    expectSeedAnswer(asked.reply);
    handles.push(asked.handle);
    expect(h.fake.identifyCount).toBe(2);
    expectEachAnsweredOnce(h.fake, handles);
  });

  it('notices a zombie connection (heartbeats no longer acknowledged), reconnects and answers', async () => {
    const h = (harness = await startHarness());
    const before = h.fake.resumeCount + h.fake.identifyCount;
    h.fake.ackHeartbeats = false;
    // discord.js closes a socket whose heartbeat went unacknowledged for a whole interval (500 ms here).
    const deadline = Date.now() + 5000;
    while (!h.fake.gatewayConnections.some((c) => c.closedAt !== null) && Date.now() < deadline) await sleep(20);
    h.fake.ackHeartbeats = true;
    expect(h.fake.gatewayConnections.some((c) => c.closedAt !== null)).toBe(true);
    const deadline2 = Date.now() + 5000;
    while (h.fake.resumeCount + h.fake.identifyCount === before && Date.now() < deadline2) await sleep(20);
    expect(h.fake.resumeCount + h.fake.identifyCount).toBeGreaterThan(before);
    await h.fake.waitForReady(5000);
    const { handle, reply } = await askSeed(h);
    expectSeedAnswer(reply);
    expectEachAnsweredOnce(h.fake, [handle]);
  });
});
