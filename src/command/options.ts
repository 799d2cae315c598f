import { ApplicationCommandOptionType } from 'discord.js';
import { UserError } from '../userError';
import type { AttachedFile, CommandDefinition, OptionValue, Options } from './types';

/** An option as the definition's JSON declares it (the part of Discord's schema the runner checks). */
export interface DeclaredOption {
  type: number;
  name: string;
  required?: boolean;
  min_value?: number;
  max_value?: number;
  min_length?: number;
  max_length?: number;
  choices?: { name: string; value: string | number }[];
  options?: DeclaredOption[];
}

const T = ApplicationCommandOptionType;
const kinds: Partial<Record<number, keyof Options>> = {
  [T.String]: 'string',
  [T.Integer]: 'integer',
  [T.Number]: 'number',
  [T.Boolean]: 'boolean',
  [T.Attachment]: 'attachment',
};

// A builder's toJSON() validates the whole definition (about 0.3 ms): read once per command, not per use.
const declaredByDefinition = new WeakMap<CommandDefinition, DeclaredOption[]>();

/** The options a command (or one of its subcommands) declares. */
export function declaredOptions(definition: CommandDefinition, subcommand: string | null): DeclaredOption[] {
  let top = declaredByDefinition.get(definition);
  if (!top) declaredByDefinition.set(definition, (top = (definition.toJSON() as { options?: DeclaredOption[] }).options ?? []));
  if (subcommand === null) return top.filter((o) => o.type !== T.Subcommand && o.type !== T.SubcommandGroup);
  return top.find((o) => o.type === T.Subcommand && o.name === subcommand)?.options ?? [];
}

function range(kind: string, o: DeclaredOption): string {
  if (o.min_value !== undefined && o.max_value !== undefined) return `${kind} from ${o.min_value} to ${o.max_value}`;
  if (o.min_value !== undefined) return `${kind} of at least ${o.min_value}`;
  if (o.max_value !== undefined) return `${kind} of at most ${o.max_value}`;
  return kind;
}

function isFile(value: unknown): value is AttachedFile {
  const file = value as Partial<AttachedFile> | null;
  return (
    typeof file === 'object' &&
    file !== null &&
    typeof file.url === 'string' &&
    typeof file.name === 'string' &&
    typeof file.size === 'number'
  );
}

/**
 * One value checked and converted as its declaration says, or a UserError
 * naming what is accepted. Discord checks most of this in its client, but a
 * console line or a forged interaction reaches the runner unchecked.
 */
function checked(o: DeclaredOption, value: OptionValue, console: boolean): OptionValue {
  const text = typeof value === 'string' ? value.trim() : value;
  switch (o.type) {
    case T.Integer:
    case T.Number: {
      const n = typeof text === 'number' ? text : typeof text === 'string' && text !== '' ? Number(text.replace(',', '.')) : NaN;
      const whole = o.type === T.Integer;
      const fits =
        Number.isFinite(n) &&
        (!whole || Number.isInteger(n)) &&
        (o.min_value === undefined || n >= o.min_value) &&
        (o.max_value === undefined || n <= o.max_value);
      if (!fits) throw new UserError(`${o.name} must be ${range(whole ? 'a whole number' : 'a number', o)}.`);
      return n;
    }
    case T.Boolean: {
      if (typeof value === 'boolean') return value;
      if (/^(true|yes|1)$/i.test(String(text))) return true;
      if (/^(false|no|0)$/i.test(String(text))) return false;
      throw new UserError(`${o.name} must be true or false.`);
    }
    case T.Attachment: {
      if (isFile(value)) return value;
      // The console uploads nothing: it names a file on the operator's own machine.
      if (console && typeof value === 'string') return value;
      throw new UserError(`${o.name} must be an attached file.`);
    }
    default: {
      if (typeof value === 'object') throw new UserError(`${o.name} must be text.`);
      const s = String(value);
      if (o.max_length !== undefined && s.length > o.max_length)
        throw new UserError(
          `${o.name === 'question' ? 'That question' : `The value of ${o.name}:`} is too long for me (${s.length.toLocaleString('en-US')} characters): please keep it to ${o.max_length.toLocaleString('en-US')} characters at most.`,
        );
      if (o.min_length !== undefined && s.length < o.min_length)
        throw new UserError(`${o.name} must be at least ${o.min_length} characters.`);
      if (!o.choices) return s;
      // A console line may differ in case or spacing from the choice a Discord menu sends.
      const choice = o.choices.find((c) => String(c.value).toLowerCase() === s.trim().toLowerCase());
      if (!choice) throw new UserError(`${o.name} must be one of: ${o.choices.map((c) => c.value).join(', ')}.`);
      return String(choice.value);
    }
  }
}

/**
 * Reads the values an adapter handed over against the declared options:
 * unknown names are dropped, a missing required option or a bad value is a
 * UserError. `strict` false (autocomplete, where the member is still typing)
 * drops bad values instead of refusing.
 */
export function readOptions(
  declared: DeclaredOption[],
  raw: Record<string, OptionValue | undefined>,
  where: string,
  { strict = true, console = false } = {},
): Options {
  const values = new Map<string, OptionValue>();
  for (const o of declared) {
    const value = raw[o.name];
    if (value === undefined || value === null) {
      if (o.required && strict) throw new UserError(`${where} needs ${o.name}:`);
      continue;
    }
    try {
      values.set(o.name, checked(o, value, console));
    } catch (error) {
      if (strict || !(error instanceof UserError)) throw error;
    }
  }
  const kindOf = new Map(declared.map((o) => [o.name, kinds[o.type]]));
  const read = <V>(kind: keyof Options, name: string, required = false): V | undefined => {
    // Asking for an option by the wrong type or name is a bug in the command, not bad input.
    if (kindOf.get(name) !== kind) throw new Error(`${where} declares no ${kind} option "${name}"`);
    const value = values.get(name) as V | undefined;
    if (required && value === undefined && strict) throw new Error(`${where}: required option "${name}" missing after the check`);
    return value;
  };
  return {
    string: ((name: string, required?: boolean) => read<string>('string', name, required)) as Options['string'],
    integer: (name) => read<number>('integer', name),
    number: (name) => read<number>('number', name),
    boolean: (name) => read<boolean>('boolean', name),
    attachment: (name) => read<AttachedFile | string>('attachment', name),
  };
}
