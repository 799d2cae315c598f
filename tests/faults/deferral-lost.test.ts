import { describe, expect, it, vi } from 'vitest';
import { startHarness } from '../helpers/bot';
import { CALLBACK, expectSeedAnswer, SEED_QUESTION } from './helpers';

vi.mock('../../src/discord/client', async (importOriginal) =>
  (await import('./helpers')).withRestTimeout(await importOriginal<typeof import('../../src/discord/client')>(), 1000),
);

describe('a deferral Discord took but whose answer never came back', () => {
  it('still gets the answer (the interaction is deferred: edit it), and the question is recorded', async () => {
    const h = await startHarness();
    // "Discord" accepts the deferral at once but holds the HTTP answer past the REST timeout;
    // discord.js aborts and retries, and the retry is refused with 40060 (already acknowledged).
    h.fake.failNext({ method: 'POST', path: CALLBACK }, { holdAnswerMs: 1500 });
    const handle = h.fake.sendCommand('ask', { question: SEED_QUESTION });
    const reply = await handle.waitForReply(6000);
    expectSeedAnswer(reply);
    expect(reply.type).toBe('editReply');
    const history = await h.bot.app.services.history.recent({ guildId: handle.payload.guild_id!, channelId: handle.payload.channel_id! });
    expect(history.map((e) => e.question)).toEqual([SEED_QUESTION]);
  });
});
