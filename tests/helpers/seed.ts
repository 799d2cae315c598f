import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { articleFromFileText } from '../../src/library/readArticleFile';

export const SEEDS_DIR = join(import.meta.dirname, '..', '..', 'seeds');
export const SEED_FILE = '000_02b1b7e6bf94f65a.txt';
export const seedText = readFileSync(join(SEEDS_DIR, SEED_FILE), 'utf8');
export const seedArticle = () => articleFromFileText(SEED_FILE, seedText, join(SEEDS_DIR, SEED_FILE));
