import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { articleFromFileText } from '../../src/library/readArticleFile';

export const SEEDS_DIR = join(import.meta.dirname, '..', '..', 'seeds');
export const SEED_FILE = '000_02b1b7e6bf94f65a.txt';
export const seedText = readFileSync(join(SEEDS_DIR, SEED_FILE), 'utf8');
export const seedArticle = () => articleFromFileText(SEED_FILE, seedText, join(SEEDS_DIR, SEED_FILE));

/**
 * The article files the repository ships in seeds/. Tests copy these by name, never the whole folder:
 * a user drops articles there (README, Articles), and their library must not change a test's result.
 */
export const SHIPPED_SEEDS = [SEED_FILE];

/** A fresh temporary folder holding the shipped seed articles only. */
export function shippedSeedsDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pd-seeds-'));
  for (const name of SHIPPED_SEEDS) copyFileSync(join(SEEDS_DIR, name), join(dir, name));
  return dir;
}
