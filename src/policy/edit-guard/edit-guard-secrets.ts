import { SECRET_PATTERNS } from '../../config/secret-patterns.ts';
import { isSecretPlaceholder } from './secret-placeholder.ts';

/** A secret found in a line: which kind, never the value. */
export interface FoundSecret {
  /** The `SECRET_PATTERNS` name, e.g. `aws-access-key-id`. */
  name: string;
  /** A phrase for messages, e.g. "an AWS access key id". */
  description: string;
}

const DESCRIPTIONS: Readonly<Record<string, string>> = {
  'private-key': 'a private key block',
  'private-key-body': 'a private key (DER in base64, without PEM lines)',
  'url-credentials': 'a password inside a URL',
  'url-query-credentials': 'a token or secret in a URL query',
  'slack-webhook': 'a Slack webhook URL',
  'authorization-header': 'an Authorization header value',
  'bearer-token': 'a bearer token',
  'aws-secret-access-key': 'an AWS secret access key',
  'azure-storage-key': 'an Azure account key',
  'aws-access-key-id': 'an AWS access key id',
  'github-token': 'a GitHub token',
  'github-pat': 'a GitHub personal access token',
  'gitlab-token': 'a GitLab personal access token',
  'slack-token': 'a Slack token',
  'stripe-key': 'a Stripe live key',
  'google-api-key': 'a Google API key',
  'npm-token': 'an npm access token',
  'anthropic-key': 'an Anthropic API key',
  'openai-key': 'an OpenAI API key',
  jwt: 'a JSON Web Token',
};

// Global copies for `matchAll`: a line may hold a placeholder and, further on, a real secret of
// the same kind.
const GLOBAL_PATTERNS = SECRET_PATTERNS.map(({ name, pattern }) => ({ name, pattern: new RegExp(pattern.source, `${pattern.flags}g`) }));

/**
 * The first secret (see `SECRET_PATTERNS`) in one line of text, or null. A match whose secret part
 * is a placeholder (see `isSecretPlaceholder`: `${password}`, `{{ token }}`, `<token>`, `%s`,
 * `$TOKEN`, `password`, `changeme`) does not count: code that builds a header or URL from a
 * variable, or a documented example, holds no secret.
 */
export function findSecret(text: string): FoundSecret | null {
  for (const { name, pattern } of GLOBAL_PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      if (isSecretPlaceholder(secretPart(match))) continue;
      return { name, description: DESCRIPTIONS[name] ?? `a secret (${name})` };
    }
  }
  return null;
}

function secretPart(match: RegExpExecArray | RegExpMatchArray): string {
  let kept = 0;
  for (const [group, value] of Object.entries(match.groups ?? {})) {
    if (group.startsWith('keep') && typeof value === 'string') kept += value.length;
  }
  return match[0].slice(kept);
}
