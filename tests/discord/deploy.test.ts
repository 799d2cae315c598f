import { afterEach, describe, expect, it } from 'vitest';
import { ApplicationCommandOptionType } from 'discord.js';
import { loadConfig } from '../../src/config';
import { deployCommands } from '../../src/discord/deploy';
import { startFakeDiscord, type FakeDiscord } from '../fakeDiscord';
import { GUILD, TEST_TOKEN } from '../helpers/bot';

type Option = { type: number; name: string; description: string; required?: boolean; options?: Option[]; choices?: unknown[] };
type Body = { name: string; description: string; options?: Option[]; default_member_permissions?: string | null };

let fake: FakeDiscord | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

/** Discord's rules for chat-input commands (docs: Application Commands, "Application Command Naming"). */
function checkOptions(where: string, options: Option[] = []): void {
  expect(options.length, `${where}: at most 25 options`).toBeLessThanOrEqual(25);
  let optionalSeen = false;
  for (const option of options) {
    const at = `${where} ${option.name}`;
    expect(option.name, at).toMatch(/^[-_\p{Ll}\p{N}]{1,32}$/u);
    expect(option.description.length, at).toBeGreaterThan(0);
    expect(option.description.length, at).toBeLessThanOrEqual(100);
    expect((option.choices ?? []).length, at).toBeLessThanOrEqual(25);
    if (option.type === ApplicationCommandOptionType.Subcommand) checkOptions(at, option.options);
    else {
      if (!option.required) optionalSeen = true;
      else expect(optionalSeen, `${at}: required options come before optional ones`).toBe(false);
    }
  }
}

describe('npm run deploy-commands', () => {
  it('registers every command to the guild, and each body follows Discord’s rules', async () => {
    fake = await startFakeDiscord({ token: TEST_TOKEN });
    const config = loadConfig({ DISCORD_TOKEN: TEST_TOKEN, DISCORD_API_URL: fake.apiUrl, DISCORD_GUILD_ID: GUILD });
    const result = await deployCommands(config);
    const bodies = fake.guildCommands.get(GUILD) as unknown as Body[];
    expect(result.count).toBe(bodies.length);
    expect(bodies.map((b) => b.name).sort()).toEqual([
      'article',
      'articles',
      'ask',
      'feed',
      'help',
      'history',
      'lookup',
      'report',
      'subscribe',
      'subscriptions',
      'unsubscribe',
    ]);
    for (const body of bodies) {
      expect(body.name).toMatch(/^[-_\p{Ll}\p{N}]{1,32}$/u);
      expect(body.description.length).toBeGreaterThan(0);
      expect(body.description.length).toBeLessThanOrEqual(100);
      checkOptions(body.name, body.options);
      expect(JSON.stringify(body).length).toBeLessThan(8000);
    }
    expect(bodies.find((b) => b.name === 'ask')!.options!.map((o) => o.name)).toEqual(['question', 'article', 'since', 'until']);
    // Admin-like commands are hidden from members without the permission (Manage Channels = 1 << 4).
    expect(bodies.find((b) => b.name === 'subscribe')!.default_member_permissions).toBe('16');
    expect(bodies.find((b) => b.name === 'unsubscribe')!.default_member_permissions).toBe('16');
    expect(bodies.find((b) => b.name === 'feed')!.default_member_permissions).toBe('32');
    expect(bodies.find((b) => b.name === 'report')!.default_member_permissions).toBe('32');
    expect(fake.requests.some((r) => r.method === 'GET' && r.path === '/applications/@me')).toBe(true);
  });

  it('registers globally without DISCORD_GUILD_ID', async () => {
    fake = await startFakeDiscord({ token: TEST_TOKEN });
    await deployCommands(
      loadConfig({ DISCORD_TOKEN: TEST_TOKEN, DISCORD_API_URL: fake.apiUrl, DISCORD_APPLICATION_ID: fake.applicationId }),
    );
    expect(fake.globalCommands.length).toBeGreaterThan(0);
    expect(fake.requests.some((r) => r.path === '/applications/@me')).toBe(false);
  });
});
