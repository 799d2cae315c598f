import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT } from '../helpers/runScript';

const read = (name: string) => readFileSync(join(ROOT, name), 'utf8');

describe('compose.yaml and the documents about .env agree', () => {
  // Compose's `environment:` wins over `env_file:`: a setting it fixes is silently not read from .env.
  const service = parse(read('compose.yaml')).services['policy-desk'];
  const environment = Object.entries(service.environment as Record<string, string>);
  const fixed = environment.filter(([, value]) => !String(value).includes('${')).map(([name]) => name);
  const fromEnv = environment.filter(([, value]) => String(value).includes('${')).map(([name]) => name);

  it('names every setting compose.yaml fixes, in .env.example and in the README, as not read from .env there', () => {
    expect(fixed.length).toBeGreaterThan(0);
    const header = read('.env.example').split('\nDISCORD_TOKEN=')[0]!;
    const docker = /### Docker\n([\s\S]*?)\n### /.exec(read('README.md'))![1]!;
    for (const name of fixed) {
      expect(header).toMatch(new RegExp(`environment:.*[\\s\\S]*\\b${name}\\b[\\s\\S]*whatever this file says`));
      expect(docker).toMatch(new RegExp(`\\b${name}\\b[^.]*set in \`\\.env\` are not used there`));
    }
  });

  it('takes the settings it does not fix from .env, with a default, and publishes the port it serves on', () => {
    for (const name of fromEnv) expect(service.environment[name]).toMatch(new RegExp(`^\\$\\{${name}:-[^}]+\\}$`));
    expect(service.ports).toContain(`127.0.0.1:${service.environment.METRICS_PORT}:${service.environment.METRICS_PORT}`);
  });
});
