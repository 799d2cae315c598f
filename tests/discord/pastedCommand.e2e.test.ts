import { describe, expect, it } from 'vitest';
import { startHarness } from '../helpers/bot';

const show = [{ type: 1, name: 'show', options: [] }];

describe('a command typed inside its own box', () => {
  it('/ask "/ask question: …" answers the question alone and records what was typed; /lookup "/lookup term: …" looks up the term', async () => {
    const harness = await startHarness();
    const { fake } = harness;
    const plain = await fake.sendCommand('ask', { question: 'What did Kishida promise?' }).waitForReply();
    const pasted = await fake.sendCommand('ask', { question: '/ask question: What did Kishida promise?' }).waitForReply();
    expect(pasted.data.embeds![0]!.description).toBe(plain.data.embeds![0]!.description);
    expect(pasted.data.embeds![0]!.footer).toEqual(plain.data.embeds![0]!.footer);
    const history = await fake.sendCommand('history', show).waitForReply();
    expect(history.data.embeds![0]!.description).toContain('“/ask question: What did Kishida promise?”');

    const term = await fake.sendCommand('lookup', { term: 'Taiwan Strait' }).waitForReply();
    const pastedTerm = await fake.sendCommand('lookup', { term: '/lookup term: Taiwan Strait' }).waitForReply();
    expect(pastedTerm.data.embeds![0]!.title).toMatch(/^“Taiwan Strait”: [1-9]/);
    expect(pastedTerm.data.embeds).toEqual(term.data.embeds);
  });
});
