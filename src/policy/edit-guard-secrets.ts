import { SECRET_PATTERNS } from '../observability/secret-patterns.ts';

/** A secret found in a line: which kind, never the value. */
export interface FoundSecret {
  /** The `SECRET_PATTERNS` name, e.g. `aws-access-key-id`. */
  name: string;
  /** A phrase for messages, e.g. "an AWS access key id". */
  description: string;
}

const DESCRIPTIONS: Readonly<Record<string, string>> = {
  'private-key': 'a private key block',
  'url-credentials': 'a password inside a URL',
  'slack-webhook': 'a Slack webhook URL',
  'authorization-header': 'an Authorization header value',
  'bearer-token': 'a bearer token',
  'aws-secret-access-key': 'an AWS secret access key',
  'aws-access-key-id': 'an AWS access key id',
  'github-token': 'a GitHub token',
  'github-pat': 'a GitHub personal access token',
  'anthropic-key': 'an Anthropic API key',
  'openai-key': 'an OpenAI API key',
  jwt: 'a JSON Web Token',
};

/**
 * The first secret (see `SECRET_PATTERNS`) in one line of text, or null. A match whose secret part
 * is an interpolation or placeholder (`${password}`, `{{ token }}`, `<token>`, `%s`, `$TOKEN`)
 * does not count: code that builds a header or URL from a variable holds no secret.
 */
export function findSecret(text: string): FoundSecret | null {
  for (const { name, pattern } of SECRET_PATTERNS) {
    const match = pattern.exec(text);
    if (match === null || isPlaceholder(secretPart(match))) continue;
    return { name, description: DESCRIPTIONS[name] ?? `a secret (${name})` };
  }
  return null;
}

function secretPart(match: RegExpExecArray): string {
  let kept = 0;
  for (const [group, value] of Object.entries(match.groups ?? {})) {
    if (group.startsWith('keep') && typeof value === 'string') kept += value.length;
  }
  return match[0].slice(kept);
}

function isPlaceholder(value: string): boolean {
  return /^[$%<{]/.test(value) || value.includes('${') || value.includes('{{');
}
