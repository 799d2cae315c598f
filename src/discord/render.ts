import type { APIActionRowComponent, APIButtonComponent, APIEmbed, APIEmbedField } from 'discord.js';
import { AttachmentBuilder, ButtonStyle, ComponentType, MessageFlags } from 'discord.js';
import type { Item, Reply, Tone } from '../reply';
import { quotesByArticle } from '../reply';
import { fitText, linkTarget, linkText, plain, sanitize } from './sanitize';

/** Discord's documented limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits). */
export const LIMITS = {
  files: 10,
  content: 2000,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  embedTotal: 6000,
  embeds: 10,
  buttonsPerRow: 5,
  customId: 100,
  buttonLabel: 80,
} as const;

const colours: Record<Tone, number> = { answer: 0x2b6cb0, info: 0x4a5568, warning: 0xd69e2e, error: 0xc53030 };

export interface MessagePayload {
  content?: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponent>[];
  allowedMentions: { parse: [] };
  files?: AttachmentBuilder[];
  flags?: MessageFlags.Ephemeral;
}

const quoteLines = (safe: string) =>
  safe
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');
// A citation is a title, a date and a source: room for a long title, not for an article.
const CITATION_MAX = 400;
const CONTEXT_MAX = 1000;

const SNOWFLAKE = /^\d{17,20}$/;
const COMMAND_NAME = /^[\p{Ll}\p{N}_-]{1,32}(?: [\p{Ll}\p{N}_-]{1,32}){0,2}$/u;

/** An address the bot checked itself as a link ("<…>" shows the address, so it can be copied); text where it is no http(s) address. */
function shownLink(address: string, max: number): string {
  const target = linkTarget(address);
  return target && target.length + 2 <= max ? `<${target}>` : sanitize(address, max);
}

/** What the bot puts before an item's text: a timestamp, a command or a channel mention; made here, never from user text. */
function itemLead(item: Item): string {
  if (typeof item === 'string') return '';
  if ('link' in item) return `${item.label ? `${sanitize(item.label, 300)} ` : ''}${shownLink(item.link, 2002)} `;
  if ('channel' in item) return SNOWFLAKE.test(item.channel) ? `<#${item.channel}> ` : `#${sanitize(item.channel, 40)} `;
  if ('at' in item) {
    const seconds = Math.floor(Date.parse(item.at) / 1000);
    const subject = item.subject ? `${sanitize(item.subject, 300)} · ` : '';
    const label = item.label ? `${sanitize(item.label, 100)} ` : '';
    return `${subject}${Number.isFinite(seconds) ? `${label}<t:${seconds}:f> · ` : label}`;
  }
  if (!COMMAND_NAME.test(item.command)) return '';
  return item.id && SNOWFLAKE.test(item.id) ? `</${item.command}:${item.id}> ` : `/${item.command} `;
}

/**
 * A reply as one embed that stays inside every Discord limit whatever the
 * articles say: quotes are added best first while they fit, and a quote
 * too long for the room left is cut at a word and marked with "…". Text
 * is cut to the room left before it is escaped, so a huge article costs no
 * more than a small one. The only links are the ones made here, from URLs
 * checked by linkTarget(): citations, titles and the bot's own addresses.
 */
