import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultAlertLimits } from '../../src/alerts/alertService';
import { AlertStore } from '../../src/alerts/alertStore';
import { Subscriptions } from '../../src/alerts/subscriptions';
import { silentLogger } from '../../src/log';
import { UserError } from '../../src/userError';

const scope = { guildId: '2000000000000000001', channelId: 'c1' };

async function channelWith(...topics: string[]) {
  const store = new AlertStore(mkdtempSync(join(tmpdir(), 'pd-topics-')), silentLogger);
  const subscriptions = new Subscriptions(store, defaultAlertLimits, () => new Date('2026-03-02T10:00:00Z'));
  for (const topic of topics) await subscriptions.subscribe(scope, topic, 0.7, 'u');
  const topicsLeft = async () => (await subscriptions.list(scope)).map((s) => s.subscription.topic);
  return { store, subscriptions, topicsLeft };
}

describe('a topic named by the user', () => {
  it('is found whatever its case and spacing', async () => {
    const { subscriptions, topicsLeft } = await channelWith('Europe', 'council tax');
    expect((await subscriptions.unsubscribe(scope, 'europe'))?.topic).toBe('Europe');
    expect((await subscriptions.unsubscribe(scope, '  Council   TAX '))?.topic).toBe('council tax');
    expect(await topicsLeft()).toEqual([]);
    expect(await subscriptions.unsubscribe(scope, 'europe')).toBeUndefined();
  });

  it('is the one written exactly so when two differ only in case, and is asked about when neither is', async () => {
    const { store, subscriptions, topicsLeft } = await channelWith('Brown');
    // Only an older file could hold both: subscribing again to "BROWN" updates "Brown".
    expect((await subscriptions.subscribe(scope, 'BROWN', 0.5, 'u')).subscription).toMatchObject({ topic: 'Brown', minScore: 0.5 });
    const file = await store.file(scope.guildId);
    await file.update((data) => void data.subscriptions.push({ ...data.subscriptions[0]!, id: 'other', topic: 'brown' }));
    await expect(subscriptions.unsubscribe(scope, 'BROWN')).rejects.toThrow(UserError);
    await expect(subscriptions.unsubscribe(scope, 'BROWN')).rejects.toThrow('“Brown” and “brown”');
    expect((await subscriptions.unsubscribe(scope, 'brown'))?.id).toBe('other');
    expect(await topicsLeft()).toEqual(['Brown']);
  });
});
