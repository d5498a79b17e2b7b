import { findSecret } from './edit-guard-secrets.ts';
import { findStubMarker } from './edit-guard-stub-markers.ts';
import type { AddedLine, EditGuardDecision, EditGuardRule } from './edit-guard-types.ts';

/**
 * The content rules of the edit guard, applied to the lines an edit adds, in line order: no
 * binary content (a NUL byte, or U+FFFD left behind by invalid UTF-8), no secret, no stub marker.
 * A refusal names the line in the new file and the kind of secret, never the secret itself.
 */
export function checkAddedLines(path: string, addedLines: readonly AddedLine[]): EditGuardDecision {
  const shown = JSON.stringify(path);
  for (const { line, text } of addedLines) {
    const where = `${shown} line ${line}`;
    if (text.includes('\0'))
      return deny('binary', path, line, `refused to edit ${where}: it contains a NUL byte, and aos edits text files only`);
    if (text.includes('\uFFFD')) {
      return deny('binary', path, line, `refused to edit ${where}: it contains U+FFFD, the mark of bytes that are not valid UTF-8`);
    }
    const secret = findSecret(text);
    if (secret !== null) {
      return deny(
        'secret',
        path,
        line,
        `refused to edit ${shown}: it would add ${secret.description} (${secret.name}) on line ${line}; secrets never go into the repository, read them from configuration instead`,
      );
    }
    const marker = findStubMarker(text);
    if (marker !== null) {
      return deny(
        'stub_marker',
        path,
        line,
        `refused to edit ${where}: it adds the stub marker ${JSON.stringify(marker)}; write the finished code instead`,
      );
    }
  }
  return { allow: true };
}

function deny(rule: EditGuardRule, path: string, line: number, reason: string): EditGuardDecision {
  return { allow: false, rule, path, reason, line };
}
