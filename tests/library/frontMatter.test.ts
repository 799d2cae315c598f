import { describe, expect, it } from 'vitest';
import { FrontMatterError, parseFrontMatter } from '../../src/library/frontMatter';
import { articlesDir, startHarness } from '../helpers/bot';

const problemsOf = (text: string) => {
  try {
    parseFrontMatter(text);
  } catch (error) {
    expect(error).toBeInstanceOf(FrontMatterError);
    return (error as FrontMatterError).problems;
  }
  throw new Error('the front matter was accepted');
};

const body = 'The council approved the budget on Monday after a long debate.\n';

describe('front matter', () => {
  it('reports every error of a file at once, each with its line counted in the file', () => {
    const text = `---\ntitle: ${'t'.repeat(400)}\nsource: City Desk\ntags: 42\nurl: javascript:alert(1)\n---\n${body}`;
    const problems = problemsOf(text);
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/^line 2: "title" is 400 characters/);
    expect(problems[1]).toMatch(/^line 4: "tags" must be a list/);
    expect(problems[2]).toMatch(/^line 5: "url" is not an http\(s\) address/);
  });

  it('gives YAML errors with the file’s line, not the block’s', () => {
    const problems = problemsOf(`---\ntitle: fine\nsource: also fine\ntags: [unclosed\n---\n${body}`);
    expect(problems[0]).toMatch(/^line [45]: front matter is not valid YAML \(/);
    expect(problems[0]).not.toMatch(/at line \d+, column/);
  });

  it('warns about an unknown key, with its line, and still reads the rest', () => {
    const parsed = parseFrontMatter(`---\ntitel: Council passes the budget\ndate: 2024-03-05\n---\n${body}`);
    expect(parsed.warnings).toEqual(['line 2: unknown key "titel" is ignored (the keys are title, date, source, url, tags)']);
    expect(parsed.meta.date).toBe('2024-03-05');
  });

  it.each(['05/03/2024', '5.3.2024', '03-05-24'])('leaves out the ambiguous date %s, naming the formats it reads', (date) => {
    const { meta, warnings } = parseFrontMatter(`---\ndate: ${date}\n---\n${body}`);
    expect(meta.date).toBeUndefined();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      /^line 2: "date" .* could be read as day\/month or as month\/day; write it as YYYY-MM-DD \(2024-03-05\), an ISO date and time.*; the article is loaded without a date$/,
    );
  });

  it.each([
    ['2024-03-05', '2024-03-05'],
    ['"2024-03-05"', '2024-03-05'],
    ['2024-03-05T23:30:00Z', '2024-03-05'],
    ['5 March 2024', '2024-03-05'],
    ['March 5, 2024', '2024-03-05'],
    // An offset that moves the instant to another day does not make the day written one that does not exist.
    ['Tue, 5 Mar 2024 00:30:00 +0100', '2024-03-05'],
    ['Tue, 5 Mar 2024 23:30:00 -0500', '2024-03-05'],
    ['March 5, 2024 10:00 AM', '2024-03-05'],
    // A time before the date, or a zone in letters, is dropped without the date it stands by.
    ['12:30 5 March 2024', '2024-03-05'],
    ['12:30 PM, March 5, 2024', '2024-03-05'],
    ['23:30 (GMT+1) 5 March 2024', '2024-03-05'],
    ['5 March 2024 12:30 BST', '2024-03-05'],
    ['5 March 2024 at 9:15 a.m. EST', '2024-03-05'],
  ])('reads the date %s as %s', (date, expected) => {
    expect(parseFrontMatter(`---\ndate: ${date}\n---\n${body}`).meta.date).toBe(expected);
  });

  it('takes a url without a scheme as a warning: the article loads without a link', () => {
    const parsed = parseFrontMatter(`---\ntitle: Budget\nurl: example.org/budget\n---\n${body}`);
    expect(parsed.meta.url).toBeUndefined();
    expect(parsed.meta.title).toBe('Budget');
    expect(parsed.warnings).toEqual(['line 3: "url" has no http:// or https:// (example.org/budget); the article is shown without a link']);
  });
});

