/**
 * A command's button ids: "<command>:<part>:<part>…", written and read by one
 * codec that the command owns, so the parts cannot drift between the reply
 * that makes a button and the handler that reads it. Ids outlive the process
 * (a button pressed after a restart still works), so a codec reads every id it
 * ever wrote, and anything else (a forged or damaged id) as undefined.
 */
export interface ButtonIds<T> {
  /** The command the ids route to. */
  readonly command: string;
  encode(press: T): string;
  /** The parts after "<command>:", read back; undefined when they are not an id of this command. */
  decode(parts: string[]): T | undefined;
}

export function buttonIds<T>(
  command: string,
  codec: { encode(press: T): (string | number)[]; decode(parts: string[]): T | undefined },
): ButtonIds<T> {
  return {
    command,
    encode: (press) => [command, ...codec.encode(press)].join(':'),
    decode: (parts) => codec.decode(parts),
  };
}

/** The command a button id routes to, and the parts its codec reads. */
export function splitButtonId(id: string): { command: string; parts: string[] } {
  const [command = '', ...parts] = id.split(':');
  return { command, parts };
}

/** A page number from an id: a forged or damaged one reads as the first page rather than failing. */
export function pageIn(part: string | undefined): number {
  const n = Math.floor(Number(part));
  return Number.isFinite(n) && n >= 1 ? n : 1;
}
