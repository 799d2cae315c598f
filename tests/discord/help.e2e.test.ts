import { describe, expect, it } from 'vitest';
import { deployCommands } from '../../src/discord/deploy';
import { startHarness } from '../helpers/bot';

const MANAGE_ALL = String(8192 + 16 + 32); // Manage Messages, Manage Channels, Manage Server

describe('/help', () => {
  it('is ephemeral, lists only what the member may use, with clickable command mentions', async () => {
    const harness = await startHarness();
    await deployCommands(harness.config);
    // The ids are fetched when the bot starts.
    await harness.restart();
    const ids = new Map(harness.fake.globalCommands.map((c) => [c.name, c.id]));

    const member = await harness.fake.sendCommand('help').waitForReply();
    expect(member.ephemeral).toBe(true);
    const shown = member.data.embeds![0]!.description!;
    expect(shown).toContain(`</ask:${ids.get('ask')}>`);
    expect(shown).toContain(`</history show:${ids.get('history')}>`);
    expect(shown).not.toMatch(/subscribe:|feed add|history clear/);
    expect(shown).not.toContain('::');

    const admin = await harness.fake.sendCommand('help', {}, { permissions: MANAGE_ALL }).waitForReply();
    const all = admin.data.embeds![0]!.description!;
    for (const name of ['subscribe', 'unsubscribe', 'history clear']) expect(all).toContain(`</${name}:${ids.get(name.split(' ')[0]!)}>`);
  });

  it('names commands as /name when their ids are unknown', async () => {
    const harness = await startHarness();
    const reply = await harness.fake.sendCommand('help').waitForReply();
    const shown = reply.data.embeds![0]!.description!;
    console.log(JSON.stringify(shown));
    // Brackets are escaped, and Discord shows them as brackets.
    expect(shown).toMatch(/^• \/lookup term: \\\[page:\\\] \\\[since:\\\] \\\[until:\\\] — /m);
    // Its own id comes with the interaction.
    expect(shown).toMatch(/^• <\/help:\d+> — /m);
  });
});
