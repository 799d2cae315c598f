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
import { checkFolders, StartupError } from './startupFolders';

const USAGE = `usage: npm run ask -- "your question" [--json] [--article ID]
  --json        print one JSON object (question, tier, confidence, quotes with their offsets) instead of text
  --article ID  answer from that article only
  --help        this text
`;

function parsed() {
  try {
    return parseArgs({
      allowPositionals: true,
      options: { json: { type: 'boolean', default: false }, article: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    // An unknown option or a missing value: say which, then how to call it, rather than a stack trace.
    process.stderr.write(`${(error as Error).message}\n${USAGE}`);
    process.exit(2);
  }
}

const { values, positionals } = parsed();
if (values.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}
const question = positionals.join(' ');
if (!question.trim()) {
  process.stderr.write(USAGE);
  process.exit(2);
}
try {
  loadDotEnv();
  const config = loadConfig();
  await checkFolders({ articlesDir: config.articlesDir });
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
  if (!(error instanceof ConfigError) && !(error instanceof StartupError)) throw error;
  process.stderr.write(`Policy Desk cannot start: ${error.message}\n`);
  process.exit(1);
}
