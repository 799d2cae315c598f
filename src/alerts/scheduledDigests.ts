import type { Article } from '../library/article';
import type { Library, Viewer } from '../library/library';
import type { Logger } from '../log';
import type { JsonStore } from '../store/jsonStore';
import { currentQuotes } from './currentQuotes';
import { digestQuote, entryWeight, lastDue, periodMs, planPages } from './digestSchedule';
import { KEEP_FINISHED_MS } from './limits';
import { afterFailure, newNonce, type RetryPolicy } from './outbox';
import type { AlertFile, Delivery, DigestMode, PostResult, ScheduledDigest, Subscription } from './types';

/** One page of a scheduled digest; the adapter turns it into a message. */
export interface ScheduledDigestMessage {
  scheduled: {
    subscription: Subscription;
    mode: DigestMode;
    from: string;
    dueAt: string;
    page: number;
    pages: number;
    /** The page's articles, best match first, each with its best quote, placed in the article as it is now (currentQuotes.ts). */
    entries: { article: Article; quote: { start: number; end: number } | undefined; score: number }[];
    /** Matches of the period in all, and how many of them did not fit in the pages (said on the last). */
    total: number;
    more: number;
  };
}

export interface DigestSchedulerDeps {
  library: Library;
  viewerOf: (guildId: string | null) => Viewer;
  /** DIGEST_HOUR: the UTC hour digests fall due. */
  hour: number;
  retry: RetryPolicy;
  log: Logger;
  now: () => Date;
  post: (channelId: string, message: ScheduledDigestMessage, nonce: string) => Promise<PostResult>;
  /** The channel's alert limits (a digest counts as one post, however many pages). */
  limitReached: (data: AlertFile, channelId: string, now: number) => { frees: number; note: string } | null;
  /** Waits for the global pace of posts. */
  pace: () => Promise<void>;
  /** A subscription whose pause changed, for the matcher. */
  reindex: (subscription: Subscription) => void;
  stopped: () => boolean;
}

const isDigestMode = (mode: Subscription['mode']): mode is DigestMode => mode === 'daily' || mode === 'weekly';

function digestDraft(data: AlertFile, key: string): ScheduledDigest {
  const found = data.digests?.find((d) => d.key === key);
  if (!found) throw new Error(`digest ${key} is no longer in the file`);
  return found;
}

/**
 * Daily and weekly digests, run from the alert service's delivery loop (so
 * whoever delivers a guild's alerts delivers its digests). A period's
 * collected matches become one digest row, its pages fixed, written before
 * any page is posted; then the pages go out one by one, each recorded, each
 * with its own nonce. A restart resumes from the first page not recorded.
 */
export class DigestScheduler {
  constructor(private readonly deps: DigestSchedulerDeps) {}

  /** The subscriptions' digests that are due: recorded, then posted. */
  async run(file: JsonStore<AlertFile>): Promise<void> {
    if (this.dueSubscriptions(file.data).length > 0) await file.update((data) => this.record(data));
    const now = this.deps.now().getTime();
    const due = (file.data.digests ?? [])
      .filter((d) => d.status === 'pending' && Date.parse(d.nextAttemptAt) <= now)
      .sort((a, b) => a.dueAt.localeCompare(b.dueAt));
    for (const digest of due) {
      if (this.deps.stopped()) return;
      await this.deliver(file, digest);
    }
  }

  /** When the subscription's next digest falls due. */
  nextDue(subscription: Subscription): Date | null {
    if (!isDigestMode(subscription.mode)) return null;
    return new Date(lastDue(subscription.mode, this.deps.hour, this.deps.now()).getTime() + periodMs(subscription.mode));
  }

