import type { ProviderName } from '../../config/provider-name.ts';
import { AosError } from '../../observability/aos-error.ts';

/** One provider residency blocked, and why. */
export interface BlockedProvider {
  provider: ProviderName;
  reason: string;
}

/**
 * No provider is left for a call once residency has removed the non-compliant ones: the call is
 * refused before any network traffic. Not retryable: only a configuration change helps. The
 * message lists every blocked provider and is written to be posted as a GitHub comment.
 */
export class ResidencyViolation extends AosError {
  readonly blocked: readonly BlockedProvider[];

  constructor(blocked: readonly BlockedProvider[]) {
    const lines =
      blocked.length > 0
        ? blocked.map(({ provider, reason }) => `- **${provider}**: ${reason}`)
        : ['- no provider is configured for this task'];
    super(
      'residency_violation',
      [
        'EU data residency blocked this model call: no provider for this task is compliant with configs/vendor_residency.yaml, so nothing was sent.',
        ...lines,
        'Fix the endpoints or vendor settings above (or run `npx aos check-residency` to see every vendor), then try again.',
      ].join('\n'),
      { retryable: false },
    );
    this.blocked = blocked;
  }
}
