import type { ChannelItem, Reply } from '../reply';
import type { GapGroup, Report } from '../report/buildReport';
import { reportCsv } from '../report/reportCsv';

const SHOWN_CHANNELS = 10;
/** Raw characters per field; escaping in the adapter adds some, and Discord allows 1,024. */
const FIELD_ROOM = 850;
const GAP_FIELDS = 3;
const QUESTION_SHOWN = 120;

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const shorten = (text: string) => (text.length > QUESTION_SHOWN ? `${text.slice(0, QUESTION_SHOWN - 1)}…` : text);

function gapLine(group: GapGroup): string {
  const why = [
    group.none && `no good answer ${group.none}`,
    group.uncertain && `uncertain ${group.uncertain}`,
    group.votedNotHelpful && `voted not helpful ${group.votedNotHelpful}`,
  ]
    .filter(Boolean)
    .join(', ');
  return `${group.count}× “${shorten(group.question.replace(/\s+/g, ' ').trim())}” (${why})`;
}

/** Lines packed into up to `fields` field values; what does not fit is counted in a last line pointing to the CSV. */
function packLines(lines: string[], fields: number, more: (left: number) => string): string[] {
  const values: string[] = [];
  let current: string[] = [];
  let used = 0;
  for (const [index, line] of lines.entries()) {
    if (used + line.length + 1 > FIELD_ROOM) {
      values.push(current.join('\n'));
      current = [];
      used = 0;
      if (values.length === fields) {
        values[values.length - 1] += `\n${more(lines.length - index)}`;
        return values;
      }
    }
    current.push(line);
    used += line.length + 1;
  }
  if (current.length) values.push(current.join('\n'));
  return values;
}

/**
 * /report: what this server asked over a period and what the library could
 * not answer, for an editor deciding which articles to add. The embed shows
 * the top of each part; the CSV has all of it. `maxAge` is how long history
 * is kept (HISTORY_MAX_AGE_DAYS), null for ever.
 */
export function reportReply(report: Report, where: { guildId: string | null; until: Date; days: number; maxAge: number | null }): Reply {
  const { guildId, until, days, maxAge } = where;
  const file = {
    name: `report-${guildId ?? 'console'}-${until.toISOString().slice(0, 10)}-${days}d.csv`,
    contentType: 'text/csv; charset=utf-8',
    data: reportCsv(report),
  };
  const title = `Questions and gaps: the last ${plural(days, 'day')}`;
  const { tiers } = report;
  const footer = [
    'Every question is in the attached CSV.',
    maxAge !== null && maxAge < days ? `History is kept ${plural(maxAge, 'day')} (HISTORY_MAX_AGE_DAYS), so older questions are gone.` : '',
  ]
    .filter(Boolean)
    .join(' ');
  // Not counted as questions, but not hidden either: someone typed them.
  const apart = report.notQuestions
    ? ` ${plural(report.notQuestions, 'message')} with no word to search (such as “?”, emoji, a bare mention or “thanks!”) ${report.notQuestions === 1 ? 'is' : 'are'} not counted.`
    : '';
  if (report.questions === 0)
    return { tone: 'info', title, text: [`No questions were asked here in that period.${apart}`], ephemeral: true, footer, files: [file] };

  const text = [
    `${plural(report.questions, 'question')} in ${plural(report.channels.length, 'channel')}: ${tiers.answer} answered, ${tiers.uncertain} uncertain, ${tiers.none} with no good answer. Votes: 👍 ${report.helpful} helpful, 👎 ${report.notHelpful} not helpful.${apart}`,
    'Questions per channel:',
  ];
  const items: (ChannelItem | string)[] = report.channels
    .slice(0, SHOWN_CHANNELS)
    .map((c) => ({ channel: c.channelId, text: String(c.questions) }));
  if (report.channels.length > SHOWN_CHANNELS)
    items.push(`… and ${plural(report.channels.length - SHOWN_CHANNELS, 'more channel')} in the CSV`);

  const gapQuestions = report.gaps.reduce((sum, g) => sum + g.count, 0);
  const gapName = `Not answered well: ${plural(gapQuestions, 'question')} in ${plural(report.gaps.length, 'group')}, most asked first`;
  const fields = report.gaps.length
    ? packLines(report.gaps.map(gapLine), GAP_FIELDS, (left) => `… and ${plural(left, 'more group')} in the CSV`).map((value, i) => ({
        name: i === 0 ? gapName : `${gapName} (continued)`,
        value,
      }))
    : [{ name: 'Not answered well', value: 'None: every question got an answer, and none was voted not helpful.' }];
  if (report.topics.length)
    fields.push({
      name: 'Most asked topics (questions naming each)',
      value: report.topics.map((t) => `${t.word} (${t.questions})`).join(', '),
    });
  return { tone: 'info', title, text, items, fields, footer, ephemeral: true, files: [file] };
}