  /** Digest subscriptions with matches collected before their last due time that no digest holds yet. */
  private dueSubscriptions(data: AlertFile): { subscription: Subscription & { mode: DigestMode }; dueAt: Date; rows: Delivery[] }[] {
    const now = this.deps.now();
    // Runs on every tick of the delivery loop: one pass over the deliveries, not one per subscription.
    const waiting = new Map<string, Delivery[]>();
    for (const d of data.deliveries) {
      if (d.status !== 'collected' || d.digest) continue;
      const rows = waiting.get(d.subscriptionId);
      if (rows) rows.push(d);
      else waiting.set(d.subscriptionId, [d]);
    }
    if (waiting.size === 0) return [];
    const made = new Set((data.digests ?? []).map((d) => d.key));
    const found = [];
    for (const subscription of data.subscriptions) {
      if (!isDigestMode(subscription.mode) || subscription.paused || !waiting.has(subscription.id)) continue;
      const dueAt = lastDue(subscription.mode, this.deps.hour, now);
      // A match recorded just after a digest was made, but stamped before its due time, waits for the next one.
      if (made.has(`${subscription.id}:${dueAt.toISOString()}`)) continue;
      const rows = waiting.get(subscription.id)!.filter((d) => Date.parse(d.createdAt) < dueAt.getTime());
      if (rows.length > 0) found.push({ subscription: subscription as Subscription & { mode: DigestMode }, dueAt, rows });
    }
    return found;
  }

  /** Writes a digest row per due subscription, on the draft; its matches are marked as in it. */
  private record(data: AlertFile): void {
    const now = this.deps.now();
    const horizon = now.getTime() - KEEP_FINISHED_MS;
    const digests = (data.digests ?? []).filter((d) => d.status === 'pending' || Date.parse(d.createdAt) > horizon);
    for (const { subscription, dueAt, rows } of this.dueSubscriptions(data)) {
      const key = `${subscription.id}:${dueAt.toISOString()}`;
      const listed: { row: Delivery; article: Article }[] = [];
      for (const row of rows) {
        const article = this.deps.library.get(row.articleId, this.deps.viewerOf(subscription.guildId));
        if (article) listed.push({ row, article });
        else Object.assign(row, { status: 'skipped', note: 'the article left the library' });
      }
      listed.sort((a, b) => b.row.score - a.row.score || a.row.createdAt.localeCompare(b.row.createdAt));
      for (const { row } of listed) row.digest = key;
      if (listed.length === 0) continue;
      const weights = listed.map(({ row, article }) => {
        const quote = currentQuotes(article, row.quotes).quotes[0];
        return entryWeight({
          quote: digestQuote(quote ? article.text.slice(quote.start, quote.end) : article.title),
          citation: `${article.title} — ${article.date ?? 'date unknown'} — ${article.source ?? ''}`,
          url: article.url,
        });
      });
      const { pages, more } = planPages(weights);
      const oldest = Math.min(...rows.map((d) => Date.parse(d.createdAt)));
      digests.push({
        key,
        subscriptionId: subscription.id,
        channelId: subscription.channelId,
        mode: subscription.mode,
        from: new Date(Math.min(oldest, dueAt.getTime() - periodMs(subscription.mode))).toISOString(),
        dueAt: dueAt.toISOString(),
        pages: pages.map((page) => page.map((i) => listed[i]!.row.key)),
        more,
        nonce: newNonce(),
        status: 'pending',
        posted: 0,
        messageIds: [],
        createdAt: now.toISOString(),
        attempts: 0,
        nextAttemptAt: now.toISOString(),
      });
    }
    data.digests = digests;
  }

