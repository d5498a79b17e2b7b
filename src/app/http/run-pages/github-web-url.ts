/**
 * The web root that issue and pull request links point to: `https://github.com`, or the
 * GitHub Enterprise host from Probot's `GHE_HOST` and `GHE_PROTOCOL`.
 */
export function githubWebUrl(options: { gheHost?: string | undefined; gheProtocol?: string | undefined } = {}): string {
  return options.gheHost ? `${options.gheProtocol ?? 'https'}://${options.gheHost}` : 'https://github.com';
}
