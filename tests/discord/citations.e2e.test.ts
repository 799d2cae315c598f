import type { APIEmbed } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { articlesDir, startHarness } from '../helpers/bot';

const BUDGET = `---
title: Council passes the harbour budget
date: 2024-03-05
---
The council passed the harbour budget on Monday.

The harbour budget adds two ferries.

Critics said the harbour budget ignores the tram.

The mayor called the harbour budget a fair compromise.

Dredging the harbour takes a fifth of the harbour budget.
`;
const LIBRARY = `---
title: Library opens a reading room
date: 2024-02-01
---
The library opened a reading room for children on Friday.
`;

const buttons = (components: unknown[] | undefined) =>
  ((components ?? []) as { components: { custom_id: string; label: string }[] }[]).flatMap((row) => row.components.map((c) => c.label));
const description = (embeds: APIEmbed[] | undefined) => embeds?.[0]?.description ?? '';

describe('citations and buttons of /ask', () => {
  it('cites an article once under its quotes, and offers More quotes only when there are more', async () => {
    const harness = await startHarness({ ARTICLES_DIR: articlesDir({ 'budget.md': BUDGET, 'library.md': LIBRARY }) });
    const many = await harness.fake.sendCommand('ask', { question: 'When did the council pass the harbour budget?' }).waitForReply();
    expect(description(many.data.embeds).match(/Council passes the harbour budget/g)).toHaveLength(1);
    expect(description(many.data.embeds).match(/^> /gm)!.length).toBeGreaterThan(1);
    expect(buttons(many.data.components)).toContain('More quotes');

    const one = await harness.fake
      .sendCommand('ask', { question: 'When did the library open a reading room for children?' })
      .waitForReply();
    expect(description(one.data.embeds)).toContain('reading room');
    expect(buttons(one.data.components)).toEqual(['Whole article', '👍 Helpful', '👎 Not helpful']);
  });

  it('says the chosen article does not mention it, without listing that article as the closest', async () => {
    const harness = await startHarness({ ARTICLES_DIR: articlesDir({ 'budget.md': BUDGET, 'library.md': LIBRARY }) });
    const reply = await harness.fake.sendCommand('ask', { question: 'taiwan', article: 'library' }).waitForReply();
    const text = description(reply.data.embeds);
    expect(text).toContain('“Library opens a reading room” does not mention that');
    expect(text).not.toMatch(/none of the articles/);
    expect(text).not.toMatch(/^• Library opens a reading room/m);
  });
});
