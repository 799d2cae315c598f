import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/report/buildReport';
import { csvCell, reportCsv } from '../../src/report/reportCsv';
import type { ChannelEntry, HistoryEntry } from '../../src/store/historyStore';

let n = 0;
function asked(channelId: string, question: string, tier: HistoryEntry['tier'], votes?: HistoryEntry['votes']): ChannelEntry {
  n++;
  return {
    channelId,
    entry: {
      id: `e${n}`,
      userId: 'u',
      at: `2026-11-0${(n % 9) + 1}T10:00:00.000Z`,
      question,
      answered: tier === 'answer',
      tier,
      quotes: [],
      ...(votes ? { votes } : {}),
    },
  };
}
const since = new Date('2026-10-27T00:00:00Z');
const until = new Date('2026-11-26T00:00:00Z');

describe('the report', () => {
  const entries = [
    asked('c1', 'What is the rice tariff?', 'none'),
    asked('c1', 'rice tariffs', 'uncertain'),
    asked('c2', 'Rice tariff', 'none', { a: 'not-helpful' }),
    asked('c2', 'What did Kishida promise?', 'answer', { a: 'helpful', b: 'helpful' }),
    asked('c2', 'Who chairs the CPTPP group?', 'answer', { a: 'not-helpful', b: 'not-helpful', c: 'helpful' }),
    asked('c2', 'What did Kishida say about defence?', 'answer', { a: 'not-helpful', b: 'helpful' }),
    asked('c1', 'Kishida and Taiwan', 'answer'),
  ];
  const report = buildReport(entries, since, until);

  it('counts tiers, votes and channels', () => {
    expect(report.questions).toBe(7);
    expect(report.tiers).toEqual({ answer: 4, uncertain: 1, none: 2 });
    expect(report.helpful).toBe(4);
    expect(report.notHelpful).toBe(4);
    expect(report.channels).toEqual([
      { channelId: 'c2', questions: 4 },
      { channelId: 'c1', questions: 3 },
    ]);
  });

  it('lists as gaps the unanswered, the uncertain and the voted down (more 👎 than 👍), grouped', () => {
    expect(report.gaps.map((g) => [g.count, g.none, g.uncertain, g.votedNotHelpful])).toEqual([
      [3, 2, 1, 1],
      [1, 0, 0, 1],
    ]);
    expect(report.gaps[1]!.question).toBe('Who chairs the CPTPP group?');
    // One 👎 against one 👍 is not a gap.
    expect(report.gaps.flatMap((g) => g.members.map((m) => m.entry.question))).not.toContain('What did Kishida say about defence?');
  });

  it('names the most asked topics by the word people typed', () => {
    // Three questions each, ties by word; "tariffs" once and "tariff" twice: shown as "tariff".
    expect(report.topics.slice(0, 3)).toEqual([
      { term: 'kishida', word: 'kishida', questions: 3 },
      { term: 'rice', word: 'rice', questions: 3 },
      { term: 'tariff', word: 'tariff', questions: 3 },
    ]);
    expect(report.topics.slice(3).every((t) => t.questions < 3)).toBe(true);
  });

  it('writes every question of every gap group, topics and channels to the CSV', () => {
    const lines = reportCsv(report).trim().split('\r\n');
    expect(lines[0]).toBe('section,group,count,text,tier,helpful,not_helpful,channel_id,asked_at');
    expect(lines).toContain('gap_group,1,3,Rice tariff,,,,,');
    expect(lines.filter((l) => l.startsWith('gap_question,1,'))).toHaveLength(3);
    expect(lines.find((l) => l.includes('CPTPP'))).toMatch(/^gap_group,2,1,/);
    expect(lines).toContain(`gap_question,2,,Who chairs the CPTPP group?,answer,1,2,c2,${entries[4]!.entry.at}`);
    expect(lines).toContain('votes,,,,,4,4,,');
    expect(lines).toContain('channel,,4,,,,,c2,');
    expect(lines).toContain('topic,,3,rice,,,,,');
  });

  it('quotes cells with commas, quotes and line breaks, and defuses spreadsheet formulas', () => {
    expect(csvCell('a, "b"\nc')).toBe('"a, ""b""\nc"');
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('@everyone')).toBe(`'@everyone`);
    expect(csvCell(3)).toBe('3');
  });

  it('cuts a CSV that would pass Discord’s attachment limit, saying how many rows are left out', () => {
    const many = Array.from({ length: 200 }, (_, i) => asked('c1', `question number ${i} about subject${i}`, 'none'));
    const csv = reportCsv(buildReport(many, since, until), 5000);
    expect(csv.length).toBeLessThanOrEqual(5000);
    expect(csv.trim().split('\r\n').at(-1)).toMatch(/^truncated,,\d+,"?\d+ more rows left out/);
  });
});

