import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GENERAL, GUILD, MANAGE_MESSAGES, NEWS, startHarness } from '../helpers/bot';

const show = [{ type: 1, name: 'show', options: [] }];

describe('channel history through Discord', () => {
  it('records each /ask per channel and shows it newest first with the top quote’s citation', async () => {
    const harness = await startHarness();
    await harness.fake.sendCommand('ask', { question: 'What did Kishida promise?' }).waitForReply();
    await harness.fake.sendCommand('ask', { question: 'recipe for chocolate cake' }).waitForReply();
    await harness.fake.sendCommand('ask', { question: 'What did Truss discuss about the Olympics?' }).waitForReply();
    await harness.fake.sendCommand('ask', { question: 'Who chairs the CPTPP working group?' }, { channelId: NEWS }).waitForReply();
    const reply = await harness.fake.sendCommand('history', show).waitForReply();
    const description = reply.data.embeds![0]!.description!;
    expect(description.indexOf('recipe for chocolate cake')).toBeLessThan(description.indexOf('What did Kishida promise?'));
    expect(description).toMatch(/recipe for chocolate cake” → no good answer/);
    expect(description).toMatch(/discuss about the Olympics\?” → uncertain: Foreign Minister Yoshimasa Hayashi/);
    expect(description).toMatch(/What did Kishida promise\?” → Foreign Minister Yoshimasa Hayashi/);
    expect(description).not.toContain('CPTPP');
  });

  it('reads a follow-up with the previous question, says so, and leaves a question of its own alone', async () => {
    const harness = await startHarness();
    await harness.fake.sendCommand('ask', { question: 'What did Hayashi and Blinken agree on?' }).waitForReply();
    const followUp = await harness.fake.sendCommand('ask', { question: 'and Taiwan?' }).waitForReply();
    const text = followUp.data.embeds![0]!.description!;
    expect(text).toContain('Read as a follow-up to: “What did Hayashi and Blinken agree on?”');
    expect(text).toContain('Taiwan Strait');
    const alone = await harness.fake
      .sendCommand('ask', { question: 'Who chairs the CPTPP London membership working group?' })
      .waitForReply();
    expect(alone.data.embeds![0]!.description).not.toContain('follow-up');
  });

  it('/history clear needs Manage Messages, asks to confirm, and checks again on the button', async () => {
    const harness = await startHarness();
    await harness.fake.sendCommand('ask', { question: 'What did Kishida promise?' }).waitForReply();
    const refused = await harness.fake.sendCommand('history', [{ type: 1, name: 'clear', options: [] }]).waitForReply();
    expect(refused.ephemeral).toBe(true);
    expect(refused.data.embeds![0]!.description).toMatch(/need the Manage Messages permission/);
    const pressedByMember = await harness.fake.clickButton('history:confirm-clear').waitForReply();
    expect(pressedByMember.data.embeds![0]!.description).toMatch(/need the Manage Messages permission/);
    const ask = await harness.fake
      .sendCommand('history', [{ type: 1, name: 'clear', options: [] }], { permissions: MANAGE_MESSAGES })
      .waitForReply();
    expect(ask.data.embeds![0]!.title).toBe('Clear this channel’s history?');
    const done = await harness.fake.clickButton('history:confirm-clear', { permissions: MANAGE_MESSAGES }).waitForReply();
    expect(done.data.embeds![0]!.description).toBe('Cleared 1 entry from this channel’s history.');
    const empty = await harness.fake.sendCommand('history', show).waitForReply();
    expect(empty.data.embeds![0]!.description).toMatch(/No questions have been asked/);
  });

  it('/history forget-me removes only the caller’s entries', async () => {
    const harness = await startHarness();
    await harness.fake.sendCommand('ask', { question: 'What did Kishida promise?' }, { userId: '4000000000000000005' }).waitForReply();
    await harness.fake.sendCommand('ask', { question: 'Who chairs the CPTPP working group?' }).waitForReply();
    const forgot = await harness.fake
      .sendCommand('history', [{ type: 1, name: 'forget-me', options: [] }], { userId: '4000000000000000005' })
      .waitForReply();
    expect(forgot.data.embeds![0]!.description).toMatch(/Removed 1 of your questions/);
    const left = await harness.fake.sendCommand('history', show).waitForReply();
    expect(left.data.embeds![0]!.description).toContain('CPTPP');
    expect(left.data.embeds![0]!.description).not.toContain('Kishida');
  });

  it('keeps answering when the data folder cannot be written, and says the question was not saved', async () => {
    const harness = await startHarness();
    mkdirSync(join(harness.config.dataDir, 'history', `.guild-${GUILD}.json.tmp`), { recursive: true });
    const reply = await harness.fake.sendCommand('ask', { question: 'What did Kishida promise?' }).waitForReply();
    expect(reply.data.embeds![0]!.description).toContain('could not be saved');
    expect(reply.data.embeds![0]!.description).toContain('Kishida promised');
    expect(harness.logs.some((l) => l.event === 'history_write_failed')).toBe(true);
  });

  it('starts afresh, loudly, when the guild’s history file is broken', async () => {
    const harness = await startHarness();
    mkdirSync(join(harness.config.dataDir, 'history'), { recursive: true });
    writeFileSync(join(harness.config.dataDir, 'history', `guild-${GUILD}.json`), '{"version":1,"chan');
    const reply = await harness.fake.sendCommand('ask', { question: 'What did Kishida promise?' }, { channelId: GENERAL }).waitForReply();
    expect(reply.data.embeds![0]!.description).toContain('Kishida promised');
    expect(harness.logs.find((l) => l.event === 'store_file_moved_aside')).toMatchObject({ level: 'error' });
  });
});
