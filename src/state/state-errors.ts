import { AosError } from '../observability/aos-error.ts';

/** A stored payload whose hash no longer matches: it was changed outside aos and is not served. */
export class StateIntegrityError extends AosError {
  readonly sessionId: string;
  constructor(sessionId: string, expectedHash: string, actualHash: string) {
    super(
      'state_integrity',
      `state for session ${sessionId} failed its integrity check: stored hash ${expectedHash.slice(0, 12)}…, payload hashes to ${actualHash.slice(0, 12)}…; it was changed outside aos and is not used`,
    );
    this.sessionId = sessionId;
  }
}
