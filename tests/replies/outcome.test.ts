import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/library/article';
import { SentenceIndex } from '../../src/search/sentenceIndex';
import { ask } from '../../src/answer/ask';
import { Library } from '../../src/library/library';
import { answerReply } from '../../src/replies/format';
import { outcomeOf } from '../../src/replies/outcome';
import { notice } from '../../src/reply';
import { seedArticle } from '../helpers/seed';

const library = new Library(new SentenceIndex<Article>(), [seedArticle()]);
const outcome = (question: string) => outcomeOf(answerReply(ask(library.indexFor(null), question)));

describe('the outcome the log and metrics count', () => {
  it('tells an answer, uncertain passages and no good answer apart, though both of the last are warnings', () => {
    expect(outcome('Who chairs the CPTPP working group?')).toBe('answer');
    expect(outcome('What did Truss discuss about the Olympics?')).toBe('uncertain');
    expect(outcome('What is the capital of Brazil?')).toBe('none');
  });

  it('counts an ephemeral warning as a refusal', () => {
    expect(outcomeOf(notice('warning', 'You need Manage Server for that.'))).toBe('refused');
    expect(outcomeOf(notice('info', 'Nothing here yet.'))).toBe('info');
  });
});
