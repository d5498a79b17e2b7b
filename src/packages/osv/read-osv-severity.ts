import type { Severity } from './advisory.ts';
import { cvss3BaseScore } from './cvss3-base-score.ts';

const NAMED: Record<string, Severity> = { CRITICAL: 'critical', HIGH: 'high', MODERATE: 'moderate', MEDIUM: 'moderate', LOW: 'low' };

/** The band of a CVSS score: ≥ 9 critical, ≥ 7 high, ≥ 4 moderate, > 0 low. */
export function severityOfScore(score: number): Severity {
  if (score >= 9) return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'moderate';
  return score > 0 ? 'low' : 'unknown';
}

interface OsvRecord {
  database_specific?: { severity?: unknown };
  affected?: Array<{ ecosystem_specific?: { severity?: unknown }; database_specific?: { severity?: unknown } }>;
  severity?: Array<{ type?: string; score?: string }>;
}

/**
 * The severity of an OSV record: the named rating of the record (`database_specific.severity`, as
 * GitHub advisories give it) or of an affected entry, else the highest CVSS 3.x base score of its
 * `severity` vectors. CVSS 4 and 2 vectors alone give `unknown`.
 */
export function readOsvSeverity(record: unknown): { severity: Severity; score?: number } {
  const osv = (record ?? {}) as OsvRecord;
  const named = [
    osv.database_specific?.severity,
    ...(osv.affected ?? []).flatMap((a) => [a.ecosystem_specific?.severity, a.database_specific?.severity]),
  ]
    .map((value) => (typeof value === 'string' ? NAMED[value.toUpperCase()] : undefined))
    .find((value) => value !== undefined);
  const scores = (osv.severity ?? []).map((entry) => {
    const numeric = Number(entry.score);
    return Number.isFinite(numeric) ? numeric : cvss3BaseScore(entry.score ?? '');
  });
  const best = Math.max(...scores.filter((score): score is number => score !== null), -1);
  const result: { severity: Severity; score?: number } = { severity: named ?? (best >= 0 ? severityOfScore(best) : 'unknown') };
  if (best >= 0) result.score = best;
  return result;
}