describe('what the report counts as a question', () => {
  const entries = [
    asked('c1', 'What did Blair say about the NHS?', 'answer'),
    asked('c1', 'What did Howard say about immigration?', 'none'),
    asked('c2', 'what did brown say about the budget', 'uncertain'),
    asked('c1', '😀🎉', 'none'),
    asked('c1', '?', 'none'),
    asked('c2', "@everyone what's up", 'none'),
    asked('c2', '<@123456789012345678>', 'none'),
  ];
  const report = buildReport(entries, since, until);

  it('counts text with no word to search apart, not as a question without a good answer', () => {
    expect(report.questions).toBe(3);
    expect(report.notQuestions).toBe(4);
    expect(report.tiers).toEqual({ answer: 1, uncertain: 1, none: 1 });
    expect(report.gaps.flatMap((g) => g.members.map((m) => m.entry.question))).toEqual([
      'What did Howard say about immigration?',
      'what did brown say about the budget',
    ]);
    expect(report.channels).toEqual([
      { channelId: 'c1', questions: 2 },
      { channelId: 'c2', questions: 1 },
    ]);
    expect(reportCsv(report).split('\r\n')).toContain('not_questions,,4,,,,,,');
  });

  it('does not take a reporting verb for a topic', () => {
    expect(report.topics.map((t) => t.word)).not.toContain('say');
    expect(report.topics.map((t) => t.word).sort()).toEqual(['blair', 'brown', 'budget', 'howard', 'immigration', 'nhs']);
  });

  it('takes no topic from a link, bare, in <…> or behind a markdown text', () => {
    const linked = buildReport(
      [
        asked('c1', 'what about https://evil.example/path?x=1 tariffs', 'none'),
        asked('c1', 'tariffs <https://evil.example/a> and www.evil.example', 'none'),
        asked('c1', 'see [tariffs](http://evil.example/b) @everyone <@123>', 'none'),
      ],
      since,
      until,
    );
    expect(linked.topics.map((t) => t.word)).toEqual(['tariffs']);
  });

  it('reads the questions as /ask does: no greeting, sign-off or light verb among the topics', () => {
    const chat = buildReport(
      [
        asked('c1', 'hey, how did the budget vote go?', 'answer'),
        asked('c1', 'Hey bot, what is going on with the housing plan?', 'answer'),
        asked('c2', 'hi there! any news on the strike? thanks', 'none'),
        asked('c2', 'yo whats the latest on the budget', 'answer'),
      ],
      since,
      until,
    );
    expect(chat.topics.map((t) => t.word).sort()).toEqual(['budget', 'housing', 'plan', 'strike', 'vote']);
  });

  it('keeps a follow-up whose question borrowed its words', () => {
    const followUp = asked('c1', 'what about it?', 'answer');
    followUp.entry.searched = 'What did Blair say about the NHS? what about it?';
    expect(buildReport([followUp], since, until)).toMatchObject({ questions: 1, notQuestions: 0 });
  });
});
