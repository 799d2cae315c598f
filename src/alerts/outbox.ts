/**
 * The outbox: one row per (subscription, article), written before anything
 * is posted, and how a row moves on. Every decision about a row (retry,
 * back off, give up, wait for a limit) is a pure function of the row, what
 * happened and the time, so it is tested without a clock, a store or Discord;
 * the delivery loop (deliveryLoop.ts) only posts and writes the result.
 */
import { randomBytes } from 'node:crypto';
import { DIGEST_AFTER, HOUR, KEEP_FINISHED_MS, type AlertLimits } from './limits';
import type { AlertFile, AlertQuote, Delivery, Subscription } from './types';

export type RetryPolicy = Pick<AlertLimits, 'retryBaseMs' | 'maxAttempts'>;

/** What came of trying to post a row (or the rows of one burst digest), or of a change to its subscription. */
export type DeliveryOutcome =
  /** Not posted, for good: the subscription went or is paused, or the article left the library. */
  | { kind: 'skipped'; note: string }
  /**
   * A channel limit is reached: the row waits until the window frees; it is never dropped. `untried`: its post
   * was recorded for this run but never went, so the row lets go of its nonce and may join a later digest.
   */
  | { kind: 'limited'; until: number; note: string; untried?: boolean }
  /** Posted. `digest`: the nonce of the burst digest it went out in; `threadId`: the thread opened on it. */
  | { kind: 'sent'; messageId: string; note?: string; threadId?: string; digest?: string }
  /** Refused for good (the channel is gone, the bot may not post there). */
  | { kind: 'refused'; reason: string }
  /** A failure that may pass (a 5xx, the network): tried again later, up to maxAttempts. */
  | { kind: 'failed'; reason: string }
  /** Collected for a scheduled digest that is no longer wanted: it goes out as an alert now, not never. */
  | { kind: 'released' }
  /** About to be posted for the first time, with this nonce: written before the post, so every retry is the same post (postNonce). */
  | { kind: 'posting'; nonce: string };

/**
 * After `attemptsBefore` tries and one more failure: the count, whether to
 * give up, and the wait before the next try (retryBaseMs doubled per
 * attempt, at most an hour). Scheduled digests retry by the same rule.
 */
export function afterFailure(attemptsBefore: number, policy: RetryPolicy): { attempts: number; giveUp: boolean; delayMs: number } {
  const attempts = attemptsBefore + 1;
  return { attempts, giveUp: attempts >= policy.maxAttempts, delayMs: Math.min(policy.retryBaseMs * 2 ** (attempts - 1), HOUR) };
}

/**
 * The next state of the rows posted together (one alert, or the alerts of a
 * burst digest), given what happened at time `now` (ms). The rows of a
 * digest share one count of attempts: the most any of them had.
 */
export function nextDeliveries(batch: readonly Delivery[], outcome: DeliveryOutcome, now: number, policy: RetryPolicy): Delivery[] {
  const at = new Date(now).toISOString();
  switch (outcome.kind) {
    case 'skipped':
      return batch.map((d) => ({ ...d, status: 'skipped', note: outcome.note }));
    case 'limited':
      return batch.map((d) => {
        const next = { ...d, nextAttemptAt: new Date(outcome.until).toISOString(), note: outcome.note };
        if (outcome.untried) delete next.postNonce;
        return next;
      });
    case 'sent': {
      const { messageId, note, threadId, digest } = outcome;
      return batch.map((d) => ({
        ...d,
        status: 'sent',
        sentAt: at,
        messageId,
        note,
        ...(threadId ? { threadId } : {}),
        ...(digest ? { digest } : {}),
      }));
    }
    case 'refused':
      return batch.map((d) => ({ ...d, status: 'failed', note: outcome.reason }));
    case 'failed': {
      const { attempts, giveUp, delayMs } = afterFailure(Math.max(...batch.map((d) => d.attempts)), policy);
      return batch.map((d) =>
        giveUp
          ? { ...d, status: 'failed', attempts, note: `gave up after ${attempts} attempts: ${outcome.reason}` }
          : { ...d, attempts, nextAttemptAt: new Date(now + delayMs).toISOString(), note: `retrying: ${outcome.reason}` },
      );
    }
    case 'released':
      return batch.map((d) => ({ ...d, status: 'pending', nextAttemptAt: at }));
    case 'posting':
      return batch.map((d) => ({ ...d, postNonce: outcome.nonce }));
  }
}

