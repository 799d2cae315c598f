import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log';
import { GuildFiles } from '../../src/store/guildFiles';

interface Counter {
  version: 1;
  count: number;
}
const kind = {
  folder: 'counters',
  empty: (): Counter => ({ version: 1, count: 0 }),
  isValid: (data: unknown): data is Counter => (data as Counter)?.version === 1,
  copy: (data: Counter) => ({ ...data }),
};
const G = '2000000000000000001';

describe('GuildFiles: one file per guild, opened once', () => {
  it('names files guild-<id>.json and dm.json, hands out one store per guild, and lists the guilds on disk', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pd-guildfiles-'));
    const files = new GuildFiles(dir, kind, silentLogger);
    expect(await files.guildsOnDisk()).toEqual([]);
    const guild = await files.file(G);
    expect(await files.file(G)).toBe(guild);
    await guild.update((data) => void (data.count = 2));
    await (await files.file(null)).update((data) => void (data.count = 1));
    writeFileSync(join(dir, 'counters', 'notes.json'), '{}');
    expect((await files.guildsOnDisk()).sort()).toEqual([G, null].sort());
    expect(guild.file).toBe(join(dir, 'counters', `guild-${G}.json`));
    // Another instance on the folder (a restart) reads what was written.
    expect((await new GuildFiles(dir, kind, silentLogger).file(G)).data.count).toBe(2);
  });

  it('does not keep a failed open: the next call tries again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pd-guildfiles-'));
    // A file where the folder should be: the open fails.
    writeFileSync(join(dir, 'counters'), 'in the way');
    const files = new GuildFiles(dir, kind, silentLogger);
    await expect(files.file(G)).rejects.toThrow(/could not open/);
    rmSync(join(dir, 'counters'));
    mkdirSync(join(dir, 'counters'));
    expect((await files.file(G)).data.count).toBe(0);
  });
});
