/**
 * Splits `name@range` into its parts, keeping an npm scope in the name (`@babel/core@^7.0.0` →
 * `@babel/core`, `^7.0.0`). A descriptor without a range yields an empty range.
 */
export function splitNpmDescriptor(descriptor: string): { name: string; range: string } {
  const at = descriptor.indexOf('@', descriptor.startsWith('@') ? 1 : 0);
  if (at <= 0) return { name: descriptor, range: '' };
  return { name: descriptor.slice(0, at), range: descriptor.slice(at + 1) };
}
