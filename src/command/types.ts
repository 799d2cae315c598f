/**
 * The command layer: what a command sees and returns, shared by the Discord
 * adapter and the console. Definitions use discord.js's builders (they are
 * the slash-command schema); nothing here talks to Discord.
 */
import type { APIApplicationCommandOptionChoice, RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import type { Config } from '../config';
import type { Library } from '../library/library';
import type { Logger } from '../log';
import type { Reply } from '../reply';
import type { HistoryStore } from '../store/historyStore';
import type { AlertService } from '../alerts/alertService';
import type { FeedService } from '../feeds';
import type { ServerArticles } from '../library/serverArticles';
import type { ButtonIds } from './buttonIds';

export type Permission = 'ManageMessages' | 'ManageChannels' | 'ManageGuild';
/** What the bot itself may need in a channel, beyond posting. */
export type BotPermission = 'CreatePublicThreads';

export interface Services {
  library: Library;
  config: Config;
  log: Logger;
  history: HistoryStore;
  alerts: AlertService;
  feeds: FeedService;
  /** Files of the articles servers added with /article add. */
  serverArticles: ServerArticles;
  /** Every command's definition, for /help. */
  commands: () => Command[];
  now: () => Date;
}

/** A file uploaded with a command (an attachment option): where to fetch it, and what it says it is. */
export interface AttachedFile {
  url: string;
  name: string;
  size: number;
  contentType: string | null;
}

/** An option's value as an adapter hands it over, before the runner checks it against the definition. */
export type OptionValue = string | number | boolean | AttachedFile;

export interface Invocation {
  user: { id: string; name: string };
  channelId: string;
  /** null in direct messages. */
  guildId: string | null;
  /** Set by the console, which has a scope of its own for server articles and feeds (src/library/library.ts). */
  console?: boolean;
  /** What the member may do in this channel; in DMs everything about one's own channel is allowed. */
  can: (permission: Permission) => boolean;
  /** Whether the bot itself may do this here, as the platform says; absent where there are no threads (the console). */
  botCan?: (permission: BotPermission) => boolean;
  /** The id Discord gave a registered command, for clickable command mentions; unknown in the console. */
  commandId?: (name: string) => string | undefined;
}

/**
 * Option values as the definition declares them, already checked by the
 * runner (type, range, length, choices, required), so a handler reads them
 * as it reads discord.js's `interaction.options`, without converting.
 */
export interface Options {
  string(name: string): string | undefined;
  string(name: string, required: true): string;
  integer(name: string): number | undefined;
  number(name: string): number | undefined;
  boolean(name: string): boolean | undefined;
  /** An uploaded file; in the console, where nothing is uploaded, the path of a local file. */
  attachment(name: string): AttachedFile | string | undefined;
}

export interface CommandContext extends Invocation {
  options: Options;
  subcommand: string | null;
  services: Services;
}

export interface ButtonContext extends Invocation {
  services: Services;
}

export interface CommandDefinition {
  readonly name: string;
  readonly description: string;
  toJSON(): RESTPostAPIChatInputApplicationCommandsJSONBody;
}

/** A command's buttons: its id codec, which subcommand's preconditions guard a press, and the handler. */
export interface ButtonRoute<T> {
  ids: ButtonIds<T>;
  /** The subcommand whose permission and servers-only rule a press must pass (none: the command's own). */
  subcommand?(press: T): string | null;
  run(ctx: ButtonContext, press: T): Reply | Promise<Reply>;
}

export interface Command<Press = unknown> {
  data: CommandDefinition;
  execute(ctx: CommandContext): Reply | Promise<Reply>;
  autocomplete?(
    ctx: CommandContext,
    focused: { name: string; value: string },
  ): APIApplicationCommandOptionChoice[] | Promise<APIApplicationCommandOptionChoice[]>;
  button?: ButtonRoute<Press>;
  /** Work that may take long: Discord gets a deferral first. */
  slow?: boolean;
  /** Seconds a user waits between two uses (per user); a function reads it from settings. */
  cooldown?: number | ((config: Config) => number);
  /**
   * Permissions of single subcommands, checked before the handler, autocomplete or a button runs. A
   * whole command's permission is the one its definition gives Discord (setDefaultMemberPermissions).
   */
  permissions?: Record<string, Permission>;
  /** Subcommands ("" for the command itself) used in a server only (or the console), each with its refusal in DMs. */
  serversOnly?: Record<string, string>;
}

/** Ties a command's button handler to its codec's type; the result is an ordinary Command for the loader. */
export function defineCommand<Press>(command: Command<Press>): Command {
  return command as Command;
}

export { UserError } from '../userError';
