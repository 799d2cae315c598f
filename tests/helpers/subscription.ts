import type { Subscription } from '../../src/alerts/types';

/** A channel's subscription as the store keeps it, never fired: a test names only the fields it is about. */
export const aSubscription = (fields: Partial<Subscription> = {}): Subscription => ({
  id: 's1',
  guildId: 'g',
  channelId: 'c',
  topic: 'Iraq',
  minScore: 0.7,
  createdBy: 'u',
  createdAt: '2005-01-01T00:00:00.000Z',
  lastFiredAt: null,
  alertsSent: 0,
  paused: null,
  ...fields,
});
