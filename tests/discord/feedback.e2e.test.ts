import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HistoryFile } from '../../src/store/historyStore';
import { GENERAL, GUILD, type Harness, MANAGE_GUILD, NEWS, startHarness } from '../helpers/bot';
import type { ReplyResult } from '../fakeDiscord';
import { expectWithinDiscordRules } from '../helpers/discordRules';

const OTHER_USER = '4000000000000000005';
const buttonsOf = (reply: ReplyResult) =>
  ((reply.data.components ?? []) as { components: { custom_id: string; label: string }[] }[]).flatMap((row) => row.components);
const votesOf = (reply: ReplyResult) => {
  const buttons = buttonsOf(reply);
  return {
    up: buttons.find((b) => b.label === '👍 Helpful')!.custom_id,
    down: buttons.find((b) => b.label === '👎 Not helpful')!.custom_id,
  };
};
const text = (reply: ReplyResult) => reply.data.embeds![0]!.description ?? '';
const historyFile = (h: Harness): HistoryFile =>
  JSON.parse(readFileSync(join(h.config.dataDir, 'history', `guild-${GUILD}.json`), 'utf8')) as HistoryFile;

/** The CSV attached to a reply, fetched back from the fake Discord as a client would. */
async function attachedCsv(
  h: Harness,
  reply: { record: { originalMessageId: string | null; followUpIds: string[] } },
): Promise<{ name: string; text: string }> {
  const ids = [reply.record.originalMessageId, ...reply.record.followUpIds].filter((id): id is string => Boolean(id));
  const attachment = ids.flatMap((id) => h.fake.message(id)?.attachments ?? [])[0];
  expect(attachment).toBeDefined();
  return { name: attachment!.filename, text: await (await fetch(attachment!.url)).text() };
}

describe('👍 / 👎 on answers', () => {
  it('puts both buttons on every /ask reply beside the others, and records one vote per user that can be changed', async () => {
    const harness = await startHarness();
    const answer = await harness.fake.sendCommand('ask', { question: 'What did Hayashi and Blinken agree on?' }).waitForReply();
    expect(buttonsOf(answer).map((b) => b.label)).toEqual(['More quotes', 'Whole article', '👍 Helpful', '👎 Not helpful']);
    const none = await harness.fake.sendCommand('ask', { question: 'recipe for chocolate cake' }).waitForReply();
    expect(buttonsOf(none).map((b) => b.label)).toEqual(['👍 Helpful', '👎 Not helpful']);

    const { up, down } = votesOf(answer);
    const thanks = await harness.fake.clickButton(up).waitForReply();
    expect(thanks.ephemeral).toBe(true);
    expect(text(thanks)).toMatch(/marked helpful/);
    const again = await harness.fake.clickButton(up).waitForReply();
    expect(text(again)).toMatch(/already marked this answer helpful/);
    const changed = await harness.fake.clickButton(down).waitForReply();
    expect(changed.ephemeral).toBe(true);
    expect(text(changed)).toMatch(/Changed your vote to not helpful/);
    await harness.fake.clickButton(up, { userId: OTHER_USER }).waitForReply();

    // On disk, with the entry: one vote per user, the last one.
    const entry = historyFile(harness).channels[GENERAL]!.find((e) => e.question === 'What did Hayashi and Blinken agree on?')!;
    expect(entry.votes).toEqual({ [OTHER_USER]: 'helpful', [Object.keys(entry.votes!).find((id) => id !== OTHER_USER)!]: 'not-helpful' });
    expect(Object.keys(entry.votes!)).toHaveLength(2);
  });

  it('keeps working after a restart, remembering the earlier vote', async () => {
    const harness = await startHarness();
    const answer = await harness.fake.sendCommand('ask', { question: 'What did Kishida promise?' }).waitForReply();
    const { up, down } = votesOf(answer);
    await harness.fake.clickButton(down).waitForReply();
    await harness.restart();
    const changed = await harness.fake.clickButton(up).waitForReply();
    expect(text(changed)).toMatch(/Changed your vote to helpful/);
    expect(historyFile(harness).channels[GENERAL]![0]!.votes).toEqual({
      [Object.keys(historyFile(harness).channels[GENERAL]![0]!.votes!)[0]!]: 'helpful',
    });
  });

  it('says so when the question has left the history, and refuses a forged vote', async () => {
    const harness = await startHarness();
    const answer = await harness.fake.sendCommand('ask', { question: 'What did Kishida promise?' }).waitForReply();
    const { up } = votesOf(answer);
    // Pressed in another channel, the entry is not in that channel's history.
    const elsewhere = await harness.fake.clickButton(up, { channelId: NEWS }).waitForReply();
    expect(elsewhere.ephemeral).toBe(true);
    expect(text(elsewhere)).toMatch(/no longer in this channel’s history/);
    const forged = await harness.fake.clickButton(up.replace(/:up$/, ':sideways')).waitForReply();
    expect(text(forged)).toMatch(/no longer works/);
  });
});

