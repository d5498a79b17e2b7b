const MAX_SLUG = 40;

/**
 * The branch `aos plan` commits to: `aos/<slug>-<4 hex of the run id>`. The slug is the task in
 * lowercase a-z, 0-9 and `-` (accents dropped, everything else a dash), at most 40 characters;
 * the run id part keeps two runs of the same task apart.
 */
export function branchNameForTask(task: string, runId: string): string {
  const slug =
    task
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+/, '')
      .slice(0, MAX_SLUG)
      .replace(/-+$/, '') || 'task';
  const suffix = runId
    .replace(/[^0-9a-f]/gi, '')
    .toLowerCase()
    .slice(0, 4)
    .padEnd(4, '0');
  return `aos/${slug}-${suffix}`;
}
