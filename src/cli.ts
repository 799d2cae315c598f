/** npm run ask -- "question" [--json] [--article ID]: one answer, printed once. */
import { parseArgs } from 'node:util';
import { SentenceIndex } from './search/sentenceIndex';
import { ask } from './answer/ask';
import { ConfigError, loadConfig, loadDotEnv } from './config';
import { renderText } from './console/renderText';
import { answerReply } from './replies/format';
import { Library } from './library/library';
import { loadArticles } from './library/loadArticles';
import { createLogger } from './log';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { json: { type: 'boolean', default: false }, article: { type: 'string' } },
});
const question = positionals.join(' ');
if (!question.trim()) {
  process.stderr.write('usage: npm run ask -- "your question" [--json] [--article ID]\n');
  process.exit(2);
}
try {
  loadDotEnv();
  const config = loadConfig();
  const { articles } = await loadArticles(config.articlesDir, config.maxArticleBytes, createLogger('warn'));
  const library = new Library(new SentenceIndex(), articles);
  const answer = ask(library.indexFor(null), question, {
    limit: config.quotes,
    articleId: values.article,
    minConfidence: config.minConfidence,
  });
  if (values.json) {
    const { tier, answered, confidence, quotes, reason, unknownName, suggestions } = answer;
    process.stdout.write(
      `${JSON.stringify({ question, tier, answered, confidence, reason, unknownName, suggestions, quotes: quotes.map(({ articleId, title, date, source, url, text, start, end, score, context }) => ({ articleId, title, date, source, url, text, start, end, score, context })) })}\n`,
    );
  } else {
    process.stdout.write(`${renderText(answerReply(answer))}\n`);
  }
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`Policy Desk cannot start: ${error.message}\n`);
  process.exit(1);
}
