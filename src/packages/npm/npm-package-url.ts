/**
 * The packument URL of `name` under `registry` (which may carry a path, as Artifactory and Nexus
 * mirrors do). A scoped name keeps its `@` and has its slash encoded: `@scope%2fname`.
 */
export function npmPackageUrl(registry: string, name: string): string {
  const escaped = name.startsWith('@') ? `@${encodeURIComponent(name.slice(1))}`.replace(/%2F/g, '%2f') : encodeURIComponent(name);
  return `${registry.replace(/\/+$/, '')}/${escaped}`;
}
