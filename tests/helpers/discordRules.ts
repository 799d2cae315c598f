import type { APIEmbed } from 'discord.js';
import { expect } from 'vitest';
import { embedLength, LIMITS } from '../../src/discord/render';

const RAW_MENTION = /@everyone|@here|<@[!&]?\d+>|<#\d+>/;

/** Asserts a message body would be accepted by Discord and can ping nobody. */
export function expectWithinDiscordRules(body: {
  content?: string;
  embeds?: APIEmbed[];
  allowed_mentions?: unknown;
  allowedMentions?: unknown;
}): void {
  expect(body.allowed_mentions ?? body.allowedMentions).toEqual({ parse: [] });
  expect(body.content?.length ?? 0).toBeLessThanOrEqual(LIMITS.content);
  const embeds = body.embeds ?? [];
  expect(embeds.length).toBeLessThanOrEqual(LIMITS.embeds);
  let total = 0;
  for (const embed of embeds) {
    expect(embed.title?.length ?? 0).toBeLessThanOrEqual(LIMITS.title);
    expect(embed.description?.length ?? 0).toBeLessThanOrEqual(LIMITS.description);
    expect(embed.fields?.length ?? 0).toBeLessThanOrEqual(LIMITS.fields);
    for (const field of embed.fields ?? []) {
      expect(field.name.length).toBeLessThanOrEqual(LIMITS.fieldName);
      expect(field.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
    }
    expect(embed.footer?.text.length ?? 0).toBeLessThanOrEqual(LIMITS.footer);
    total += embedLength(embed);
    const shown = [embed.title, embed.description, embed.footer?.text, ...(embed.fields ?? []).flatMap((f) => [f.name, f.value])].join(
      '\n',
    );
    expect(shown).not.toMatch(RAW_MENTION);
  }
  expect(total).toBeLessThanOrEqual(LIMITS.embedTotal);
  expect(body.content ?? '').not.toMatch(RAW_MENTION);
}
