import { describe, expect, it } from 'vitest';
import { NEWSROOM } from '../answer/newsroomArticles';
import { articlesDir, startHarness } from '../helpers/bot';

// The newsroom fixture as the articles folder holds it: one Markdown file an article, with its title and date.
const files = Object.fromEntries(NEWSROOM.map((a) => [`${a.id}.md`, `---\ntitle: "${a.title}"\ndate: ${a.date}\n---\n${a.text}\n`]));

const buttons = (components: unknown[] | undefined) =>
  ((components ?? []) as { components: { custom_id: string; label: string }[] }[]).flatMap((row) => row.components);

describe('a follow-up that changes the subject, through Discord', () => {
  it('answers "what about the tories?" from the Tory manifesto, and More quotes stays on the Tories', async () => {
    const harness = await startHarness({ ARTICLES_DIR: articlesDir(files) });
    await harness.fake.sendCommand('ask', { question: 'what did labour promise in its manifesto' }).waitForReply();
    const reply = await harness.fake.sendCommand('ask', { question: 'what about the tories?' }).waitForReply();
    const text = reply.data.embeds![0]!.description!;
    expect(text).toContain('Read as a follow-up to: “what did labour promise in its manifesto”');
    expect(text.indexOf('> The Conservatives have launched their election manifesto')).toBeGreaterThan(-1);
    expect(text).not.toContain('Tony Blair has launched Labour');
    const more = buttons(reply.data.components).find((b) => b.label === 'More quotes');
    expect(more).toBeDefined();
    const moreText = (await harness.fake.clickButton(more!.custom_id).waitForReply()).data.embeds![0]!.description ?? '';
    // Labour's manifesto answers the rewritten question's other words as well; none of its lines without the Tories is given.
    expect(moreText).toMatch(/^> /m);
    expect(moreText).not.toContain('Tony Blair has launched Labour');
    expect(moreText).not.toContain('The 112-page document');
  });
});