describe('/report', () => {
  it('needs Manage Server, and a server', async () => {
    const harness = await startHarness();
    const refused = await harness.fake.sendCommand('report', {}).waitForReply();
    expect(refused.ephemeral).toBe(true);
    expect(text(refused)).toMatch(/need the Manage Server permission/);
    expect(refused.data.attachments ?? []).toEqual([]);
    const inDm = await harness.fake.sendCommand('report', {}, { guildId: null }).waitForReply();
    expect(inDm.ephemeral).toBe(true);
    expect(text(inDm)).toBe('/report is about a server’s questions: use it in a server.');
  });

  it('groups what was not answered well, lists topics, channels and votes, and attaches all of it as CSV', async () => {
    const harness = await startHarness();
    const ask = (question: string, channelId: string = GENERAL) =>
      harness!.fake.sendCommand('ask', { question }, { channelId }).waitForReply();
    await ask('What is the rice tariff?');
    await ask('rice tariffs @everyone', NEWS);
    await ask('Rice tariff @everyone');
    await ask('recipe for chocolate cake');
    const liked = await ask('What did Kishida promise?');
    const disliked = await ask('Who chairs the CPTPP working group?', NEWS);
    await harness.fake.clickButton(votesOf(liked).up).waitForReply();
    await harness.fake.clickButton(votesOf(disliked).down, { channelId: NEWS }).waitForReply();
    await harness.fake.clickButton(votesOf(disliked).down, { channelId: NEWS, userId: OTHER_USER }).waitForReply();

    const handle = harness.fake.sendCommand('report', { days: 7 }, { permissions: MANAGE_GUILD });
    const report = await handle.waitForReply();
    expect(report.ephemeral).toBe(true);
    expect(report.data.allowed_mentions).toEqual({ parse: [] });
    const embed = report.data.embeds![0]!;
    expect(embed.title).toBe('Questions and gaps: the last 7 days');
    expect(embed.description).toContain(
      '6 questions in 2 channels: 2 answered, 0 uncertain, 4 with no good answer. Votes: 👍 1 helpful, 👎 2 not helpful.',
    );
    expect(embed.description).toContain(`<#${GENERAL}> 4`);
    expect(embed.description).toContain(`<#${NEWS}> 2`);
    const gaps = embed.fields!.find((f) => f.name.startsWith('Not answered well'))!;
    expect(gaps.name).toBe('Not answered well: 5 questions in 3 groups, most asked first');
    const lines = gaps.value.split('\n');
    // The three rice questions are one group, shown first; the question's mention is shown as text.
    expect(lines[0]).toMatch(/^3× “Rice tariff .*everyone” \(no good answer 3\)$/);
    expect(lines[0]).not.toContain('@everyone');
    expect(lines.slice(1).join('\n')).toMatch(/1× “Who chairs the CPTPP working group\?” \(voted not helpful 1\)/);
    expect(embed.fields!.find((f) => f.name.startsWith('Most asked topics'))!.value).toMatch(/^rice \(3\), tariff \(3\)/);

    const csv = await attachedCsv(harness, handle);
    expect(csv.name).toMatch(new RegExp(`^report-${GUILD}-\\d{4}-\\d\\d-\\d\\d-7d\\.csv$`));
    const rows = csv.text.trim().split('\r\n');
    expect(rows[0]).toBe('section,group,count,text,tier,helpful,not_helpful,channel_id,asked_at');
    expect(rows).toContain('questions,,6,,,,,,');
    expect(rows).toContain('votes,,,,,1,2,,');
    expect(rows.filter((r) => r.startsWith('gap_question,1,'))).toHaveLength(3);
    expect(rows.some((r) => r.startsWith(`gap_question,1,,rice tariffs @everyone,none,0,0,${NEWS},`))).toBe(true);
    // Groups of one keep the order they were first asked in.
    expect(rows).toContain('gap_group,2,1,recipe for chocolate cake,,,,,');
    expect(rows.some((r) => r.startsWith(`gap_question,3,,Who chairs the CPTPP working group?,answer,0,2,${NEWS},`))).toBe(true);
    expect(rows).toContain(`channel,,4,,,,,${GENERAL},`);
    expect(rows).toContain('topic,,3,rice,,,,,');
  });

  it('says when nothing was asked, and leaves out questions older than the period', async () => {
    let clock = new Date('2026-11-01T12:00:00Z');
    const harness = await startHarness({}, { alertRetryBaseMs: 200, alertTickMs: 100, watchStabilityMs: 100, now: () => clock });
    await harness.fake.sendCommand('ask', { question: 'recipe for chocolate cake' }).waitForReply();
    clock = new Date('2026-11-11T12:00:00Z');
    const week = await harness.fake.sendCommand('report', { days: 7 }, { permissions: MANAGE_GUILD }).waitForReply();
    expect(text(week)).toBe('No questions were asked here in that period.');
    const month = await harness.fake.sendCommand('report', {}, { permissions: MANAGE_GUILD }).waitForReply();
    expect(month.data.embeds![0]!.title).toBe('Questions and gaps: the last 30 days');
    expect(month.data.embeds![0]!.fields![0]!.value).toBe('1× “recipe for chocolate cake” (no good answer 1)');
  });

  it('cuts a report too long for the embed, saying how much more the CSV has', async () => {
    const harness = await startHarness();
    // Forty questions with no word in common: forty groups, each line long.
    const questions = Array.from(
      { length: 40 },
      (_, i) =>
        `Is there news on ${['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'theta', 'kappa'].map((w) => `${w}${i}x`).join(' ')} *yet*?`,
    );
    for (const question of questions) await harness.fake.sendCommand('ask', { question }).waitForReply();
    const handle = harness.fake.sendCommand('report', {}, { permissions: MANAGE_GUILD });
    const report = await handle.waitForReply();
    // The one channel mention is the bot's own, made from the channel's id (it pings nobody).
    const embed = report.data.embeds![0]!;
    expect(embed.description).toContain(`<#${GENERAL}> 40`);
    expectWithinDiscordRules({
      ...report.data,
      embeds: [{ ...embed, description: embed.description!.replace(`<#${GENERAL}>`, '#general') }],
    });
    const gapFields = embed.fields!.filter((f) => f.name.startsWith('Not answered well'));
    expect(gapFields.length).toBe(3);
    expect(gapFields.at(-1)!.value).toMatch(/… and \d+ more groups in the CSV$/);
    const csv = await attachedCsv(harness, handle);
    for (const question of questions) expect(csv.text).toContain(question);
  }, 60_000);
});

describe('/history forget-me and votes', () => {
  it('removes the user’s votes on other people’s answers, so the report no longer counts them', async () => {
    const harness = await startHarness();
    const answer = await harness.fake.sendCommand('ask', { question: 'Who chairs the CPTPP working group?' }).waitForReply();
    await harness.fake.clickButton(votesOf(answer).down, { userId: OTHER_USER }).waitForReply();
    await harness.fake.clickButton(votesOf(answer).up).waitForReply();
    const forgot = await harness.fake
      .sendCommand('history', [{ type: 1, name: 'forget-me', options: [] }], { userId: OTHER_USER })
      .waitForReply();
    expect(text(forgot)).toBe('Removed 0 of your questions and 1 of your votes on other answers from this server’s history.');
    const entry = historyFile(harness).channels[GENERAL]![0]!;
    expect(Object.values(entry.votes!)).toEqual(['helpful']);
    expect(JSON.stringify(historyFile(harness))).not.toContain(OTHER_USER);
    const report = await harness.fake.sendCommand('report', {}, { permissions: MANAGE_GUILD }).waitForReply();
    expect(text(report)).toContain('Votes: 👍 1 helpful, 👎 0 not helpful.');
  });
});
