import { PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { CommandRunner } from '../../src/command/run';
import { buttonIds, pageIn } from '../../src/command/buttonIds';
import { defineCommand, type Command, type CommandContext, type Invocation, type Permission, type Services } from '../../src/command/types';
import { notice, type Reply } from '../../src/reply';
import { StoreWriteError } from '../../src/store/jsonStore';
import { UserError } from '../../src/userError';

type Logged = { level: string; event: string; fields: Record<string, unknown> };

function servicesFor(logged: Logged[], clock: { now: number } = { now: Date.parse('2024-03-05T10:00:00Z') }): Services {
  const log =
    (level: string) =>
    (event: string, fields: Record<string, unknown> = {}) =>
      void logged.push({ level, event, fields });
  return {
    log: { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') },
    config: { askCooldownSeconds: 30 },
    now: () => new Date(clock.now),
    commands: () => [],
  } as unknown as Services;
}

const member = (permissions: Permission[] = [], where: Partial<Invocation> = {}): Invocation => ({
  user: { id: 'u1', name: 'member' },
  channelId: 'c1',
  guildId: 'g1',
  can: (p) => permissions.includes(p),
  ...where,
});

const said = (reply: Reply) => reply.text?.join(' ') ?? '';

// What the handler saw, so a test can check the values the runner handed over.
let seen: CommandContext | undefined;
const lastSeen = (): CommandContext | undefined => seen;

type Press = { action: 'page'; page: number } | { action: 'wipe' };
const noteIds = buttonIds<Press>('notes', {
  encode: (press) => (press.action === 'page' ? ['page', press.page] : ['wipe']),
  decode: ([action, page]) => (action === 'page' ? { action, page: pageIn(page) } : action === 'wipe' ? { action } : undefined),
});

const notes = defineCommand({
  data: new SlashCommandBuilder()
    .setName('notes')
    .setDescription('test')
    .addSubcommand((s) =>
      s
        .setName('show')
        .setDescription('show')
        .addIntegerOption((o) => o.setName('page').setDescription('p').setMinValue(1))
        .addNumberOption((o) => o.setName('share').setDescription('s').setMinValue(0.05).setMaxValue(1))
        .addStringOption((o) =>
          o.setName('mode').setDescription('m').addChoices({ name: 'daily', value: 'daily' }, { name: 'weekly', value: 'weekly' }),
        )
        .addBooleanOption((o) => o.setName('thread').setDescription('t'))
        .addStringOption((o) => o.setName('term').setDescription('t').setMaxLength(5)),
    )
    .addSubcommand((s) => s.setName('wipe').setDescription('wipe'))
    .addSubcommand((s) =>
      s
        .setName('add')
        .setDescription('add')
        .addStringOption((o) => o.setName('text').setDescription('t').setRequired(true)),
    ),
  permissions: { wipe: 'ManageMessages' },
  serversOnly: { add: 'Notes belong to a server.' },
  execute: (ctx) => {
    seen = ctx;
    if (ctx.subcommand === 'add') return notice('info', `added ${ctx.options.string('text', true)}`);
    return notice('info', `ran ${ctx.subcommand}`);
  },
  // The fourth value is one character over Discord's limit.
  autocomplete: () =>
    Array.from({ length: 30 }, (_, i) => ({ name: `${'n'.repeat(120)}${i}`, value: i === 3 ? 'v'.repeat(101) : String(i) })),
  button: {
    ids: noteIds,
    subcommand: (press) => (press.action === 'wipe' ? 'wipe' : 'show'),
    run: (_ctx, press) => notice('info', press.action === 'page' ? `page ${press.page}` : 'wiped'),
  },
});

const failing = (error: Error): Command =>
  defineCommand({
    data: new SlashCommandBuilder().setName('fails').setDescription('test'),
    execute: () => {
      throw error;
    },
  });

const slowPoke = defineCommand({
  data: new SlashCommandBuilder().setName('poke').setDescription('test'),
  cooldown: (config) => config.askCooldownSeconds,
  execute: () => notice('info', 'poked'),
});

function runnerWith(commands: Command[], options = { cooldowns: true }) {
  const logged: Logged[] = [];
  const clock = { now: Date.parse('2024-03-05T10:00:00Z') };
  return { runner: new CommandRunner(commands, servicesFor(logged, clock), options), logged, clock };
}

describe('CommandRunner preconditions', () => {
  it('refuses a subcommand whose permission the member lacks, and runs it for one who has it', async () => {
    const { runner } = runnerWith([notes]);
    const refused = await runner.run({ name: 'notes', subcommand: 'wipe' }, member());
    expect(refused).toMatchObject({ tone: 'warning', ephemeral: true });
    expect(said(refused)).toBe('You need the Manage Messages permission to do that here.');
    expect(said(await runner.run({ name: 'notes', subcommand: 'wipe' }, member(['ManageMessages'])))).toBe('ran wipe');
    // The permission is the subcommand's own: the others need none.
    expect(said(await runner.run({ name: 'notes', subcommand: 'show' }, member()))).toBe('ran show');
  });

  it('checks the permission a definition gives Discord for the whole command, stated only there', async () => {
    const admin = defineCommand({
      data: new SlashCommandBuilder().setName('admin').setDescription('t').setDefaultMemberPermissions(PermissionFlagsBits.ManageChannels),
      execute: () => notice('info', 'done'),
      autocomplete: () => [{ name: 'a', value: 'a' }],
    });
    const { runner } = runnerWith([admin]);
    expect(said(await runner.run({ name: 'admin' }, member(['ManageMessages'])))).toBe(
      'You need the Manage Channels permission to do that here.',
    );
    expect(said(await runner.run({ name: 'admin' }, member(['ManageChannels'])))).toBe('done');
    expect(await runner.autocomplete({ name: 'admin' }, member(), { name: 'x', value: '' })).toEqual([]);
  });

  it('refuses a servers-only subcommand in a DM with its own words, but not in the console', async () => {
    const { runner } = runnerWith([notes]);
    const dm = await runner.run({ name: 'notes', subcommand: 'add', options: { text: 'x' } }, member([], { guildId: null }));
    expect(said(dm)).toBe('Notes belong to a server.');
    const consoleRun = await runner.run(
      { name: 'notes', subcommand: 'add', options: { text: 'x' } },
      member([], { guildId: null, console: true }),
    );
    expect(said(consoleRun)).toBe('added x');
    expect(said(await runner.run({ name: 'notes', subcommand: 'show' }, member([], { guildId: null })))).toBe('ran show');
  });

  it('makes a user wait between two uses of a command with a cooldown, per user, and not in the console', async () => {
    const { runner, clock } = runnerWith([slowPoke]);
    expect(said(await runner.run({ name: 'poke' }, member()))).toBe('poked');
    clock.now += 10_000;
    const again = await runner.run({ name: 'poke' }, member());
    expect(said(again)).toBe('Please wait 20 s before using /poke again.');
    expect(said(await runner.run({ name: 'poke' }, member([], { user: { id: 'u2', name: 'other' } })))).toBe('poked');
    clock.now += 20_000;
    expect(said(await runner.run({ name: 'poke' }, member()))).toBe('poked');
    const { runner: consoleRunner } = runnerWith([slowPoke], { cooldowns: false });
    await consoleRunner.run({ name: 'poke' }, member());
    expect(said(await consoleRunner.run({ name: 'poke' }, member()))).toBe('poked');
  });

  it('names a command that does not exist', async () => {
    const { runner } = runnerWith([notes]);
    expect(said(await runner.run({ name: 'nope' }, member()))).toBe('There is no /nope command. /help lists them.');
  });
});

describe('CommandRunner options', () => {
  const show = async (options: Record<string, string | number | boolean>) => {
    seen = undefined;
    const { runner } = runnerWith([notes]);
    const reply = await runner.run({ name: 'notes', subcommand: 'show', options }, member());
    return { reply, options: lastSeen()?.options };
  };

  it('converts text (a console line) to the declared types, and keeps Discord’s typed values', async () => {
    const { options } = await show({ page: '3', share: '0,5', mode: 'Weekly', thread: 'yes', term: 'tax' });
    expect(options!.integer('page')).toBe(3);
    expect(options!.number('share')).toBe(0.5);
    expect(options!.string('mode')).toBe('weekly');
    expect(options!.boolean('thread')).toBe(true);
    expect(options!.string('term')).toBe('tax');
    const typed = (await show({ page: 2, thread: false })).options!;
    expect(typed.integer('page')).toBe(2);
    expect(typed.boolean('thread')).toBe(false);
    expect(typed.string('term')).toBeUndefined();
  });

  it.each([
    [{ page: 'abc' }, 'page must be a whole number of at least 1.'],
    [{ page: '2.5' }, 'page must be a whole number of at least 1.'],
    [{ page: 0 }, 'page must be a whole number of at least 1.'],
    [{ share: '2' }, 'share must be a number from 0.05 to 1.'],
    [{ mode: 'hourly' }, 'mode must be one of: daily, weekly.'],
    [{ thread: 'maybe' }, 'thread must be true or false.'],
    [{ term: 'taxes!' }, 'The value of term: is too long for me (6 characters): please keep it to 5 characters at most.'],
  ])('refuses %o politely, without running the handler', async (bad, message) => {
    const { reply, options } = await show(bad);
    expect(options).toBeUndefined();
    expect(reply).toMatchObject({ tone: 'warning', ephemeral: true });
    expect(said(reply)).toBe(message);
  });

  it('refuses a missing required option and drops options the definition does not declare', async () => {
    const { runner } = runnerWith([notes]);
    expect(said(await runner.run({ name: 'notes', subcommand: 'add', options: {} }, member()))).toBe('/notes add needs text:');
    seen = undefined;
    await runner.run({ name: 'notes', subcommand: 'add', options: { text: 'x', forged: 'y' } }, member());
    expect(() => lastSeen()!.options.string('forged')).toThrow(/declares no string option "forged"/);
  });

  it('treats reading an option by the wrong type as a bug in the command, not as bad input', async () => {
    const misread = defineCommand({
      data: new SlashCommandBuilder()
        .setName('misread')
        .setDescription('t')
        .addIntegerOption((o) => o.setName('page').setDescription('p')),
      execute: (ctx) => notice('info', ctx.options.string('page') ?? ''),
    });
    const { runner, logged } = runnerWith([misread]);
    const reply = await runner.run({ name: 'misread', options: { page: 1 } }, member());
    expect(reply.tone).toBe('error');
    expect(logged.find((l) => l.event === 'command_failed')?.fields.error).toMatch(/declares no string option "page"/);
  });
});

describe('CommandRunner errors', () => {
  it('shows a UserError as it is, as a warning', async () => {
    const { runner, logged } = runnerWith([failing(new UserError('days must be from 1 to 365.'))]);
    const reply = await runner.run({ name: 'fails' }, member());
    expect(reply).toEqual({ tone: 'warning', text: ['days must be from 1 to 365.'], ephemeral: true });
    expect(logged).toEqual([]);
  });

  it('says a failed write is the data folder’s fault, and logs it', async () => {
    const { runner, logged } = runnerWith([failing(new StoreWriteError('EACCES'))]);
    const reply = await runner.run({ name: 'fails' }, member());
    expect(reply.tone).toBe('error');
    expect(said(reply)).toMatch(/data folder is not writable/);
    expect(logged).toMatchObject([{ level: 'error', event: 'store_write_failed', fields: { command: 'fails', error: 'EACCES' } }]);
  });

  it('apologises for a bug with an error id that the log line also has', async () => {
    const { runner, logged } = runnerWith([failing(new Error('boom'))]);
    const reply = await runner.run({ name: 'fails' }, member());
    const id = /error id ([0-9a-f]{8})/.exec(said(reply))?.[1];
    expect(reply).toMatchObject({ tone: 'error', ephemeral: true });
    expect(logged).toMatchObject([
      { event: 'command_failed', fields: { command: 'fails', errorId: id, error: expect.stringContaining('boom') } },
    ]);
  });
});

describe('CommandRunner buttons', () => {
  it('routes an id to the command that made it, decoded by its codec', async () => {
    const { runner } = runnerWith([notes]);
    expect(noteIds.encode({ action: 'page', page: 4 })).toBe('notes:page:4');
    expect(said(await runner.button('notes:page:4', member()))).toBe('page 4');
    // A forged page reads as the first, never NaN.
    expect(said(await runner.button('notes:page:zz', member()))).toBe('page 1');
  });

  it('refuses an id no command can read', async () => {
    const { runner } = runnerWith([notes]);
    for (const id of ['notes:sideways', 'nothing:page:1', '', 'notes']) {
      expect(said(await runner.button(id, member())), id).toBe('That button no longer works; run the command again.');
    }
  });

  it('runs a press under the preconditions of the subcommand it belongs to', async () => {
    const { runner } = runnerWith([notes]);
    expect(said(await runner.button('notes:wipe', member()))).toBe('You need the Manage Messages permission to do that here.');
    expect(said(await runner.button('notes:wipe', member(['ManageMessages'])))).toBe('wiped');
    expect(said(await runner.button('notes:page:2', member()))).toBe('page 2');
  });

  it('apologises for a button handler that throws', async () => {
    const broken = { ...notes, button: { ...notes.button!, run: () => Promise.reject(new Error('kaput')) } };
    const { runner, logged } = runnerWith([broken]);
    expect(said(await runner.button('notes:page:1', member()))).toMatch(/something went wrong on my side \(error id [0-9a-f]{8}\)/);
    expect(logged[0]).toMatchObject({ event: 'command_failed', fields: { command: 'notes:button' } });
  });
});

describe('CommandRunner autocomplete', () => {
  it('suggests nothing to a member who may not run the subcommand', async () => {
    const { runner } = runnerWith([notes]);
    expect(await runner.autocomplete({ name: 'notes', subcommand: 'wipe' }, member(), { name: 'x', value: '' })).toEqual([]);
  });

  it('keeps to Discord’s 25 choices of at most 100 characters, and ignores a half-typed bad value', async () => {
    const { runner } = runnerWith([notes]);
    const choices = await runner.autocomplete({ name: 'notes', subcommand: 'show', options: { page: 'ab' } }, member(), {
      name: 'term',
      value: '',
    });
    expect(choices).toHaveLength(25);
    expect(choices.every((c) => c.name.length === 100)).toBe(true);
    // Discord refuses the whole list for one value over 100 characters: that choice is left out, not cut (it would name nothing).
    expect(choices.map((c) => c.value)).toEqual([0, 1, 2, ...Array.from({ length: 22 }, (_, i) => i + 4)].map(String));
  });

  it('never ends a name in half an emoji, and makes a name with line breaks one line (Discord refuses the whole list otherwise)', async () => {
    const titled = defineCommand({
      data: new SlashCommandBuilder()
        .setName('titled')
        .setDescription('test')
        .addStringOption((o) => o.setName('what').setDescription('w').setAutocomplete(true)),
      execute: () => notice('info', 'ran'),
      // As commands cut "title (id)" themselves: the emoji's second half falls at 100.
      autocomplete: () => [
        { name: `${'a'.repeat(99)}🗳️ vote`.slice(0, 100), value: 'emoji' },
        { name: 'Budget\nday:\u0007 the vote', value: 'lines' },
      ],
    });
    const { runner } = runnerWith([titled]);
    const choices = await runner.autocomplete({ name: 'titled' }, member(), { name: 'what', value: '' });
    expect(choices).toEqual([
      { name: 'a'.repeat(99), value: 'emoji' },
      { name: 'Budget day: the vote', value: 'lines' },
    ]);
  });
});
