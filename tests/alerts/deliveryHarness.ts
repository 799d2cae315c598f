import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AlertService, defaultAlertLimits, type AlertLimits, type Poster } from '../../src/alerts/alertService';
import { AlertStore } from '../../src/alerts/alertStore';
import type { Article } from '../../src/library/article';
import { Library } from '../../src/library/library';
import { silentLogger } from '../../src/log';
import { SentenceIndex } from '../../src/search/sentenceIndex';
import { FILLER, story } from './newsLibrary';

export const GUILD = '2000000000000000001';
export const OTHER_GUILD = '2000000000000000002';
export const CHANNEL = 'c1';
export const HOUR = 3_600_000;

type Posted = Parameters<Poster>[1];

/**
 * Discord's side of alert posts, as the delivery loop sees it: a message per
 * new nonce in a channel, and the first message again for a repeated one
 * (enforce_nonce). `loseAnswers` makes it take the next posts but answer as
 * a timeout would; `hang` makes it take the next post and never answer (the
 * process dies before it hears back).
 */
export class FakeChannels {
  readonly messages: { id: string; channelId: string; nonce: string; posted: Posted }[] = [];
  private readonly nonces = new Map<string, string>();
  loseAnswers = 0;
  hang = false;

  readonly poster: Poster = async (channelId, posted, nonce) => {
    const key = `${channelId}:${nonce}`;
    let id = this.nonces.get(key);
    if (id === undefined) {
      id = `m${this.messages.length + 1}`;
      this.messages.push({ id, channelId, nonce, posted });
      this.nonces.set(key, id);
    }
    if (this.hang) return new Promise(() => undefined);
    if (this.loseAnswers > 0) {
      this.loseAnswers--;
      return { ok: false, permanent: false, reason: 'Discord did not answer in time' };
    }
    return { ok: true, messageId: id };
  };

  /** How many times each article was shown in the channel, across alerts and burst digests. */
  shown(channelId = CHANNEL): Map<string, number> {
    const counts = new Map<string, number>();
    for (const { channelId: at, posted } of this.messages) {
      if (at !== channelId) continue;
      const ids = 'digest' in posted ? posted.digest.map((e) => e.article.id) : 'article' in posted ? [posted.article.id] : [];
      for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    return counts;
  }
}

/** Stories any topic below is rare against, so that its words weigh as in real news. */
const background = FILLER.map((_, i) => story(`other-${i}`, `Council news ${i}`, FILLER.slice(i).concat(FILLER.slice(0, i))));

/** A story about farmers, numbered: each fires the topic "farmers". */
export const farmStory = (n: number): Article =>
  story(`farm-${n}`, `Farmers protest ${n}`, [
    `Farmers blocked roads in protest number ${n} on Monday.`,
    'The farmers said the subsidy cuts would ruin them.',
    ...FILLER.slice(0, 4),
  ]);

/**
 * A real alert service over a temporary data folder and a library, with a
 * clock the test moves; the delivery loop runs only when kicked (its timer
 * is an hour).
 */
export async function deliveryHarness(limits: Partial<AlertLimits> = {}, dataDir = mkdtempSync(join(tmpdir(), 'pd-delivery-'))) {
  const clock = { now: Date.parse('2024-05-01T10:00:00Z') };
  const library = new Library(new SentenceIndex<Article>(), background);
  const fake = new FakeChannels();
  const allLimits = { ...defaultAlertLimits, ...limits };
  const open = async () => {
    const store = new AlertStore(dataDir, silentLogger);
    const alerts = await AlertService.open(store, library, allLimits, silentLogger, () => new Date(clock.now));
    return { store, alerts };
  };
  const first = await open();
  await first.alerts.catchUp([]);
  const h = {
    ...first,
    library,
    fake,
    clock,
    dataDir,
    /** Adds (or replaces) an article as the watcher does, and matches it. */
    async land(article: Article, owner: string | null = null) {
      library.add(article, owner);
      await h.alerts.onArticle(article, owner);
      await h.alerts.idle();
    },
    /** Moves the clock and runs the delivery loop once. */
    async at(ms: number) {
      clock.now = ms;
      h.alerts.kick();
      await h.alerts.idle();
    },
    /** A new process on the same folder and library (the old one is left as it is: stopped, or hung in a post). */
    async restart() {
      Object.assign(h, await open());
    },
    start() {
      h.alerts.start(fake.poster, HOUR);
    },
    async rows(guildId: string | null = GUILD) {
      return (await h.store.file(guildId)).data.deliveries;
    },
  };
  return h;
}
