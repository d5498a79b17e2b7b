import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { seededRandom as random } from '../../../test/integration/notify/support/seeded-random.ts';

const SYLLABLES = 'ka lo mi ne pu ra si to vu ze bar cor dex fin gal hum jot kel lum mor nix pol quo rin sul tam ver wex yon zul'.split(
  ' ',
);

/** Path → content of `count` source files in folders of about 100, with `planted` (path → content) among them. */
export function syntheticFiles(count: number, planted: Record<string, string>): Map<string, string> {
  const next = random(17);
  const word = () => Array.from({ length: 2 + Math.floor(next() * 2) }, () => SYLLABLES[Math.floor(next() * SYLLABLES.length)]).join('');
  const files = new Map<string, string>(Object.entries(planted));
  for (let index = 0; files.size < count; index += 1) {
    const name = `${word()}-${word()}`;
    const lines = Array.from(
      { length: 10 + Math.floor(next() * 30) },
      () => `  const ${word()} = ${word()}(${word()}, ${Math.floor(next() * 1000)});`,
    );
    const content = `export function ${word()}${index}(): void {\n${lines.join('\n')}\n}\n`;
    files.set(`packages/${word()}-${Math.floor(index / 100)}/src/${name}-${index}.ts`, content);
  }
  return files;
}

/**
 * A real git repository with one commit holding `files`, written with `git fast-import` (no work
 * tree is checked out: the ranking and `git grep` both read the commit from the object database).
 */
export async function createSyntheticGitRepo(files: Map<string, string>): Promise<{ dir: string; ref: string }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'aos-bench-repo-'));
  execFileSync('git', ['init', '-q', '-b', 'main', dir]);
  const importer = spawn('git', ['fast-import', '--quiet'], { cwd: dir, stdio: ['pipe', 'inherit', 'inherit'] });
  const exited = new Promise<number | null>((resolve) => importer.once('exit', resolve));
  const write = (chunk: string) =>
    importer.stdin.write(chunk) ? Promise.resolve() : new Promise<void>((done) => importer.stdin.once('drain', done));
  let mark = 0;
  const marks: Array<[string, number]> = [];
  for (const [file, content] of files) {
    mark += 1;
    marks.push([file, mark]);
    await write(`blob\nmark :${mark}\ndata ${Buffer.byteLength(content)}\n${content}\n`);
  }
  await write('commit refs/heads/main\ncommitter bench <bench@example.invalid> 1700000000 +0000\ndata 6\nbench\n');
  for (const [file, id] of marks) await write(`M 100644 :${id} ${file}\n`);
  importer.stdin.end('\n');
  const code = await exited;
  if (code !== 0) throw new Error(`git fast-import exited with ${code}`);
  return { dir, ref: 'main' };
}
