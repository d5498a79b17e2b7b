/** The HTTP status of a failed octokit request, or undefined when the error is not one. */
export function requestStatus(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('status' in error)) return undefined;
  const { status } = error as { status: unknown };
  return typeof status === 'number' ? status : undefined;
}

/** The message GitHub gave for a failed request, for return values and logs. */
export function requestMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
