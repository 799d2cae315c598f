/**
 * An in-process fake of Discord (REST under /api/v10 + gateway over WebSocket on one
 * 127.0.0.1 port) for end-to-end tests that drive the real discord.js client.
 *
 *   const fake = await startFakeDiscord({ heartbeatIntervalMs: 500 });
 *   const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: fake.apiUrl } });
 *   await client.login(fake.token);            // then wait for Events.ClientReady
 *   const reply = await fake.sendCommand('ask', { query: 'AI act' }).waitForReply();
 *   expect(reply.data.content).toContain('...');
 *   expect(fake.unhandled).toEqual([]);
 *   await client.destroy();                    // before fake.close(), or discord.js keeps reconnecting
 *   await fake.close();
 *
 * See tests/fakeDiscord.test.ts for every feature in use.
 */
export { FakeDiscord, startFakeDiscord } from './server';
export {
  DEFAULT_APPLICATION_ID,
  DEFAULT_BOT_PERMISSIONS,
  DEFAULT_CHANNEL_IDS,
  DEFAULT_GUILD_ID,
  DEFAULT_MEMBER_PERMISSIONS,
  DEFAULT_TOKEN,
  DEFAULT_USER_ID,
  Perm,
} from './state';
export type { OptionShorthand } from './interactions';
export type { ReceivedPayload } from './gateway';
export type * from './types';