/**
 * Moves rows on in a draft of the file (JsonStore.update). Each is found there
 * by its key, so the outcome applies to the row as it is now, not as it was
 * read before the post (the draft holds copies). Returns the new states.
 */
export function advance(
  data: AlertFile,
  rows: readonly Delivery[],
  outcome: DeliveryOutcome,
  now: number,
  policy: RetryPolicy,
): Delivery[] {
  const places = rows.map((row) => {
    const at = data.deliveries.findIndex((d) => d.key === row.key);
    if (at === -1) throw new Error(`delivery ${row.key} is no longer in the file`);
    return at;
  });
  const next = nextDeliveries(
    places.map((at) => data.deliveries[at]!),
    outcome,
    now,
    policy,
  );
  places.forEach((at, i) => {
    data.deliveries[at] = next[i]!;
  });
  return next;
}

/** Posts sent to a channel since a time: a digest is one post, however many alerts it held. */
function sentSince(data: AlertFile, channelId: string, since: number): Delivery[] {
  const posts = new Map<string, Delivery>();
  for (const d of data.deliveries)
    if (d.channelId === channelId && d.status === 'sent' && Date.parse(d.sentAt!) > since) posts.set(d.digest ?? d.key, d);
  return [...posts.values()];
}

/** When the channel's hourly or daily limit is reached: when it frees, and which limit it is; null when a post may go now. */
export function limitReached(
  data: AlertFile,
  channelId: string,
  now: number,
  limits: Pick<AlertLimits, 'perHour' | 'perDay'>,
): { frees: number; note: string } | null {
  for (const [limit, window, name] of [
    [limits.perHour, HOUR, 'hourly'],
    [limits.perDay, 24 * HOUR, 'daily'],
  ] as const) {
    const sent = sentSince(data, channelId, now - window);
    if (sent.length >= limit)
      return {
        frees: Math.min(...sent.map((d) => Date.parse(d.sentAt!))) + window,
        note: `waiting for the ${name} alert limit (${limit}) of this channel`,
      };
  }
  return null;
}

/** A match to record: the subscription it fired, the article, how well and why, and the quotes. */
export interface Match {
  subscriptionId: string;
  articleId: string;
  score: number;
  reason: string;
  /** With their text (AlertQuote), so the places can be checked against the article when it is posted. */
  quotes: AlertQuote[];
}

/**
 * Records matches as new rows on the draft, one per (subscription, article)
 * ever (the key), none for a paused or removed subscription; drops finished
 * rows older than KEEP_FINISHED_MS, and the quotes' texts of finished rows
 * (kept for months to recognise a re-sent article, they never post again).
 * Returns how many rows were added.
 */
export function enqueue(data: AlertFile, matches: readonly Match[], now: number): number {
  const at = new Date(now).toISOString();
  const horizon = now - KEEP_FINISHED_MS;
  data.deliveries = data.deliveries
    .filter((d) => waits(d) || Date.parse(d.createdAt) > horizon)
    .map((d) => (waits(d) || d.quotes.every((q) => q.text === undefined) ? d : { ...d, quotes: d.quotes.map(({ text: _, ...q }) => q) }));
  const keys = new Set(data.deliveries.map((d) => d.key));
  let added = 0;
  for (const match of matches) {
    const subscription = data.subscriptions.find((s) => s.id === match.subscriptionId);
    const key = `${match.subscriptionId}:${match.articleId}`;
    if (!subscription || subscription.paused || keys.has(key)) continue;
    keys.add(key);
    data.deliveries.push({
      key,
      subscriptionId: subscription.id,
      channelId: subscription.channelId,
      articleId: match.articleId,
      nonce: newNonce(),
      status: collects(subscription) ? 'collected' : 'pending',
      score: match.score,
      reason: match.reason,
      quotes: match.quotes,
      createdAt: at,
      attempts: 0,
      nextAttemptAt: at,
    });
    added++;
  }
  return added;
}

