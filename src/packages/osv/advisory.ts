/** Severity bands, as GitHub advisories name them. */
export type Severity = 'critical' | 'high' | 'moderate' | 'low' | 'unknown';

/** One OSV record that affects a dependency's version. */
export interface Advisory {
  /** OSV id: `GHSA-…`, `PYSEC-…`, `MAL-…` (malicious package). */
  id: string;
  aliases: string[];
  summary: string;
  severity: Severity;
  /** CVSS base score when it was computed or given. */
  score?: number;
  /** True for malicious-package records (`MAL-` id or alias). */
  malware: boolean;
  /** Set when the record's details could not be fetched: severity is then unknown. */
  detailsError?: string;
}

/** The vulnerability answer for one package version. */
export type VulnerabilityLookup = { status: 'checked'; advisories: Advisory[] } | { status: 'unverifiable'; reason: string };
