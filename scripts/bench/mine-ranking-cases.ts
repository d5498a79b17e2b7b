/**
 * Builds the context-ranking development set from the histories of fetched public repositories
 * (bare mirrors under `--mirrors`, default /work/.mirror, as `<owner>+<name>/repo`): fix commits
 * (the subject says fix, bug or issue, in at least four words beyond a conventional prefix; not a
 * dependency, docs, typo, lint, revert or CI change; built `dist/` files and `*.generated.*` are not gold) that modify 1-4 non-test source files, all present in
 * the parent, and touch at most 20 files in all. Newest first, at most `PER_REPO` per repository.
 * The split is by the commit id, so it never changes: first hex digit 0-7 DEV, 8-f HELD-OUT.
 * Writes test/fixtures/ranking-dev-set/cases.json: ids, task text and gold paths only, no code.
 */
import fs from 'node:fs';
import { execFileSync } from 'node:child_process';
import { isTestPath } from '../../src/agents/context/is-test-path.ts';
import { mirrorPath, RANKING_CASES_FILE, type RankingCase } from './lib/ranking-cases.ts';

const REPOS = [
  'probot/probot',
  'octokit/webhooks.js',
  'release-drafter/release-drafter',
  'sindresorhus/ky',
  'sindresorhus/got',
  'expressjs/express',
  'axios/axios',
  'fastify/fastify',
  'eslint/eslint',
  'vitejs/vite',
  'pallets/flask',
  'pallets/click',
  'psf/requests',
  'encode/httpx',
  'tiangolo/typer',
  'pydantic/pydantic',
  'pallets/werkzeug',
];
const PER_REPO = 12;
const SOURCE = /\.(?:ts|tsx|mts|cts|js|mjs|cjs|py)$/;
const NOT_SOURCE_DIRS = /(?:^|\/)(?:docs?|examples?|benchmarks?|scripts|\.github|docs_src|types\/test|dist|build|playground)\//;
const FIX = /\b(?:fix|fixes|fixed|fixing|bug|bugs|issue)\b/i;
const SKIP =
  /\b(?:deps|dependency|dependencies|bump|typo|typos|lint|linting|ci|docs?|readme|changelog|release|codespell|ruff|format|formatting|revert)\b/i;
const TRAILER = /^(?:[A-Z][\w-]*-by|Co-authored-by|Signed-off-by|Reviewed-by|Fixes|Closes|Refs?|Change-Id):/i;

function git(dir: string, args: string[]): string {
  return execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
}

/** The subject without `fix(scope):` and similar prefixes, for the word count. */
const subjectWords = (subject: string): string[] =>
  subject
    .replace(/^[\w-]+(?:\([^)]*\))?!?:\s*/, '')
    .split(/\s+/)
    .filter((word) => /[A-Za-z]/.test(word));

function taskText(message: string): string {
  const lines = message.split('\n').filter((line) => !TRAILER.test(line.trim()));
  return lines.join('\n').trim().slice(0, 4000);
}

function mine(root: string, repo: string): RankingCase[] {
  const dir = mirrorPath(root, repo);
  const log = git(dir, ['log', '--no-merges', '--no-renames', '--format=%x1e%H %P%x1f%B%x1f', '--name-status', 'HEAD']);
  const cases: RankingCase[] = [];
  for (const record of log.split('\x1e').slice(1)) {
    const [ids = '', message = '', status = ''] = record.split('\x1f');
    const [commit = '', parent = '', extra] = ids.trim().split(' ');
    const subject = message.split('\n')[0] ?? '';
    if (extra !== undefined || parent === '' || !FIX.test(subject) || SKIP.test(subject) || subjectWords(subject).length < 4) continue;
    const changes = status
      .trim()
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => line.split('\t') as [string, string]);
    if (changes.length === 0 || changes.length > 20) continue;
    const sources = changes.filter(
      ([, file]) => SOURCE.test(file) && !isTestPath(file) && !NOT_SOURCE_DIRS.test(file) && !file.includes('.generated.'),
    );
    if (sources.length < 1 || sources.length > 4 || sources.some(([kind]) => kind !== 'M')) continue;
    const gold = sources.map(([, file]) => file).sort();
    // A fix cherry-picked onto another branch is the same case twice.
    if (cases.some((entry) => entry.task === taskText(message) && entry.gold.join() === gold.join())) continue;
    const split = parseInt(commit[0] ?? '0', 16) < 8 ? 'dev' : 'held-out';
    cases.push({ repo, commit, parent, task: taskText(message), gold, split });
    if (cases.length >= PER_REPO) break;
  }
  return cases;
}

function main(): void {
  const at = process.argv.indexOf('--mirrors');
  const root = at > 0 ? (process.argv[at + 1] ?? '/work/.mirror') : '/work/.mirror';
  const missing = REPOS.filter((repo) => !fs.existsSync(mirrorPath(root, repo)));
  if (missing.length > 0) {
    console.error(`missing mirrors under ${root}: ${missing.join(', ')}`);
    process.exit(2);
  }
  const cases = REPOS.flatMap((repo) => mine(root, repo));
  fs.mkdirSync('test/fixtures/ranking-dev-set', { recursive: true });
  fs.writeFileSync(RANKING_CASES_FILE, `${JSON.stringify(cases, null, 2)}\n`);
  for (const repo of REPOS) console.log(`${repo}: ${cases.filter((entry) => entry.repo === repo).length} cases`);
  const dev = cases.filter((entry) => entry.split === 'dev').length;
  console.log(`${cases.length} cases (${dev} dev, ${cases.length - dev} held-out) written to ${RANKING_CASES_FILE}`);
}

main();
