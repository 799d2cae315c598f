import type { MessageBody, RecordedFile } from './types';
import { isRecord } from './util';

/** The JSON error body Discord answers 4xx with. */
export interface ApiError {
  code: number;
  message: string;
  errors?: Record<string, unknown>;
}

type FieldErrors = Array<[path: string, code: string, message: string]>;

function formError(fieldErrors: FieldErrors): ApiError {
  // Discord nests errors by path: { embeds: { 0: { description: { _errors: [...] } } } }.
  const errors: Record<string, unknown> = {};
  for (const [path, code, message] of fieldErrors) {
    let node = errors;
    for (const key of path.split('.')) {
      const next = node[key];
      if (isRecord(next)) {
        node = next;
      } else {
        const created: Record<string, unknown> = {};
        node[key] = created;
        node = created;
      }
    }
    const list = Array.isArray(node._errors) ? (node._errors as unknown[]) : [];
    list.push({ code, message });
    node._errors = list;
  }
  return { code: 50035, message: 'Invalid Form Body', errors };
}

function maxLength(errors: FieldErrors, path: string, value: unknown, max: number): number {
  if (typeof value !== 'string') return 0;
  if (value.length > max) errors.push([path, 'BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`]);
  return value.length;
}

/**
 * The limits a real bot trips over most often: 2000-char content, 10 embeds, embed field and
 * total-size limits, 5 action rows. Enforcing them here means an over-long answer fails in
 * tests the same way it would fail in production.
 */
export function validateMessage(body: MessageBody, files: RecordedFile[], opts: { partial: boolean }): ApiError | null {
  const errors: FieldErrors = [];
  maxLength(errors, 'content', body.content, 2000);
  const embeds = body.embeds ?? [];
  if (embeds.length > 10) errors.push(['embeds', 'BASE_TYPE_MAX_LENGTH', 'Must be 10 or fewer in length.']);
  let embedTotal = 0;
  embeds.forEach((embed, i) => {
    const at = `embeds.${i}`;
    embedTotal += maxLength(errors, `${at}.title`, embed.title, 256);
    embedTotal += maxLength(errors, `${at}.description`, embed.description, 4096);
    embedTotal += maxLength(errors, `${at}.footer.text`, embed.footer?.text, 2048);
    embedTotal += maxLength(errors, `${at}.author.name`, embed.author?.name, 256);
    const fields = embed.fields ?? [];
    if (fields.length > 25) errors.push([`${at}.fields`, 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.']);
    fields.forEach((field, j) => {
      embedTotal += maxLength(errors, `${at}.fields.${j}.name`, field.name, 256);
      embedTotal += maxLength(errors, `${at}.fields.${j}.value`, field.value, 1024);
    });
  });
  if (embedTotal > 6000) errors.push(['embeds', 'MAX_EMBED_SIZE_EXCEEDED', 'Embed size exceeds maximum size of 6000']);
  const components = body.components ?? [];
  if (components.length > 5 && ((body.flags ?? 0) & (1 << 15)) === 0) {
    errors.push(['components', 'BASE_TYPE_MAX_LENGTH', 'Must be 5 or fewer in length.']);
  }
  if (errors.length > 0) return formError(errors);

  const empty =
    !body.content &&
    embeds.length === 0 &&
    components.length === 0 &&
    files.length === 0 &&
    body.poll === undefined &&
    body.sticker_ids === undefined;
  if (!opts.partial && empty) return { code: 50006, message: 'Cannot send an empty message' };
  return null;
}

const COMMAND_NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

function validateOptions(errors: FieldErrors, path: string, options: unknown): void {
  if (options === undefined) return;
  if (!Array.isArray(options)) {
    errors.push([path, 'BASE_TYPE_ARRAY', 'Must be an array.']);
    return;
  }
  if (options.length > 25) errors.push([path, 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.']);
  options.forEach((option: unknown, i) => {
    const at = `${path}.${i}`;
    if (!isRecord(option)) return;
    const name = option.name;
    if (typeof name !== 'string' || !COMMAND_NAME.test(name) || name !== name.toLowerCase()) {
      errors.push([`${at}.name`, 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid']);
    }
    const description = option.description;
    if (typeof description !== 'string' || description.length < 1 || description.length > 100) {
      errors.push([`${at}.description`, 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.']);
    }
    validateOptions(errors, `${at}.options`, option.options);
  });
}

/** Same checks Discord applies on a bulk overwrite; a broken deploy script fails here too. */
export function validateCommands(body: unknown): ApiError | null {
  if (!Array.isArray(body)) return formError([['_root', 'BASE_TYPE_ARRAY', 'Must be an array.']]);
  const errors: FieldErrors = [];
  if (body.length > 100) errors.push(['_root', 'BASE_TYPE_MAX_LENGTH', 'Must be 100 or fewer in length.']);
  const seen = new Set<string>();
  body.forEach((command: unknown, i) => {
    if (!isRecord(command)) {
      errors.push([`${i}`, 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType']);
      return;
    }
    const type = typeof command.type === 'number' ? command.type : 1;
    const name = command.name;
    const chatInput = type === 1;
    if (
      typeof name !== 'string' ||
      name.length < 1 ||
      name.length > 32 ||
      (chatInput && (!COMMAND_NAME.test(name) || name !== name.toLowerCase()))
    ) {
      errors.push([`${i}.name`, 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid']);
    } else {
      const key = `${type}:${name}`;
      if (seen.has(key)) errors.push([`${i}.name`, 'APPLICATION_COMMANDS_DUPLICATE_NAME', `Application command names must be unique`]);
      seen.add(key);
    }
    if (chatInput) {
      const description = command.description;
      if (typeof description !== 'string' || description.length < 1 || description.length > 100) {
        errors.push([`${i}.description`, 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.']);
      }
      validateOptions(errors, `${i}.options`, command.options);
    }
  });
  return errors.length > 0 ? formError(errors) : null;
}

const ARCHIVE_DURATIONS = [60, 1440, 4320, 10080];

/** The body of "start thread from message": a name of 1 to 100 characters, and an archive duration Discord offers. */
export function validateThread(body: unknown): ApiError | null {
  if (!isRecord(body)) return formError([['_root', 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType']]);
  const errors: FieldErrors = [];
  if (typeof body.name !== 'string' || body.name.trim().length === 0) errors.push(['name', 'BASE_TYPE_REQUIRED', 'This field is required']);
  else if (body.name.length > 100) errors.push(['name', 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.']);
  else if (/[\n\r]/.test(body.name)) errors.push(['name', 'BASE_TYPE_BAD_VALUE', 'Thread names cannot contain line breaks.']);
  if (body.auto_archive_duration !== undefined && !ARCHIVE_DURATIONS.includes(body.auto_archive_duration as number)) {
    errors.push(['auto_archive_duration', 'BASE_TYPE_CHOICES', `Value must be one of {${ARCHIVE_DURATIONS.join(', ')}}.`]);
  }
  if (
    body.rate_limit_per_user !== undefined &&
    !(typeof body.rate_limit_per_user === 'number' && body.rate_limit_per_user >= 0 && body.rate_limit_per_user <= 21600)
  ) {
    errors.push(['rate_limit_per_user', 'NUMBER_TYPE_MAX', 'int value should be between 0 and 21600.']);
  }
  return errors.length > 0 ? formError(errors) : null;
}