describe('front matter problems in the running bot', () => {
  it('logs a skipped file once and a loaded file’s warnings, and the file with the warning answers', async () => {
    const harness = await startHarness({
      ARTICLES_DIR: articlesDir({
        'bad-date.md': `---\ndate: 05/03/2024\n---\n${body}`,
        'bad-yaml.md': `---\ntitle: [unclosed\n---\n${body}`,
        'typo.md': `---\ntitel: Budget\nurl: example.org/budget\n---\nThe harbour board approved the new pier on Tuesday.\n`,
      }),
    });
    try {
      await harness.bot.app.services.alerts.idle();
      const skipped = harness.logs.filter((l) => l.event === 'article_skipped');
      expect(skipped).toHaveLength(1);
      expect(skipped[0]).toMatchObject({ file: 'bad-yaml.md', reason: expect.stringContaining('not valid YAML') });
      const warnings = harness.logs.filter((l) => l.event === 'article_warning');
      expect(warnings.filter((l) => l.file === 'typo.md').map((l) => l.warning)).toEqual([
        'line 2: unknown key "titel" is ignored (the keys are title, date, source, url, tags)',
        'line 3: "url" has no http:// or https:// (example.org/budget); the article is shown without a link',
      ]);
      expect(warnings.filter((l) => l.file === 'bad-date.md').map((l) => l.warning)).toEqual([
        expect.stringMatching(
          /^line 2: "date" 05\/03\/2024 could be read as day\/month or as month\/day; .*; the article is loaded without a date$/,
        ),
      ]);
      expect(harness.bot.app.services.library.get('typo')?.url).toBeNull();
      expect(harness.bot.app.services.library.get('bad-date')?.date).toBeNull();
    } finally {
      await harness.close();
    }
  });
});

describe('an unquoted headline', () => {
  it('keeps its whole text with a ": " or a " #" in it, as a title or a source', () => {
    const parsed = parseFrontMatter(
      `---\ntitle: Budd report: nanny visa fast-tracked\ndate: 2004-12-21\nsource: BBC News: Politics # desk\n---\n${body}`,
    );
    expect(parsed.meta).toMatchObject({
      title: 'Budd report: nanny visa fast-tracked',
      date: '2004-12-21',
      source: 'BBC News: Politics # desk',
    });
    expect(parsed.warnings).toEqual([]);
    expect(parseFrontMatter(`---\ntitle: Hash # x\n---\n${body}`).meta.title).toBe('Hash # x');
    expect(parseFrontMatter(`---\r\ntitle: Vote: yes\r\n---\r\n${body}`).meta.title).toBe('Vote: yes');
    // Openings YAML reads as something else: a quote it does not end with, a comment, a reserved sign.
    for (const title of ["'Fockers' set to meet another weekend title", '#1 hit for the chancellor', '@home with the PM'])
      expect(parseFrontMatter(`---\ntitle: ${title}\n---\n${body}`).meta.title).toBe(title);
  });

  it('leaves quoted titles and YAML it reads otherwise as they were', () => {
    expect(parseFrontMatter(`---\ntitle: "Budd report: nanny visa"\n---\n${body}`).meta.title).toBe('Budd report: nanny visa');
    expect(parseFrontMatter(`---\ntitle: 'It''s done'\n---\n${body}`).meta.title).toBe("It's done");
    expect(parseFrontMatter(`---\ntitle: Plain title\ndate: 2024-03-05 # approx\n---\n${body}`).meta).toMatchObject({
      title: 'Plain title',
      date: '2024-03-05',
    });
    expect(parseFrontMatter(`---\ntitle: A long title\n  continued here\n---\n${body}`).meta.title).toBe('A long title continued here');
  });

  it('still gives a YAML error of another line with the file’s line', () => {
    const problems = problemsOf(`---\ntitle: Budd report: nanny visa\ntags: [unclosed\n---\n${body}`);
    expect(problems[0]).toMatch(/^line [34]: front matter is not valid YAML \(/);
  });
});