  private async deliver(file: JsonStore<AlertFile>, digest: ScheduledDigest): Promise<void> {
    const { deps } = this;
    const now = deps.now().getTime();
    const subscription = file.data.subscriptions.find((s) => s.id === digest.subscriptionId);
    if (!subscription || subscription.paused) {
      const note = !subscription ? 'the subscription was removed' : `paused: ${subscription.paused!.reason}`;
      await file.update((data) => this.close(data, digest.key, { status: 'skipped', note }, { status: 'skipped', note }));
      return;
    }
    if (digest.posted === 0) {
      const limited = deps.limitReached(file.data, digest.channelId, now);
      if (limited) {
        await file.update(
          (data) =>
            void Object.assign(digestDraft(data, digest.key), { nextAttemptAt: new Date(limited.frees).toISOString(), note: limited.note }),
        );
        return;
      }
    }
    const total = digest.pages.flat().length + digest.more;
    for (let page = digest.posted; page < digest.pages.length; page++) {
      if (deps.stopped()) return;
      const entries = digest.pages[page]!.flatMap((key) => {
        const row = file.data.deliveries.find((d) => d.key === key);
        const article = row && deps.library.get(row.articleId, deps.viewerOf(subscription.guildId));
        return row && article ? [{ article, quote: currentQuotes(article, row.quotes).quotes[0], score: row.score }] : [];
      });
      if (entries.length > 0) {
        await deps.pace();
        const message: ScheduledDigestMessage = {
          scheduled: {
            subscription,
            mode: digest.mode,
            from: digest.from,
            dueAt: digest.dueAt,
            page: page + 1,
            pages: digest.pages.length,
            entries,
            total,
            more: page === digest.pages.length - 1 ? digest.more : 0,
          },
        };
        const result = await deps.post(digest.channelId, message, `${digest.nonce}-${page + 1}`);
        const at = deps.now().toISOString();
        if (!result.ok) {
          await this.failed(file, digest, subscription, result, now, at);
          return;
        }
        await file.update((data) => {
          const draft = digestDraft(data, digest.key);
          Object.assign(draft, { posted: page + 1, messageIds: [...draft.messageIds, result.messageId], note: undefined });
        });
      } else {
        // Every article of the page left the library: nothing to post, the page counts as done.
        await file.update((data) => void Object.assign(digestDraft(data, digest.key), { posted: page + 1 }));
      }
    }
    const at = deps.now().toISOString();
    const messageIds = digestDraftOrNull(file.data, digest.key)?.messageIds ?? [];
    await file.update((data) => {
      this.close(
        data,
        digest.key,
        { status: 'sent', sentAt: at, note: undefined },
        { status: 'sent', sentAt: at, messageId: messageIds[0], note: `in the ${digest.mode} digest of ${digest.dueAt.slice(0, 10)}` },
      );
      const fired = data.subscriptions.find((s) => s.id === subscription.id);
      if (fired && messageIds.length > 0) {
        fired.lastFiredAt = at;
        fired.digestsSent = (fired.digestsSent ?? 0) + 1;
      }
    });
    deps.log.info('scheduled_digest_sent', {
      guild: subscription.guildId ?? 'dm',
      channel: digest.channelId,
      topic: subscription.topic,
      mode: digest.mode,
      articles: total,
      pages: messageIds.length,
    });
  }

  /** Sets the digest's fields and those of every match in it that is still waiting. */
  private close(data: AlertFile, key: string, digestFields: Partial<ScheduledDigest>, rowFields: Partial<Delivery>): void {
    Object.assign(digestDraft(data, key), digestFields);
    for (const row of data.deliveries) if (row.digest === key && row.status === 'collected') Object.assign(row, rowFields);
  }

  private async failed(
    file: JsonStore<AlertFile>,
    digest: ScheduledDigest,
    subscription: Subscription,
    result: Extract<PostResult, { ok: false }>,
    now: number,
    at: string,
  ): Promise<void> {
    const { deps } = this;
    if (result.permanent) {
      await file.update((data) => {
        for (const s of data.subscriptions) if (s.channelId === digest.channelId) s.paused = { reason: result.reason, at };
        this.close(data, digest.key, { status: 'failed', note: result.reason }, { status: 'failed', note: result.reason });
      });
      for (const s of file.data.subscriptions) if (s.channelId === digest.channelId) deps.reindex(s);
      deps.log.warn('subscriptions_paused', { guild: subscription.guildId ?? 'dm', channel: digest.channelId, reason: result.reason });
      return;
    }
    const { attempts, giveUp, delayMs: delay } = afterFailure(digest.attempts, deps.retry);
    await file.update((data) => {
      if (giveUp)
        this.close(
          data,
          digest.key,
          { status: 'failed', attempts, note: `gave up after ${attempts} attempts: ${result.reason}` },
          { status: 'failed', note: `gave up after ${attempts} attempts: ${result.reason}` },
        );
      else
        Object.assign(digestDraft(data, digest.key), {
          attempts,
          nextAttemptAt: new Date(now + delay).toISOString(),
          note: `retrying: ${result.reason}`,
        });
    });
    (giveUp ? deps.log.error : deps.log.warn)(giveUp ? 'scheduled_digest_given_up' : 'scheduled_digest_retry', {
      channel: digest.channelId,
      topic: subscription.topic,
      attempts,
      reason: result.reason,
      nextAttemptInMs: giveUp ? null : delay,
    });
  }
}

const digestDraftOrNull = (data: AlertFile, key: string) => data.digests?.find((d) => d.key === key);
