import { describe, expect, it, vi } from 'vitest';
import { startHarness, type Harness } from '../helpers/bot';

let harness: Harness | undefined;

const QUESTION = 'Who chairs the CPTPP working group?';

async function askAndLog(env: Record<string, string>) {
  harness = await startHarness(env);
  await harness.fake.sendCommand('ask', { question: QUESTION }).waitForReply();
  await harness.fake.sendCommand('lookup', { term: 'Taiwan Strait' }).waitForReply();
  const logs = harness.logs;
  await vi.waitFor(() => expect(logs.filter((l) => l.event === 'interaction')).toHaveLength(2));
  return logs;
}

describe('what users type, in the logs', () => {
  it('stays out of them by default', async () => {
    const logs = await askAndLog({});
    expect(JSON.stringify(logs)).not.toContain('CPTPP working group');
    expect(JSON.stringify(logs)).not.toContain('Taiwan Strait');
  });

  it('is in the interaction line when LOG_QUESTIONS is on', async () => {
    const logs = await askAndLog({ LOG_QUESTIONS: 'true' });
    const lines = logs.filter((l) => l.event === 'interaction');
    expect(lines.map((l) => l.options)).toEqual([{ question: QUESTION }, { term: 'Taiwan Strait' }]);
  });
});