const waits = (d: Delivery) => d.status === 'pending' || d.status === 'collected';

/** One post of the delivery loop: the rows it lists and the nonce it carries; `burst`: a digest message, else one alert. */
export interface PlannedPost {
  rows: Delivery[];
  nonce: string;
  burst: boolean;
  /** Its rows and nonce are on disk (postNonce): tried before, or recorded for this run; else they must be recorded before it is tried. */
  recorded: boolean;
  /** Never tried before this run: held by a limit, it lets go of its nonce (Discord never saw it). */
  untried: boolean;
}

/**
 * How a channel's due rows (oldest first) go out: each row tried before, in
 * the very post it was first tried in (its postNonce; rows tried before
 * postNonce existed, in the post nonceBeforePostNonce finds), so that
 * Discord recognises a repeat of a post it took; the rows never tried, each
 * alone, or together as one burst digest with a new nonce when more than
 * DIGEST_AFTER of them wait. A row that came
 * later never joins a post already tried: the nonce would make Discord answer
 * with the earlier message, and the row would count as sent unseen.
 */
export function plannedPosts(due: readonly Delivery[]): PlannedPost[] {
  const tried = new Map<string, Delivery[]>();
  const fresh: Delivery[] = [];
  const triedTogether = new Map<string, string>();
  for (const row of due) {
    const nonce = row.postNonce ?? (row.attempts > 0 ? nonceBeforePostNonce(row, triedTogether) : undefined);
    if (nonce === undefined) fresh.push(row);
    else tried.set(nonce, [...(tried.get(nonce) ?? []), row]);
  }
  const posts: PlannedPost[] = [...tried].map(([nonce, rows]) => ({
    rows,
    nonce,
    burst: rows.length > 1 || nonce !== rows[0]!.nonce,
    recorded: true,
    untried: false,
  }));
  if (fresh.length > DIGEST_AFTER) posts.push({ rows: fresh, nonce: newNonce(), burst: true, recorded: false, untried: true });
  else posts.push(...fresh.map((row) => ({ rows: [row], nonce: row.nonce, burst: false, recorded: false, untried: true })));
  return posts.sort((a, b) => a.rows[0]!.createdAt.localeCompare(b.rows[0]!.createdAt));
}

/**
 * The nonce a row tried before postNonce existed went out with: a burst digest
 * then carried its oldest row's nonce, and its failure (or a limit holding it
 * after) wrote one count, time and note on all its rows. Rows tried alone
 * failed paced apart, never at the same time, but a limit holds them all until
 * one time, so only a failure's note or a held digest's groups rows. `seen`
 * maps such a write to its oldest row's nonce (rows come oldest first), so the
 * digest is retried whole, as Discord knows it.
 */
function nonceBeforePostNonce(row: Delivery, seen: Map<string, string>): string {
  const note = row.note ?? '';
  if (!note.startsWith('retrying: ') && !note.endsWith(' alerts will come as one digest')) return row.nonce;
  const written = `${row.attempts}\n${row.nextAttemptAt}\n${note}`;
  if (!seen.has(written)) seen.set(written, row.nonce);
  return seen.get(written)!;
}

/** A daily or weekly subscription collects its matches for its scheduled digest. */
const collects = (subscription: Subscription) => subscription.mode === 'daily' || subscription.mode === 'weekly';

/** The nonce a post carries (Discord's enforce_nonce), 16 characters, so a repeat after a crash is recognised. */
export const newNonce = () => randomBytes(12).toString('base64url').slice(0, 16);
