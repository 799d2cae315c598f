import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { botEnv } from './botEnv';
import { shippedSeedsDir } from './seed';

export const ROOT = join(import.meta.dirname, '..', '..');

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs one of the project's TypeScript entry points as a child process, the way npm scripts do (or, with `compiled`, a built .js file with plain node). */
export function runScript(
  script: string,
  args: string[],
  options: { input?: string; env?: Record<string, string>; timeoutMs?: number; compiled?: boolean } = {},
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...(options.compiled ? [] : ['--import', 'tsx']), join(ROOT, script), ...args], {
      cwd: ROOT,
      env: botEnv({ ARTICLES_DIR: shippedSeedsDir(), ...options.env }),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} did not finish in time; stderr: ${stderr}`));
    }, options.timeoutMs ?? 45_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}
