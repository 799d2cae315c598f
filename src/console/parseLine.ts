import { ApplicationCommandOptionType } from 'discord.js';
import type { Command, OptionValue } from '../command/types';
import type { Invoked } from '../command/run';

type Option = { type: number; name: string; required?: boolean; options?: Option[] };

export class ParseError extends Error {}

// Single quotes wrap a value that has double quotes of its own (a topic with a phrase: '"Taiwan Strait" -patrols').
// Values stay text: the runner converts and checks them against the definition, as it does Discord's.
const unquote = (raw: string): OptionValue => raw.replace(/^"(.*)"$/s, '$1').replace(/^'(.*)'$/s, '$1');

/**
 * Reads a console line the way Discord would fill a slash command:
 * `/lookup term:"North Korea" page:2`, or `/ask what did they agree?` where the
 * text after the name goes to the first option. Plain text is `/ask`.
 */
export function parseLine(line: string, commands: Map<string, Command>): Invoked {
  const trimmed = line.trim();
  if (!trimmed.startsWith('/')) return { name: 'ask', options: { question: trimmed } };
  const [, name = '', rest = ''] = /^\/(\S+)\s*([\s\S]*)$/.exec(trimmed) ?? [];
  const command = commands.get(name.toLowerCase());
  if (!command) throw new ParseError(`There is no /${name} command. /help lists them.`);
  const json = command.data.toJSON() as { options?: Option[] };
  let options = json.options ?? [];
  let subcommand: string | null = null;
  let text = rest;
  if (options.some((o) => o.type === ApplicationCommandOptionType.Subcommand)) {
    const [, sub = '', after = ''] = /^(\S*)\s*([\s\S]*)$/.exec(rest) ?? [];
    const found = options.find((o) => o.name === sub.toLowerCase());
    if (!found) throw new ParseError(`/${name} needs one of: ${options.map((o) => o.name).join(', ')}`);
    subcommand = found.name;
    options = found.options ?? [];
    text = after;
  }
  const values: Record<string, OptionValue> = {};
  const named = /(?:^|\s)([a-z_]+):\s*("[^"]*"|'[^']*'|[^\s]*(?:\s+(?![a-z_]+:)[^\s]+)*)/g;
  const known = new Set(options.map((o) => o.name));
  const pairs = [...text.matchAll(named)].filter((m) => known.has(m[1]!));
  if (pairs.length && text.trim().startsWith(`${pairs[0]![1]}:`)) {
    for (const [, key, raw] of pairs) values[key!] = unquote(raw!.trim());
  } else if (text.trim()) {
    const first = options.find((o) => o.required) ?? options[0];
    if (!first) throw new ParseError(`/${name} takes no options.`);
    values[first.name] = unquote(text.trim());
  }
  const missing = options.filter((o) => o.required && values[o.name] === undefined).map((o) => o.name);
  if (missing.length) throw new ParseError(`/${name}${subcommand ? ` ${subcommand}` : ''} needs ${missing.map((m) => `${m}:`).join(' ')}`);
  return { name: command.data.name, subcommand, options: values };
}
