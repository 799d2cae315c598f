import type { ButtonInteraction, ChatInputCommandInteraction } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { respond } from '../../src/discord/respond';
import type { Reply } from '../../src/reply';

/** Records which discord.js calls the responder makes, with what. */
function interaction(state: { button?: boolean; deferred?: boolean; replied?: boolean; ephemeral?: boolean }) {
  const calls: [string, Record<string, unknown> | undefined][] = [];
  const record = (name: string) => async (payload?: Record<string, unknown>) => void calls.push([name, payload]);
  const fake = {
    deferred: state.deferred ?? false,
    replied: state.replied ?? false,
    ephemeral: state.ephemeral ?? false,
    isButton: () => state.button ?? false,
    reply: record('reply'),
    update: record('update'),
    editReply: record('editReply'),
    followUp: record('followUp'),
    deleteReply: record('deleteReply'),
  };
  return { calls, target: fake as unknown as ChatInputCommandInteraction & ButtonInteraction };
}

const answer: Reply = { tone: 'answer', title: 'Q', quotes: [{ text: '@everyone said so', citation: 'A' }] };
const error: Reply = { tone: 'error', text: ['Sorry'], ephemeral: true };

describe('respond', () => {
  it('replies directly with mentions disabled', async () => {
    const { calls, target } = interaction({});
    await respond(target, answer);
    expect(calls.map(([name]) => name)).toEqual(['reply']);
    expect(calls[0]![1]).toMatchObject({ allowedMentions: { parse: [] } });
    expect(JSON.stringify(calls[0]![1])).not.toContain('@everyone');
  });

  it('edits the deferred reply, and moves an error after a public deferral into an ephemeral follow-up', async () => {
    const deferred = interaction({ deferred: true });
    await respond(deferred.target, answer);
    expect(deferred.calls.map(([name]) => name)).toEqual(['editReply']);
    const failed = interaction({ deferred: true, ephemeral: false });
    await respond(failed.target, error);
    expect(failed.calls.map(([name]) => name)).toEqual(['deleteReply', 'followUp']);
    expect(failed.calls[1]![1]).toMatchObject({ flags: 64 });
  });

  it('updates the message of a paging button, and answers other buttons below it', async () => {
    const paging = interaction({ button: true });
    await respond(paging.target, { ...answer, replace: true });
    expect(paging.calls.map(([name]) => name)).toEqual(['update']);
    const more = interaction({ button: true });
    await respond(more.target, { ...answer, ephemeral: true });
    expect(more.calls).toEqual([['reply', expect.objectContaining({ flags: 64 })]]);
    const late = interaction({ button: true, deferred: true });
    await respond(late.target, answer);
    expect(late.calls.map(([name]) => name)).toEqual(['followUp']);
  });
});
