import type { ConfigProblem } from '../../config/index.ts';
import { codeCell } from '../github/markdown-cell.ts';
import { renderUntrustedText } from '../github/render-untrusted-text.ts';

/** A long list helps nobody; the first problems are enough to start fixing. */
const MAX_LISTED = 20;

/** Inline code that cannot be broken out of, and whose content is inert. */
const code = (text: string) => codeCell(text.slice(0, 200));

/** Text from the file (keys, parser messages) quotes its author: one line, rendered inert. */
const plain = (text: string) => renderUntrustedText(text.replace(/[\r\n]+/g, ' ').slice(0, 500));

/** One bullet: where (line, YAML path) and what is wrong. */
function bullet({ line, path, problem }: ConfigProblem): string {
  const where = [line === undefined ? undefined : `line ${line}`, path === '' ? undefined : code(path)].filter(
    (part) => part !== undefined,
  );
  return `- ${where.length > 0 ? `${where.join(', ')}: ` : ''}${plain(problem)}`;
}

/**
 * The comment body for an invalid `.github/aos.yml`: what is wrong, where in the file, and that
 * nothing was run (aos does not fall back to its defaults while the file is invalid).
 */
export function formatSettingsError(file: string, defaultBranch: string, problems: readonly ConfigProblem[]): string {
  const listed = problems.slice(0, MAX_LISTED).map(bullet);
  if (problems.length > MAX_LISTED) listed.push(`- … and ${problems.length - MAX_LISTED} more`);
  return [
    `**aos did not run: ${code(file)} on ${code(defaultBranch)} is invalid.**`,
    '',
    ...listed,
    '',
    `Nothing was run. Fix ${code(file)} on the default branch and comment the command again; aos does not fall back to its defaults while the file is invalid.`,
  ].join('\n');
}
