import { afterEach, describe, expect, it } from 'vitest';
import type { InteractionHandle } from '../fakeDiscord';
import { startHarness, type Harness } from '../helpers/bot';
import { askSeed, events, expectEachAnsweredOnce, expectSeedAnswer, SEED_QUESTION, sleep } from './helpers';

let harness: Harness | undefined;
afterEach(async () => {
  const unhandled = harness?.fake.unhandled.map((r) => `${r.method} ${r.path}`) ?? [];
  expect(unhandled).toEqual([]);
  harness = undefined;
});

describe('gateway dropped: the bot resumes, answers, and answers nothing twice', () => {
  it('survives the connection dropped again and again (abrupt and 4000), resuming each time', async () => {
    const h = (harness = await startHarness());
    const handles: InteractionHandle[] = [];
    for (const code of ['abrupt', 4000, 'abrupt', 'abrupt', 4000, 4000] as const) {
      expect(await h.fake.dropConnection(code)).toBe('resumed');
      const { handle, reply } = await askSeed(h);
      expectSeedAnswer(reply);
      handles.push(handle);
    }
    expect(h.fake.identifyCount).toBe(1);
    expect(h.fake.resumeCount).toBe(6);
    expect(events(h, 'gateway_resumed').length).toBeGreaterThanOrEqual(6);
    expectEachAnsweredOnce(h.fake, handles);
  });

  it('answers, once each, interactions in flight at the drop and those dispatched while disconnected (replayed on resume)', async () => {
    const h = (harness = await startHarness());
    const handles: InteractionHandle[] = [];
    for (const code of ['abrupt', 4000, 'abrupt', 4000] as const) {
      // In flight: dispatched just before the socket goes; the client may or may not have read it.
      handles.push(h.fake.sendCommand('ask', { question: SEED_QUESTION }));
      const back = h.fake.dropConnection(code);
      // While disconnected: waits in the session log and is replayed on RESUME.
      handles.push(h.fake.sendCommand('ask', { question: 'and Taiwan?' }, { userId: '4000000000000000002' }));
      handles.push(h.fake.sendCommand('articles'));
      expect(await back).toBe('resumed');
    }
    const replies = await Promise.all(handles.map((handle) => handle.waitForReply(10_000)));
    for (const reply of replies) expect(reply.ackAtMs).toBeLessThan(3000);
    // Room for a late second answer to show up, were there one.
    await sleep(300);
    expectEachAnsweredOnce(h.fake, handles);
    expect(h.fake.identifyCount).toBe(1);
    // Every /ask went into the channel history once.
    const history = await h.bot.app.services.history.recent({
      guildId: h.fake.interactions.get(handles[0]!.id)!.payload.guild_id!,
      channelId: h.fake.interactions.get(handles[0]!.id)!.payload.channel_id!,
    });
    expect(history).toHaveLength(8);
  });
});
