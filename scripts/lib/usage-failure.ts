/** Bad usage or input of a script (a missing or invalid file, an unknown option): exit code 2. */
export class UsageFailure extends Error {
  override name = 'UsageFailure';
}
