import { describe, expect, it } from 'vitest';
import { forgottenReply } from '../../src/replies/history';

const said = (reply: ReturnType<typeof forgottenReply>) => [reply.title, ...(reply.text ?? [])].filter(Boolean).join(' ');

describe('/history forget-me', () => {
  it('names the history it ran in: the server, a direct-message conversation or the console', () => {
    expect(said(forgottenReply({ questions: 2, votes: 0 }, 'server'))).toContain('from this server’s history');
    expect(said(forgottenReply({ questions: 2, votes: 0 }, 'dm'))).toContain('from your direct-message history');
    const console = said(forgottenReply({ questions: 2, votes: 1 }, 'console'));
    expect(console).toContain('from the console’s history');
    expect(console).not.toContain('direct-message');
  });
});