export function render(reply: Reply): MessagePayload {
  const embed: APIEmbed = { color: colours[reply.tone] };
  let budget: number = LIMITS.embedTotal;
  if (reply.title) {
    embed.title = sanitize(reply.title, LIMITS.title);
    budget -= embed.title.length;
  }
  const url = linkTarget(reply.url);
  if (url && embed.title) embed.url = url;
  if (reply.footer) {
    embed.footer = { text: plain(reply.footer, LIMITS.footer) };
    budget -= embed.footer.text.length;
  }
  const fields: APIEmbedField[] = [];
  for (const field of (reply.fields ?? []).slice(0, LIMITS.fields)) {
    const name = sanitize(field.name, LIMITS.fieldName) || '—';
    const max = Math.min(LIMITS.fieldValue, budget - name.length - 1000);
    const value = (field.link ? shownLink(field.value, max) : sanitize(field.value, max)) || '—';
    if (name.length + value.length > budget - 1000) break;
    fields.push({ name, value });
    budget -= name.length + value.length;
  }
  if (fields.length) embed.fields = fields;

  const room = Math.min(LIMITS.description, budget);
  const parts: string[] = [];
  let used = 0;
  /**
   * Adds a part whole if it fits ("whole"); else, when it may be cut and there is room worth
   * using, its cut start ("cut"). `reserve` keeps room for what must follow it.
   */
  const add = (raw: string, canCut: boolean, format?: (safe: string) => string, reserve = 0): 'whole' | 'cut' | 'none' => {
    const separator = parts.length ? 2 : 0;
    const left = room - used - separator - reserve;
    const fitted = fitText(raw, Math.max(0, left), format);
    if (!fitted.cut) {
      parts.push(fitted.text);
      used += fitted.text.length + separator;
      return 'whole';
    }
    if (canCut && left > 200 && fitted.text) {
      parts.push(fitted.text);
      used = room;
      return 'cut';
    }
    return 'none';
  };
  let full = true;
  for (const paragraph of reply.text ?? []) full &&= add(paragraph, true) === 'whole';
  let first = true;
  for (const group of quotesByArticle(reply.quotes ?? [])) {
    if (!full) break;
    const link = linkTarget(group[0]!.url);
    const citationLine = `— ${link ? `[${linkText(group[0]!.citation, CITATION_MAX)}](${link})` : sanitize(group[0]!.citation, CITATION_MAX)}`;
    for (const [i, quote] of group.entries()) {
      // One citation, under the article's last quote; the quotes before it keep room for it.
      const last = i === group.length - 1;
      const context = quote.context ? `-# Context: ${sanitize(quote.context, CONTEXT_MAX)}\n` : '';
      const shown = add(
        quote.text,
        false,
        (safe) => `${context}${quoteLines(safe)}${last ? `\n${citationLine}` : ''}`,
        last ? 0 : citationLine.length + 1,
      );
      if (shown === 'whole') {
        first = false;
        continue;
      }
      // Keep the citation whole and cut the quote itself, so what is shown is still a verbatim prefix.
      const left = room - used - (parts.length ? 2 : 0);
      const cut = left > 200 || first ? add(quote.text, true, (safe) => `${quoteLines(safe)}\n${citationLine}`) : 'none';
      if (cut === 'none' && i > 0) parts[parts.length - 1] += `\n${citationLine}`;
      full = false;
      break;
    }
  }
  for (const item of reply.items ?? []) {
    if (!full) break;
    const lead = itemLead(item);
    full = add(typeof item === 'string' ? item : item.text, false, (safe) => `• ${lead}${safe}`) === 'whole';
  }
  if (parts.length) embed.description = parts.join('\n\n');

  const buttons: APIButtonComponent[] = (reply.buttons ?? [])
    .filter((b) => b.id.length <= LIMITS.customId)
    .slice(0, LIMITS.buttonsPerRow)
    .map((b) => ({ type: ComponentType.Button, style: ButtonStyle.Secondary, custom_id: b.id, label: plain(b.label, LIMITS.buttonLabel) }));
  return {
    embeds: [embed],
    components: buttons.length ? [{ type: ComponentType.ActionRow, components: buttons }] : [],
    allowedMentions: { parse: [] },
    ...(reply.ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
    ...(reply.files?.length
      ? { files: reply.files.slice(0, LIMITS.files).map((file) => new AttachmentBuilder(Buffer.from(file.data), { name: file.name })) }
      : {}),
  };
}

/** Characters an embed counts against the 6000 limit. */
export function embedLength(embed: APIEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0) +
    (embed.fields ?? []).reduce((sum, f) => sum + f.name.length + f.value.length, 0)
  );
}
