import type { CommandItem, Reply } from '../reply';

/** A command (or subcommand) as /help lists it, read from the definition registered with Discord. */
export interface HelpEntry {
  /** "lookup", or "history show" for a subcommand. */
  command: string;
  /** Discord's id for the command, for a clickable mention. */
  id?: string;
  description: string;
  options: { name: string; required?: boolean }[];
}

function usage(options: HelpEntry['options']): string {
  return options.map((o) => (o.required ? `${o.name}:` : `[${o.name}:]`)).join(' ');
}

/** /help: the commands this member may use here (the command chooses them). Only the asker sees it. */
export function helpReply(entries: HelpEntry[]): Reply {
  const items: CommandItem[] = entries.map((e) => ({
    command: e.command,
    id: e.id,
    text: [usage(e.options), `— ${e.description}`].filter(Boolean).join(' '),
  }));
  return {
    tone: 'info',
    title: 'Policy Desk',
    text: [
      'I answer questions about policy news by quoting the articles themselves: every quote is copied word for word from its article, with the title, date and source under it. When the articles do not answer a question, I say so instead of guessing.',
    ],
    items,
    footer: 'Options in [brackets] are optional. Commands that need a permission you do not have here are not listed.',
    ephemeral: true,
  };
}
