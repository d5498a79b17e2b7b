import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createRepoCache } from '#src/workspace/create-repo-cache.ts';
import { githubTarEntries, tarGz } from '../../helpers/tar-archive.ts';

const SCENARIO_TIMEOUT_MS = 240_000;
const keyOf = (n: number) => `octo.demo.${String(n).padStart(40, '0')}`;
const filesOf = (tag: string): Array<[string, string]> => [
  ['README.md', `# ${tag}\n`],
  ['src/a.ts', `export const a = '${tag}';\n`],
  ['src/b.ts', `export const b = '${tag}';\n`],
];

describe('the on-disk repository cache', () => {
  const folders: string[] = [];
  const scratch = () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'aos-repo-cache-'));
    folders.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
  });
  /** A download that counts how often it was asked for. */
  const downloader = (tag: string) => {
    const counter = {
      calls: 0,
      download: async () => (counter.calls++, Readable.from(await tarGz(githubTarEntries('top', 'sha', filesOf(tag))))),
    };
    return counter;
  };
  const entriesOf = (dir: string) => readdirSync(dir).sort();

  it('unpacks a tree once; a later open on the same key, even from another cache on the folder, downloads nothing', async () => {
    const dir = scratch();
    const first = downloader('one');
    const opened = await createRepoCache({ dir, maxBytes: 10 * 1024 ** 2 }).open(keyOf(1), first.download);
    expect(opened.downloaded).toBe(true);
    expect(opened.entries.map((entry) => entry.path)).toEqual(['README.md', 'src/a.ts', 'src/b.ts']);
    const again = await createRepoCache({ dir, maxBytes: 10 * 1024 ** 2 }).open(keyOf(1), first.download);
    expect(again.downloaded).toBe(false);
    expect((await again.read('src/a.ts')).toString()).toBe("export const a = 'one';\n");
    expect(first.calls).toBe(1);
  });

  it('evicts the least recently used trees down to the cap, a use counting as recent', async () => {
    const dir = scratch();
    // Each tree takes three 4 KB blocks and its manifest: two fit under 30,000 bytes, three do not.
    const cache = createRepoCache({ dir, maxBytes: 30_000 });
    await cache.open(keyOf(1), downloader('a').download);
    await cache.open(keyOf(2), downloader('b').download);
    const past = (seconds: number) => new Date(Date.now() - seconds * 1000);
    utimesSync(path.join(dir, keyOf(1)), past(2000), past(2000));
    utimesSync(path.join(dir, keyOf(2)), past(1000), past(1000));
    // Using the older tree makes it the most recent one; the other is now the least recently used.
    const reused = await cache.open(keyOf(1), downloader('never').download);
    expect(reused.downloaded).toBe(false);
    await cache.open(keyOf(3), downloader('c').download);
    expect(entriesOf(dir)).toEqual([keyOf(1), keyOf(3)]);
    expect((await reused.read('README.md')).toString()).toBe('# a\n');
  });

  it('ends two concurrent loaders of one key with one complete entry that both read correctly', async () => {
    const dir = scratch();
    const a = downloader('same');
    const b = downloader('same');
    const [one, two, three] = await Promise.all([
      createRepoCache({ dir, maxBytes: 10 * 1024 ** 2 }).open(keyOf(7), a.download),
      createRepoCache({ dir, maxBytes: 10 * 1024 ** 2 }).open(keyOf(7), b.download),
      createRepoCache({ dir, maxBytes: 10 * 1024 ** 2 }).open(keyOf(7), b.download),
    ]);
    expect(entriesOf(dir)).toEqual([keyOf(7)]);
    for (const tree of [one!, two!, three!]) expect((await tree.read('src/b.ts')).toString()).toBe("export const b = 'same';\n");
    // The second and third calls share one cache instance: one download between them.
    expect(b.calls).toBeLessThanOrEqual(2);
  });

  it('shares one download between concurrent opens of one cache', async () => {
    const dir = scratch();
    const cache = createRepoCache({ dir, maxBytes: 10 * 1024 ** 2 });
    const counted = downloader('x');
    await Promise.all([cache.open(keyOf(8), counted.download), cache.open(keyOf(8), counted.download)]);
    expect(counted.calls).toBe(1);
  });

  it(
    'leaves nothing a later run uses when a worker is killed mid-download; the later run downloads again, works, and removes the remains',
    async () => {
      const dir = scratch();
      const child = spawn('node', ['--import', 'tsx', 'test/fixtures/scripts/repo-cache-crash-worker.ts', dir, keyOf(9)], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const signal = await new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, exitSignal) => resolve(exitSignal)));
      expect(signal).toBe('SIGKILL');
      const temp = /UNPACKING (\S+)/.exec(output)?.[1];
      expect(temp).toBeDefined();
      // What the dead worker left: its half-written temp folder only.
      expect(entriesOf(dir)).toEqual([temp]);

      const later = downloader('fresh');
      const tree = await createRepoCache({ dir, maxBytes: 10 * 1024 ** 2 }).open(keyOf(9), later.download);
      expect(later.calls).toBe(1);
      expect(tree.downloaded).toBe(true);
      expect(tree.entries.map((entry) => entry.path)).toEqual(['README.md', 'src/a.ts', 'src/b.ts']);
      expect((await tree.read('src/a.ts')).toString()).toBe("export const a = 'fresh';\n");
      expect(existsSync(path.join(dir, temp!))).toBe(false);
      expect(entriesOf(dir)).toEqual([keyOf(9)]);
    },
    SCENARIO_TIMEOUT_MS,
  );
});
