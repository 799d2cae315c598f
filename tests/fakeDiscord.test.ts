import {
  ChannelType,
  Client,
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  MessageFlags,
  PermissionFlagsBits,
  Routes,
  type ClientOptions,
  type Interaction,
} from 'discord.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  DEFAULT_BOT_PERMISSIONS,
  DEFAULT_CHANNEL_IDS,
  DEFAULT_GUILD_ID,
  Perm,
  startFakeDiscord,
  type FakeDiscord,
  type FakeDiscordOptions,
} from './fakeDiscord';

const GENERAL = DEFAULT_CHANNEL_IDS.general;
const NEWS = DEFAULT_CHANNEL_IDS.news;
const LOCKED = '3000000000000000003';

let fake: FakeDiscord | undefined;
let client: Client | undefined;
/** Errors thrown inside interaction handlers; a handler failing silently would hide fake bugs. */
let handlerErrors: unknown[] = [];

interface Setup {
  fake: FakeDiscord;
  client: Client;
  loginMs: number;
}

async function setup(fakeOpts: FakeDiscordOptions = {}, clientOpts: Partial<ClientOptions> = {}): Promise<Setup> {
  fake = await startFakeDiscord({
    heartbeatIntervalMs: 500,
    guilds: [
      {
        id: DEFAULT_GUILD_ID,
        name: 'Test Guild',
        channels: [
          { id: GENERAL, name: 'general' },
          { id: NEWS, name: 'news' },
          { id: LOCKED, name: 'locked', canPost: false },
        ],
      },
    ],
    ...fakeOpts,
  });
  client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: fake.apiUrl }, ...clientOpts });
  const ready = new Promise<void>((resolve) => client?.once(Events.ClientReady, () => resolve()));
  const started = performance.now();
  await client.login(fake.token);
  await ready;
  return { fake, client, loginMs: performance.now() - started };
}

function onInteraction(c: Client, handler: (interaction: Interaction) => Promise<unknown>): void {
  c.on(Events.InteractionCreate, (interaction) => {
    handler(interaction).catch((error: unknown) => handlerErrors.push(error));
  });
}

afterEach(async () => {
  await client?.destroy();
  const unhandled = fake?.unhandled.map((r) => `${r.method} ${r.path}`) ?? [];
  await fake?.close();
  client = undefined;
  fake = undefined;
  const errors = handlerErrors;
  handlerErrors = [];
  expect(unhandled).toEqual([]);
  expect(errors).toEqual([]);
});

