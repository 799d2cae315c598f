import type { Report } from './buildReport';
import { reportTierOf, votesOf } from './buildReport';

/** Discord takes attachments up to 10 MB from a bot (less on some servers); text here is mostly ASCII, so characters are near bytes. */
export const MAX_CSV_CHARS = 8_000_000;

const COLUMNS = ['section', 'group', 'count', 'text', 'tier', 'helpful', 'not_helpful', 'channel_id', 'asked_at'] as const;
type Row = Partial<Record<(typeof COLUMNS)[number], string | number>>;

/**
 * One CSV cell. Text people typed is quoted when it holds a comma, quote or
 * line break, and one that a spreadsheet would run as a formula (= + - @,
 * a tab or carriage return first) is prefixed with ' so it is shown, not run.
 */
export function csvCell(value: string | number | undefined): string {
  if (value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The report as one CSV table, everything the embed has and more: every
 * question of every gap group (with its group's number), every topic and
 * channel. The `section` column says which part a row belongs to.
 */
export function reportCsv(report: Report, maxChars = MAX_CSV_CHARS): string {
  const rows: Row[] = [
    { section: 'period', text: `${report.since.toISOString()} to ${report.until.toISOString()}` },
    { section: 'questions', count: report.questions },
    { section: 'not_questions', count: report.notQuestions },
    { section: 'tier', tier: 'answer', count: report.tiers.answer },
    { section: 'tier', tier: 'uncertain', count: report.tiers.uncertain },
    { section: 'tier', tier: 'none', count: report.tiers.none },
    { section: 'votes', helpful: report.helpful, not_helpful: report.notHelpful },
  ];
  report.gaps.forEach((group, index) => {
    rows.push({ section: 'gap_group', group: index + 1, count: group.count, text: group.question });
    for (const { channelId, entry } of group.members) {
      const votes = votesOf(entry);
      rows.push({
        section: 'gap_question',
        group: index + 1,
        text: entry.question,
        tier: reportTierOf(entry),
        helpful: votes.helpful,
        not_helpful: votes.notHelpful,
        channel_id: channelId,
        asked_at: entry.at,
      });
    }
  });
  for (const topic of report.topics) rows.push({ section: 'topic', count: topic.questions, text: topic.word });
  for (const channel of report.channels) rows.push({ section: 'channel', count: channel.questions, channel_id: channel.channelId });
  const lines = [COLUMNS.join(',')];
  let size = lines[0]!.length + 2;
  for (const [index, row] of rows.entries()) {
    const line = COLUMNS.map((column) => csvCell(row[column])).join(',');
    if (size + line.length + 2 > maxChars - 200) {
      lines.push(
        csvCell('truncated') +
          ',,' +
          (rows.length - index) +
          ',' +
          csvCell(`${rows.length - index} more rows left out: the file stays under Discord's attachment limit; ask for fewer days`),
      );
      break;
    }
    lines.push(line);
    size += line.length + 2;
  }
  return `${lines.join('\r\n')}\r\n`;
}
