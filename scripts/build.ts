/**
 * npm run build [-- --outdir DIR]: the bot as plain JavaScript in dist/, to run
 * with `node dist/main.js` and only the production dependencies installed.
 *
 * esbuild bundles src/ and commands/ and leaves node_modules as imports, so the
 * sources keep their extensionless imports. Code splitting makes the command
 * files (loaded from dist/commands/ at run time, as from commands/ in
 * development) share one copy of every module with the entry points: one
 * UserError class, one word vectors cache.
 */
import { build } from 'esbuild';
import { copyFileSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { commandsDirAbove } from '../src/command/load';

const ROOT = resolve(import.meta.dirname, '..');
const { values } = parseArgs({ options: { outdir: { type: 'string', default: join(ROOT, 'dist') } } });
const outdir = resolve(values.outdir);

const commandEntries = Object.fromEntries(
  readdirSync(join(ROOT, 'commands'))
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
    .map((file) => [`commands/${file.slice(0, -3)}`, join(ROOT, 'commands', file)]),
);

rmSync(outdir, { recursive: true, force: true });
const result = await build({
  absWorkingDir: ROOT,
  entryPoints: {
    main: 'src/main.ts',
    'deploy-commands': 'src/discord/deploy.ts',
    ask: 'src/cli.ts',
    ...commandEntries,
  },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  chunkNames: 'chunks/[name]-[hash]',
  sourcemap: true,
  metafile: true,
  logLevel: 'warning',
});

// Files read at run time are found beside the module that reads them (import.meta.url),
// which in the build is whichever output holds that module.
function outputHolding(source: string): string {
  const found = Object.entries(result.metafile.outputs).find(([file, output]) => file.endsWith('.js') && source in output.inputs);
  if (!found) throw new Error(`build: no output holds ${source}`);
  return resolve(ROOT, found[0]);
}

copyFileSync(join(ROOT, 'src/search/wordVectors.bin'), join(dirname(outputHolding('src/search/wordVectors.ts')), 'wordVectors.bin'));

// The loader looks for the nearest commands/ folder above its own file.
const loaderFile = outputHolding('src/command/load.ts');
if (commandsDirAbove(loaderFile) !== join(outdir, 'commands')) {
  throw new Error(
    `build: src/command/load.ts landed in ${relative(ROOT, loaderFile)}, from where the nearest commands/ is not the built commands`,
  );
}

// node dist/main.js runs with `npm ci --omit=dev`: a development package imported from src/ would only fail there.
const { dependencies = {} } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
const packageName = (path: string) =>
  path
    .split('/')
    .slice(0, path.startsWith('@') ? 2 : 1)
    .join('/');
const notProduction = new Set(
  Object.values(result.metafile.outputs)
    .flatMap((output) => output.imports)
    .filter((imported) => imported.external && !isBuiltin(imported.path) && !(packageName(imported.path) in dependencies))
    .map((imported) => packageName(imported.path)),
);
if (notProduction.size > 0)
  throw new Error(
    `build: the bot imports ${[...notProduction].join(', ')}, which ${notProduction.size === 1 ? 'is not a production dependency' : 'are not production dependencies'} in package.json`,
  );

process.stdout.write(
  `Built ${Object.keys(result.metafile.outputs).filter((file) => file.endsWith('.js')).length} files into ${relative(process.cwd(), outdir) || '.'}.\n`,
);
