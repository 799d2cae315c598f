import { describe, expect, it } from 'vitest';
import { articlesDir, startHarness } from '../helpers/bot';

const files = {
  'quits.md':
    '---\ntitle: "Blunkett quits as Home Secretary"\ndate: 2004-12-15\n---\nDavid Blunkett has resigned as Home Secretary. Mr Blunkett said he had done nothing wrong.\n',
  'fees.md': '---\ntitle: "Fees vote"\ndate: 2004-12-14\n---\nMPs voted on university top-up fees. The fees rise to £3,000 a year.\n',
};

describe('a misspelt name, through Discord', () => {
  it('searches "blunket" as the library\'s "Blunkett" and says so', async () => {
    const harness = await startHarness({ ARTICLES_DIR: articlesDir(files) });
    const reply = await harness.fake.sendCommand('ask', { question: 'when did blunket resign' }).waitForReply();
    const text = reply.data.embeds![0]!.description!;
    expect(text).toContain('Searched for “Blunkett” (you typed “blunket”).');
    expect(text).toContain('David Blunkett has resigned as Home Secretary.');
    const plain = await harness.fake.sendCommand('ask', { question: 'when did Blunkett resign' }).waitForReply();
    expect(plain.data.embeds![0]!.description).not.toContain('Searched for');
  });
});