describe('fake Discord with a real discord.js client', () => {
  it('logs in, gets READY and caches the guild, its channels and the bot member', async () => {
    const { fake, client, loginMs } = await setup();
    // discord.js waits 15 s for guilds it was promised and never got; well under that means READY carried them all.
    expect(loginMs).toBeLessThan(10_000);
    expect(client.user?.id).toBe(fake.botUserId);
    expect(client.user?.bot).toBe(true);
    expect(client.application?.id).toBe(fake.applicationId);

    const guild = client.guilds.cache.get(DEFAULT_GUILD_ID);
    expect(guild?.name).toBe('Test Guild');
    expect(guild?.available).toBe(true);
    const general = client.channels.cache.get(GENERAL);
    expect(general?.type).toBe(ChannelType.GuildText);
    expect(general?.isTextBased() && !general.isDMBased() ? general.name : null).toBe('general');

    // The cached permission view matches what the REST side enforces.
    const me = guild?.members.me;
    expect(me).toBeTruthy();
    const locked = guild?.channels.cache.get(LOCKED);
    expect(locked && me ? locked.permissionsFor(me).has(PermissionFlagsBits.SendMessages) : null).toBe(false);
    expect(general && me && !general.isDMBased() ? general.permissionsFor(me).has(PermissionFlagsBits.SendMessages) : null).toBe(true);

    expect(fake.identifyCount).toBe(1);
    expect(fake.identifies[0]).toMatchObject({ token: 'fake-token', intents: GatewayIntentBits.Guilds, shard: [0, 1] });
    expect(fake.gatewayConnections[0]?.query).toEqual({ v: '10', encoding: 'json' });
    const gatewayBot = fake.requests.find((r) => r.path === '/gateway/bot');
    expect(gatewayBot?.headers.authorization).toBe('Bot fake-token');

    expect((await client.application?.fetch())?.name).toBe('PolicyDesk');
    expect((await client.users.fetch(fake.botUserId, { force: true })).username).toBe('PolicyDesk');

    await vi.waitFor(() => expect(fake.heartbeatCount).toBeGreaterThan(0), { timeout: 2000 });
    await vi.waitFor(() => expect(client.ws.ping).toBeGreaterThanOrEqual(0), { timeout: 2000 });
  });

  it('rejects a wrong token like Discord (401 on /gateway/bot)', async () => {
    fake = await startFakeDiscord();
    client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: fake.apiUrl } });
    await expect(client.login('not-the-token')).rejects.toMatchObject({ code: 'TokenInvalid' });
    expect(fake.requests.at(-1)?.status).toBe(401);
  });

  it('records a slash-command reply and its options', async () => {
    const { fake, client } = await setup();
    let query: string | null = null;
    onInteraction(client, async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      query = interaction.options.getString('query');
      await interaction.reply({ content: `You asked: ${query}`, allowedMentions: { parse: [] } });
    });

    const handle = fake.sendCommand('ask', { query: 'what is the AI act?' });
    const reply = await handle.waitForReply();
    expect(query).toBe('what is the AI act?');
    expect(reply).toMatchObject({ type: 'reply', callbackType: 4, ephemeral: false, deferredAtMs: null });
    expect(reply.data.content).toBe('You asked: what is the AI act?');
    expect(reply.data.allowed_mentions).toEqual({ parse: [] });
    expect(reply.repliedAtMs).toBeLessThan(3000);

    const callback = fake.requests.find((r) => r.path === `/interactions/${handle.id}/${handle.token}/callback`);
    expect(callback?.body).toMatchObject({ type: 4, data: { content: 'You asked: what is the AI act?', allowed_mentions: { parse: [] } } });
    expect(callback?.query).toEqual({ with_response: 'false' });
    expect(callback?.headers.authorization).toBeUndefined();
  });

  it('parses subcommands, DMs and the interaction context', async () => {
    const { fake, client } = await setup();
    const seen: Array<{ sub: string | null; guildId: string | null; canManage: boolean | undefined }> = [];
    onInteraction(client, async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      seen.push({
        sub: interaction.options.getSubcommand(false),
        guildId: interaction.guildId,
        canManage: interaction.memberPermissions?.has(PermissionFlagsBits.ManageMessages),
      });
      await interaction.reply({ content: 'ok', flags: MessageFlags.Ephemeral });
    });

    const sub = await fake.sendCommand('history', [{ type: 1, name: 'clear', options: [] }]).waitForReply();
    expect(sub.ephemeral).toBe(true);
    await fake.sendCommand('ask', { query: 'x' }, { guildId: null }).waitForReply();
    expect(seen).toEqual([
      { sub: 'clear', guildId: DEFAULT_GUILD_ID, canManage: false },
      { sub: null, guildId: null, canManage: undefined },
    ]);
  });

  it('tracks deferReply then editReply with timings', async () => {
    const { fake, client } = await setup();
    onInteraction(client, async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      await interaction.deferReply();
      await new Promise((resolve) => setTimeout(resolve, 100));
      await interaction.editReply({ content: 'Here is the answer', embeds: [{ title: 'Source', description: 'quote' }] });
    });

    const handle = fake.sendCommand('ask', { query: 'slow' });
    const first = await handle.waitForCallback();
    expect(first.type).toBe(5);
    const reply = await handle.waitForReply();
    expect(reply.type).toBe('editReply');
    expect(reply.callbackType).toBe(5);
    expect(reply.data.embeds?.[0]?.title).toBe('Source');
    expect(reply.deferredAtMs).not.toBeNull();
    expect(reply.repliedAtMs - (reply.deferredAtMs ?? 0)).toBeGreaterThanOrEqual(90);
    const original = fake.message(handle.record.originalMessageId ?? '');
    expect(original?.content).toBe('Here is the answer');
    expect((original?.flags ?? 0) & MessageFlags.Loading).toBe(0);
    expect(fake.requests.some((r) => r.method === 'PATCH' && r.path.endsWith('/messages/@original'))).toBe(true);
  });

  it('lets the first followUp after a deferral fill in the deferred message', async () => {
    const { fake, client } = await setup();
    const ids: string[] = [];
    onInteraction(client, async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      await interaction.deferReply({ flags: MessageFlags.Ephemeral });
      ids.push((await interaction.followUp('part 1')).id);
      ids.push((await interaction.followUp('part 2')).id);
      ids.push((await interaction.fetchReply()).id);
    });
    const handle = fake.sendCommand('digest');
    const reply = await handle.waitForReply();
    expect(reply).toMatchObject({ type: 'followUp', ephemeral: true });
    await vi.waitFor(() => expect(ids).toHaveLength(3));
    expect(ids[0]).toBe(handle.record.originalMessageId);
    expect(ids[1]).not.toBe(ids[0]);
    expect(ids[2]).toBe(ids[0]);
  });

  it('answers autocomplete with a type 8 callback', async () => {
    const { fake, client } = await setup();
    onInteraction(client, async (interaction) => {
      if (!interaction.isAutocomplete()) return;
      const focused = interaction.options.getFocused();
      await interaction.respond([{ name: `${focused} act`, value: `${focused}-act` }]);
    });
    const handle = fake.sendAutocomplete('ask', [{ type: 3, name: 'topic', value: 'ai', focused: true }]);
    const callback = await handle.waitForCallback();
    expect(callback.type).toBe(8);
    expect(callback.data?.choices).toEqual([{ name: 'ai act', value: 'ai-act' }]);
    await expect(handle.waitForReply(500)).rejects.toThrow(/not a visible reply/);
  });

  it('updates the message a button sits on', async () => {
    const { fake, client } = await setup();
    onInteraction(client, async (interaction) => {
      if (!interaction.isButton()) return;
      expect(interaction.message.content).toBe('component host message');
      await interaction.update({ content: `clicked ${interaction.customId}`, components: [] });
    });
    const handle = fake.clickButton('more:2');
    const reply = await handle.waitForReply();
    expect(reply).toMatchObject({ type: 'update', callbackType: 7 });
    const message = fake.message(handle.payload.message?.id ?? '');
    expect(message?.content).toBe('clicked more:2');
    expect(message?.components).toEqual([]);
  });

  it('handles deferUpdate + editReply, modals and deleteReply', async () => {
    const { fake, client } = await setup();
    onInteraction(client, async (interaction) => {
      if (interaction.isButton() && interaction.customId === 'page') {
        await interaction.deferUpdate();
        await interaction.editReply({ content: 'page 2' });
      } else if (interaction.isButton() && interaction.customId === 'feedback') {
        await interaction.showModal({
          customId: 'feedback-modal',
          title: 'Feedback',
          components: [{ type: 1, components: [{ type: 4, customId: 'text', label: 'Text', style: 1 }] }],
        });
      } else if (interaction.isModalSubmit()) {
        await interaction.reply({ content: `thanks: ${interaction.fields.getTextInputValue('text')}`, flags: MessageFlags.Ephemeral });
      } else if (interaction.isChatInputCommand()) {
        await interaction.reply('temporary');
        await interaction.deleteReply();
      }
    });

    const page = fake.clickButton('page');
    expect(await page.waitForReply()).toMatchObject({ type: 'editReply', callbackType: 6 });
    expect(fake.message(page.payload.message?.id ?? '')?.content).toBe('page 2');

    const modal = fake.clickButton('feedback');
    const shown = await modal.waitForCallback();
    expect(shown).toMatchObject({ type: 9, data: { custom_id: 'feedback-modal', title: 'Feedback' } });
    await expect(modal.waitForReply(200)).rejects.toThrow(/not a visible reply/);
    const submitted = await fake.sendInteraction(fake.modalSubmit('feedback-modal', { text: 'great' })).waitForReply();
    expect(submitted).toMatchObject({ type: 'reply', ephemeral: true, data: { content: 'thanks: great' } });

    const temporary = fake.sendCommand('ask');
    await temporary.waitForReply();
    await vi.waitFor(() => expect(temporary.record.deleted).toBe(true));
    expect(fake.message(temporary.record.originalMessageId ?? '')).toBeUndefined();
  });

  it('returns an interaction callback response when asked withResponse', async () => {
    const { fake, client } = await setup();
    let responseContent: string | undefined;
    onInteraction(client, async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      const response = await interaction.reply({ content: 'with response', withResponse: true });
      responseContent = response.resource?.message?.content;
    });
    await fake.sendCommand('ask').waitForReply();
    await vi.waitFor(() => expect(responseContent).toBe('with response'));
  });

  it('parses multipart replies (payload_json + files)', async () => {
    const { fake, client } = await setup();
    onInteraction(client, async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      await interaction.reply({ content: 'see file', files: [{ attachment: Buffer.from('hello file'), name: 'report.txt' }] });
    });
    const handle = fake.sendCommand('export');
    const reply = await handle.waitForReply();
    expect(reply.data.content).toBe('see file');
    const request = fake.requests.find((r) => r.path.endsWith('/callback'));
    expect(request?.files.map((f) => [f.filename, f.data.toString()])).toEqual([['report.txt', 'hello file']]);
    const original = fake.message(handle.record.originalMessageId ?? '');
    expect(original?.attachments[0]?.filename).toBe('report.txt');
    const download = await fetch(original?.attachments[0]?.url ?? '');
    expect(await download.text()).toBe('hello file');
  });

  it('rejects a second callback with 40060, and late or over-long replies like Discord', async () => {
    // The window is wide enough that the two prompt replies meet it on a loaded machine (at 200 ms one missed it under load 18).
    const { fake, client } = await setup({ interactionTimeoutMs: 1500 });
    const errors: unknown[] = [];
    onInteraction(client, async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      const mode = interaction.options.getString('mode');
      try {
        if (mode === 'long') await interaction.reply('x'.repeat(2001));
        if (mode === 'late') {
          await new Promise((resolve) => setTimeout(resolve, 1700));
          await interaction.reply('too late');
        }
        if (mode === 'twice') {
          await interaction.reply('first');
          // discord.js guards double replies itself, so go around it the way a buggy bot could.
          await client.rest.post(Routes.interactionCallback(interaction.id, interaction.token), {
            body: { type: 4, data: { content: 'second' } },
            auth: false,
          });
        }
      } catch (error) {
        errors.push(error);
      }
    });

    const twice = fake.sendCommand('ask', { mode: 'twice' });
    await twice.waitForReply();
    const long = fake.sendCommand('ask', { mode: 'long' });
    const late = fake.sendCommand('ask', { mode: 'late' });
    await vi.waitFor(() => expect(errors).toHaveLength(3), { timeout: 6000 });
    const codes = errors.map((e) => (e instanceof DiscordAPIError ? e.code : String(e))).sort();
    expect(codes).toEqual([10062, 40060, 50035]);
    expect(twice.record.rejectedCallbacks.map((c) => c.code)).toEqual([40060]);
    expect(long.record.reply).toBeNull();
    expect(late.record.rejectedCallbacks.map((c) => c.code)).toEqual([10062]);
  });

  it('stores guild and global command deployments', async () => {
    const { fake, client } = await setup();
    const body = [
      { name: 'ask', description: 'Ask about policy news', options: [{ type: 3, name: 'query', description: 'Question', required: true }] },
      { name: 'history', description: 'Your history', options: [{ type: 1, name: 'clear', description: 'Clear it' }] },
    ];
    const created = (await client.rest.put(Routes.applicationGuildCommands(fake.applicationId, DEFAULT_GUILD_ID), { body })) as Array<{
      id: string;
      name: string;
    }>;
    expect(created.map((c) => c.name)).toEqual(['ask', 'history']);
    expect(fake.guildCommands.get(DEFAULT_GUILD_ID)?.map((c) => c.name)).toEqual(['ask', 'history']);
    const put = fake.requests.find((r) => r.method === 'PUT');
    expect(put?.path).toBe(`/applications/${fake.applicationId}/guilds/${DEFAULT_GUILD_ID}/commands`);
    expect(put?.body).toEqual(body);

    // Redeploying keeps ids stable, and interactions carry the registered id.
    const again = (await client.rest.put(Routes.applicationGuildCommands(fake.applicationId, DEFAULT_GUILD_ID), { body })) as Array<{
      id: string;
    }>;
    expect(again.map((c) => c.id)).toEqual(created.map((c) => c.id));
    expect(fake.command('ask').data?.id).toBe(created[0]?.id);

    await client.application?.commands.set([{ name: 'ping', description: 'Ping' }]);
    expect(fake.globalCommands.map((c) => c.name)).toEqual(['ping']);
    const fetched = await client.application?.commands.fetch();
    expect(fetched?.map((c) => c.name)).toEqual(['ping']);

    const bad = client.rest.put(Routes.applicationCommands(fake.applicationId), { body: [{ name: 'Bad Name', description: 'x' }] });
    await expect(bad).rejects.toMatchObject({ code: 50035, status: 400 });
  });

  it('sends channel messages and refuses unknown or locked channels', async () => {
    const { fake, client } = await setup();
    const news = client.channels.cache.get(NEWS);
    if (!news?.isSendable()) throw new Error('news channel not sendable');
    const sent = await news.send({ content: 'Daily digest', embeds: [{ title: 'EU', description: 'AI Act' }] });
    expect(sent.author.id).toBe(fake.botUserId);
    expect(sent.channelId).toBe(NEWS);
    const posted = fake.channelMessages(NEWS);
    expect(posted.map((m) => m.content)).toEqual(['Daily digest']);
    expect(posted[0]?.embeds[0]?.title).toBe('EU');

    await sent.edit('Daily digest (edited)');
    expect(fake.channelMessages(NEWS)[0]?.content).toBe('Daily digest (edited)');

    const locked = client.channels.cache.get(LOCKED);
    if (!locked?.isSendable()) throw new Error('locked channel not sendable');
    await expect(locked.send('nope')).rejects.toMatchObject({ code: 50013, status: 403 });
    await expect(client.rest.post(Routes.channelMessages('3999999999999999999'), { body: { content: 'x' } })).rejects.toMatchObject({
      code: 10003,
      status: 404,
    });
    expect(fake.channelMessages(LOCKED)).toEqual([]);
  });

  it('starts a thread from a message only with Create Public Threads, validating the body, once per message', async () => {
    const withThreads = (BigInt(DEFAULT_BOT_PERMISSIONS) | Perm.CreatePublicThreads).toString();
    const { fake, client } = await setup({
      guilds: [
        {
          id: DEFAULT_GUILD_ID,
          name: 'Test Guild',
          botPermissions: withThreads,
          channels: [
            { id: GENERAL, name: 'general' },
            { id: NEWS, name: 'news' },
          ],
        },
      ],
    });
    const message = (await client.rest.post(Routes.channelMessages(GENERAL), { body: { content: 'Alert' } })) as { id: string };
    const start = (body: unknown, channelId: string = GENERAL, messageId = message.id) =>
      client.rest.post(Routes.threads(channelId, messageId), { body });
    await expect(start({ name: '' })).rejects.toMatchObject({ code: 50035, status: 400 });
    await expect(start({ name: 'x'.repeat(101) })).rejects.toMatchObject({ code: 50035, status: 400 });
    await expect(start({ name: 'two\nlines' })).rejects.toMatchObject({ code: 50035, status: 400 });
    await expect(start({ name: 'ok', auto_archive_duration: 30 })).rejects.toMatchObject({ code: 50035, status: 400 });
    await expect(start({ name: 'ok' }, GENERAL, '5999999999999999999')).rejects.toMatchObject({ code: 10008, status: 404 });
    await expect(start({ name: 'ok' }, NEWS)).rejects.toMatchObject({ code: 10008, status: 404 });
    const thread = (await start({ name: 'Strait tensions rise', auto_archive_duration: 1440 })) as {
      id: string;
      type: number;
      parent_id: string;
      name: string;
    };
    expect(thread).toMatchObject({ id: message.id, type: ChannelType.PublicThread, parent_id: GENERAL, name: 'Strait tensions rise' });
    expect(fake.threads(GENERAL)).toEqual([
      { id: message.id, parentId: GENERAL, messageId: message.id, name: 'Strait tensions rise', autoArchiveDuration: 1440 },
    ]);
    await expect(start({ name: 'again' })).rejects.toMatchObject({ code: 160004, status: 400 });
    // The thread takes messages, and the message shows its thread.
    await client.rest.post(Routes.channelMessages(thread.id), { body: { content: 'Discuss here' } });
    expect(fake.channelMessages(thread.id).map((m) => m.content)).toEqual(['Discuss here']);
    expect(fake.message(message.id)).toMatchObject({ thread: { id: thread.id } });
  });

  it('refuses to start a thread without Create Public Threads (the default invite lacks it)', async () => {
    const { fake, client } = await setup();
    const message = (await client.rest.post(Routes.channelMessages(GENERAL), { body: { content: 'Alert' } })) as { id: string };
    await expect(client.rest.post(Routes.threads(GENERAL, message.id), { body: { name: 'x' } })).rejects.toMatchObject({
      code: 50013,
      status: 403,
    });
    expect(fake.threads()).toEqual([]);
  });

  it('lets discord.js retry an injected 429 on the callback, and a 500 on a channel post', async () => {
    const { fake, client } = await setup();
    onInteraction(client, async (interaction) => {
      if (interaction.isChatInputCommand()) await interaction.reply('after rate limit');
    });
    fake.failNext({ method: 'POST', path: /^\/interactions\/\d+\/[^/]+\/callback$/ }, { status: 429, headers: { 'retry-after': '0.2' } });
    const handle = fake.sendCommand('ask');
    const reply = await handle.waitForReply();
    expect(reply.data.content).toBe('after rate limit');
    expect(reply.repliedAtMs).toBeGreaterThanOrEqual(200);
    const attempts = fake.requests.filter((r) => r.path.endsWith('/callback'));
    expect(attempts.map((r) => [r.status, r.injected])).toEqual([
      [429, true],
      [204, false],
    ]);

    fake.failNext({ method: 'POST', path: /\/channels\/\d+\/messages$/ }, { status: 500 });
    const news = client.channels.cache.get(NEWS);
    if (!news?.isSendable()) throw new Error('news channel not sendable');
    await news.send('survived a 500');
    expect(fake.channelMessages(NEWS).map((m) => m.content)).toEqual(['survived a 500']);

    // A slow but successful response.
    fake.failNext({ method: 'GET', path: /^\/channels\/\d+$/ }, { delayMs: 150 });
    const started = performance.now();
    await client.channels.fetch(GENERAL, { force: true });
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('survives a dropped connection by resuming and replays missed interactions', async () => {
    const { fake, client } = await setup();
    onInteraction(client, async (interaction) => {
      if (interaction.isChatInputCommand()) await interaction.reply(`answer ${interaction.options.getString('n') ?? ''}`);
    });
    await fake.sendCommand('ask', { n: '1' }).waitForReply();

    const back = fake.dropConnection();
    // Dispatched while the socket is down: lives in the session log until RESUME.
    const missed = fake.sendCommand('ask', { n: '2' });
    expect(await back).toBe('resumed');
    expect(fake.resumeCount).toBe(1);
    expect(fake.identifyCount).toBe(1);
    expect((await missed.waitForReply()).data.content).toBe('answer 2');
    expect((await fake.sendCommand('ask', { n: '3' }).waitForReply()).data.content).toBe('answer 3');

    expect(await fake.dropConnection('abrupt')).toBe('resumed');
    expect(await fake.sendReconnect()).toBe('resumed');
    expect(await fake.invalidateSession(true)).toBe('resumed');
    expect(fake.resumeCount).toBe(4);
    expect((await fake.sendCommand('ask', { n: '4' }).waitForReply()).data.content).toBe('answer 4');
  });

  it('re-identifies after a non-resumable invalid session', async () => {
    // The default identify throttler waits ~5 s between IDENTIFYs of one client; skip that here.
    const { fake, client } = await setup({}, { ws: { buildIdentifyThrottler: () => ({ waitForIdentify: async () => {} }) } });
    onInteraction(client, async (interaction) => {
      if (interaction.isChatInputCommand()) await interaction.reply('still here');
    });
    expect(await fake.invalidateSession(false)).toBe('identified');
    expect(fake.identifyCount).toBe(2);
    expect((await fake.sendCommand('ask').waitForReply()).data.content).toBe('still here');
    // A normal (1000) close makes discord.js throw its session away too.
    expect(await fake.dropConnection(1000)).toBe('identified');
    expect(fake.identifyCount).toBe(3);
    expect((await fake.sendCommand('ask').waitForReply()).data.content).toBe('still here');
  });

  it('shards: recommends its shard count, gives each shard the guilds (guild_id >> 22) % count names, and routes interactions there', async () => {
    const other = '2000000000004194304';
    const { client: c, fake: f } = await setup(
      {
        shards: 2,
        guilds: [
          { id: DEFAULT_GUILD_ID, name: 'One', channels: [{ id: GENERAL, name: 'general' }] },
          { id: other, name: 'Zero', channels: [{ id: NEWS, name: 'general' }] },
        ],
      },
      { shards: 'auto' },
    );
    expect(f.identifies.map((d) => d.shard).sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(c.guilds.cache.get(DEFAULT_GUILD_ID)?.shardId).toBe(1);
    expect(c.guilds.cache.get(other)?.shardId).toBe(0);
    // The shard each INTERACTION_CREATE came in on, as discord.js reports its raw packets.
    const seen: number[] = [];
    c.on(Events.Raw, (packet: { t?: string }, shardId: number) => void (packet.t === 'INTERACTION_CREATE' && seen.push(shardId)));
    onInteraction(c, async (interaction) => {
      if (interaction.isChatInputCommand()) await interaction.reply('ok');
    });
    await f.sendCommand('ping', [], { guildId: other, channelId: NEWS }).waitForReply();
    await f.sendCommand('ping', [], { guildId: DEFAULT_GUILD_ID, channelId: GENERAL }).waitForReply();
    expect(seen).toEqual([0, 1]);
  });

  it('records unknown routes in `unhandled` and closes idempotently', async () => {
    // A private instance: the shared afterEach insists on an empty `unhandled`.
    const own = await startFakeDiscord();
    const response = await fetch(`${own.apiUrl}/v10/guilds/${DEFAULT_GUILD_ID}/bans`, { headers: { authorization: `Bot ${own.token}` } });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toEqual({ message: '404: Not Found', code: 0 });
    expect(own.unhandled.map((r) => `${r.method} ${r.path}`)).toEqual([`GET /guilds/${DEFAULT_GUILD_ID}/bans`]);
    expect(() => own.sendCommand('ask')).toThrow(/no gateway session/);
    await own.close();
    await own.close();
  });
});
