import type { Finding } from '../../agents/agent-schemas.ts';
import type { FileDiff } from '../../agents/workspace-types.ts';
import { renderUntrustedText, type LinkableRepository } from './render-untrusted-text.ts';

/** An inline review comment as `pulls.createReview` takes it. */
export interface InlineComment {
  path: string;
  line: number;
  side: 'RIGHT';
  body: string;
}

/** Findings split into those GitHub can show on the diff and the rest. */
export interface PlacedFindings {
  inline: InlineComment[];
  /** Findings about a line outside the diff, a whole file (line 0), or beyond the inline cap. */
  outside: Finding[];
}

/** At most this many inline comments per review; the rest go into the review body. */
export const MAX_INLINE_COMMENTS = 50;

const SEVERITY_ORDER = { blocker: 0, major: 1, minor: 2, nit: 3 } as const;

/** Whether GitHub accepts a RIGHT-side comment on `line`: it is in a hunk's new-side range (added or context). */
function inDiff(file: FileDiff | undefined, line: number): boolean {
  if (file === undefined || file.status === 'deleted' || line < 1) return false;
  return file.hunks.some(
    (hunk) => hunk.addedLines.includes(line) || (hunk.newLines > 0 && line >= hunk.newStart && line <= hunk.newStart + hunk.newLines - 1),
  );
}

/** The text of an inline comment: the model's message through `renderUntrustedText`. */
export function inlineCommentBody(finding: Finding, repository?: LinkableRepository): string {
  return `**${finding.severity}**: ${renderUntrustedText(finding.message, repository)}`;
}

/**
 * Decides where each finding goes: an inline comment when its line is on the new side of a hunk
 * of that file's diff, else the review body, so a finding about an untouched line never makes
 * GitHub refuse the whole review. The most severe go first; duplicates are dropped; at most
 * `maxInline` are placed inline. `repository` keeps links to its own files in the comments.
 */
export function placeFindings(
  findings: readonly Finding[],
  diff: readonly FileDiff[],
  maxInline = MAX_INLINE_COMMENTS,
  repository?: LinkableRepository,
): PlacedFindings {
  const files = new Map(diff.map((file) => [file.path, file]));
  const seen = new Set<string>();
  const unique = findings.filter((finding) => {
    const key = `${finding.path}\0${finding.line}\0${finding.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const sorted = unique
    .map((finding, index) => ({ finding, index }))
    .sort((a, b) => SEVERITY_ORDER[a.finding.severity] - SEVERITY_ORDER[b.finding.severity] || a.index - b.index);
  const placed: PlacedFindings = { inline: [], outside: [] };
  for (const { finding } of sorted) {
    if (placed.inline.length < maxInline && inDiff(files.get(finding.path), finding.line)) {
      placed.inline.push({ path: finding.path, line: finding.line, side: 'RIGHT', body: inlineCommentBody(finding, repository) });
    } else {
      placed.outside.push(finding);
    }
  }
  return placed;
}
