import path from 'node:path';

/** Where evidence files are looked for. */
export interface EvidenceLocator {
  /** The project root; paths in the targets file are relative to it. */
  root: string;
  /** Replaces the leading `metrics/` of CSV paths (tests point it at synthetic CSVs). */
  metricsDir?: string | undefined;
  /** Replaces the path of vitest's JSON report. */
  vitestReport?: string | undefined;
}

/** The absolute path of an evidence file named in the targets file. */
export function locateEvidence(named: string, locator: EvidenceLocator, kind: 'csv' | 'report' = 'csv'): string {
  if (kind === 'report' && locator.vitestReport) return path.resolve(locator.vitestReport);
  const normalized = named.replaceAll('\\', '/');
  if (kind === 'csv' && locator.metricsDir && normalized.startsWith('metrics/'))
    return path.resolve(locator.metricsDir, normalized.slice('metrics/'.length));
  return path.resolve(locator.root, named);
}

/** How an evidence path is written in the gate file: relative to the root when inside it. */
export function displayPath(absolute: string, root: string): string {
  const relative = path.relative(path.resolve(root), absolute);
  return relative.startsWith('..') || path.isAbsolute(relative) ? absolute : relative.split(path.sep).join('/');
}
