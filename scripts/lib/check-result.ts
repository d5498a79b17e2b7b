/** One check of the contract validator. */
export interface CheckResult {
  id: string;
  title: string;
  status: 'pass' | 'fail';
  /** A short summary of what was checked. */
  details: string;
  /** One line per failure; empty when the check passed. */
  failures: string[];
}

/** A check result whose status follows from its failures. */
export function checkResult(id: string, title: string, details: string, failures: string[]): CheckResult {
  return { id, title, status: failures.length === 0 ? 'pass' : 'fail', details, failures };
}
