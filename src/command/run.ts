import { randomBytes } from 'node:crypto';
import { PermissionFlagsBits, type APIApplicationCommandOptionChoice } from 'discord.js';
import type { Command, CommandContext, Invocation, OptionValue, Permission, Services } from './types';
import { UserError } from './types';
import type { Reply } from '../reply';
import { notice } from '../reply';
import { StoreWriteError } from '../store/jsonStore';
import { declaredOptions, readOptions } from './options';
import { splitButtonId } from './buttonIds';

const permissionNames: Record<Permission, string> = {
  ManageMessages: 'Manage Messages',
  ManageChannels: 'Manage Channels',
  ManageGuild: 'Manage Server',
};

export interface Invoked {
  name: string;
  subcommand?: string | null;
  options?: Record<string, OptionValue | undefined>;
}

/** Discord's bit for each permission a command can require. */
export const permissionFlags: Record<Permission, bigint> = {
  ManageMessages: PermissionFlagsBits.ManageMessages,
  ManageChannels: PermissionFlagsBits.ManageChannels,
  ManageGuild: PermissionFlagsBits.ManageGuild,
};

const declared = new WeakMap<Command, Permission | undefined>();

/**
 * The permission a whole command needs, as its definition states it for
 * Discord (`setDefaultMemberPermissions`, which hides it from members
 * without it): stated once, it is also what the runner checks, since a
 * server's admins can change who sees a command.
 */
function definitionPermission(command: Command): Permission | undefined {
  if (!declared.has(command)) {
    const bits = (command.data.toJSON() as { default_member_permissions?: string | null }).default_member_permissions;
    const flags = bits ? BigInt(bits) : 0n;
    declared.set(
      command,
      (Object.keys(permissionFlags) as Permission[]).find((p) => flags & permissionFlags[p]),
    );
  }
  return declared.get(command);
}

/** The permission a command states for one subcommand, or for the command as a whole. */
export function requiredPermission(command: Command, subcommand: string | null | undefined): Permission | undefined {
  return command.permissions?.[subcommand ?? ''] ?? definitionPermission(command);
}

/** Whether this member may use the command (or one subcommand) here: what /help lists and what the runner lets through. */
export function mayUse(command: Command, subcommand: string | null | undefined, who: Invocation): boolean {
  const required = requiredPermission(command, subcommand);
  return !required || who.can(required);
}

/**
 * A choice's name as Discord takes it: one line of at most 100 characters.
 * A title cut at 100 can end in half an emoji, which Discord refuses, and
 * with it the whole list of choices.
 */
function choiceName(name: string): string {
  const cut = name
    .replace(/[\s\u0000-\u001f\u007f]+/g, ' ')
    .trim()
    .slice(0, 100);
  return /[\ud800-\udbff]$/.test(cut) ? cut.slice(0, -1) : cut;
}

/**
 * Runs commands for any adapter: one place for the rules every command
 * follows (permissions, servers only, cooldowns, option checks, refusals and
 * errors), for its buttons as for the command itself, so no handler can
 * forget them.
 */
export class CommandRunner {
  private readonly byName = new Map<string, Command>();
  private readonly lastUse = new Map<string, Map<string, number>>();

  /** `cooldowns: false` for the console, where the one user is the operator. */
  constructor(
    readonly commands: Command[],
    readonly services: Services,
    private readonly options: { cooldowns: boolean } = { cooldowns: true },
  ) {
    for (const command of commands) this.byName.set(command.data.name, command);
  }

  get(name: string): Command | undefined {
    return this.byName.get(name);
  }

  /** Runs a command; whatever happens, the result is a reply to show. */
  async run(invoked: Invoked, invocation: Invocation, beforeExecute?: (command: Command) => Promise<void>): Promise<Reply> {
    const command = this.byName.get(invoked.name);
    if (!command) return notice('warning', `There is no /${invoked.name} command. /help lists them.`);
    const subcommand = invoked.subcommand ?? null;
    return this.guard(invoked.name, async () => {
      const refused = this.refusal(command, subcommand, invocation);
      if (refused) return refused;
      const where = `/${invoked.name}${subcommand ? ` ${subcommand}` : ''}`;
      const options = readOptions(declaredOptions(command.data, subcommand), invoked.options ?? {}, where, {
        console: Boolean(invocation.console),
      });
      const wait = this.cooldownLeft(command, invocation.user.id);
      if (wait > 0) return notice('warning', `Please wait ${Math.ceil(wait / 1000)} s before using /${invoked.name} again.`);
      // Once the checks pass, an adapter may acknowledge slow work (Discord's deferral) before it starts.
      await beforeExecute?.(command);
      const ctx: CommandContext = { ...invocation, options, subcommand, services: this.services };
      return command.execute(ctx);
    });
  }

  /** A button press, routed by its id to the command that made it, under that command's preconditions. */
  async button(customId: string, invocation: Invocation): Promise<Reply> {
    const { command: name, parts } = splitButtonId(customId);
    const route = this.byName.get(name)?.button;
    const press = route?.ids.decode(parts);
    if (!route || press === undefined) return notice('warning', 'That button no longer works; run the command again.');
    return this.guard(`${name}:button`, () => {
      const refused = this.refusal(this.byName.get(name)!, route.subcommand?.(press) ?? null, invocation);
      return refused ?? route.run({ ...invocation, services: this.services }, press);
    });
  }

  async autocomplete(
    invoked: Invoked,
    invocation: Invocation,
    focused: { name: string; value: string },
  ): Promise<APIApplicationCommandOptionChoice[]> {
    const command = this.byName.get(invoked.name);
    if (!command?.autocomplete) return [];
    const subcommand = invoked.subcommand ?? null;
    // Discord sends autocomplete to anyone typing the command: it suggests nothing to a member who could not run it.
    if (this.refusal(command, subcommand, invocation)) return [];
    try {
      const options = readOptions(declaredOptions(command.data, subcommand), invoked.options ?? {}, `/${invoked.name}`, {
        strict: false,
        console: Boolean(invocation.console),
      });
      const choices = await command.autocomplete({ ...invocation, options, subcommand, services: this.services }, focused);
      // Discord accepts at most 25 choices, each name 1–100 characters, and refuses the whole list for one string value over 100:
      // such a choice is left out (a value cut short would name something else).
      return choices
        .filter((c) => typeof c.value !== 'string' || c.value.length <= 100)
        .slice(0, 25)
        .map((c) => ({ ...c, name: choiceName(c.name) || choiceName(String(c.value)) }));
    } catch (error) {
      this.services.log.error('autocomplete_failed', { command: invoked.name, error: (error as Error).stack ?? String(error) });
      return [];
    }
  }

  /** The preconditions every way into a command passes: its permission and, outside a server, its servers-only rule. */
  private refusal(command: Command, subcommand: string | null, invocation: Invocation): Reply | undefined {
    const required = requiredPermission(command, subcommand);
    if (required && !invocation.can(required))
      return notice('warning', `You need the ${permissionNames[required]} permission to do that here.`);
    const serversOnly = command.serversOnly?.[subcommand ?? ''] ?? command.serversOnly?.[''];
    if (serversOnly && !invocation.guildId && !invocation.console) return notice('warning', serversOnly);
    return undefined;
  }

  private cooldownLeft(command: Command, userId: string): number {
    if (!this.options.cooldowns) return 0;
    const seconds = typeof command.cooldown === 'function' ? command.cooldown(this.services.config) : (command.cooldown ?? 0);
    if (seconds <= 0) return 0;
    const now = this.services.now().getTime();
    let users = this.lastUse.get(command.data.name);
    if (!users) this.lastUse.set(command.data.name, (users = new Map()));
    const last = users.get(userId);
    if (last !== undefined && now - last < seconds * 1000) return seconds * 1000 - (now - last);
    users.set(userId, now);
    // Forget users whose cooldown is over so the map does not grow without bound.
    if (users.size > 10_000) for (const [id, at] of users) if (now - at >= seconds * 1000) users.delete(id);
    return 0;
  }

  private async guard(what: string, run: () => Reply | Promise<Reply>): Promise<Reply> {
    try {
      return await run();
    } catch (error) {
      if (error instanceof UserError) return notice('warning', error.message);
      if (error instanceof StoreWriteError) {
        this.services.log.error('store_write_failed', { command: what, error: error.message });
        return notice(
          'error',
          'Sorry, I could not save that: the bot’s data folder is not writable right now. Please tell the bot’s operator.',
        );
      }
      const errorId = randomBytes(4).toString('hex');
      this.services.log.error('command_failed', { command: what, errorId, error: (error as Error).stack ?? String(error) });
      return notice('error', `Sorry, something went wrong on my side (error id ${errorId}). The bot is still running; please try again.`);
    }
  }
}
