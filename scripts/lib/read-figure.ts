import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { csvTimestamp, fileTime, type EvidenceTime } from './evidence-timestamp.ts';
import { missing, type FigureReading } from './figure-reading.ts';
import { displayPath, locateEvidence, type EvidenceLocator } from './locate-evidence.ts';
import { readCsvFile } from './read-csv-file.ts';
import { readCsvFigure } from './read-csv-figure.ts';
import { readVitestReport } from './read-vitest-report.ts';
import type { FigureRead } from './targets-schema.ts';

/** A figure's reading together with the evidence file it came from. */
export interface LocatedReading extends FigureReading {
  evidence: { path: string; exists: boolean } & EvidenceTime;
}

function configKeys(file: string, key: string): string[] | string {
  if (!fs.existsSync(file)) return `${file} not found`;
  const document = parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown> | null;
  const mapping = document?.[key];
  if (mapping === null || typeof mapping !== 'object' || Array.isArray(mapping)) return `${file} has no mapping "${key}"`;
  return Object.keys(mapping);
}

/** Reads one figure from the evidence file its `read` names. A missing file gives a missing figure. */
export function readFigure(read: FigureRead, locator: EvidenceLocator): LocatedReading {
  if (read.kind === 'vitest_report') {
    const file = locateEvidence(read.report, locator, 'report');
    const where = { path: displayPath(file, locator.root), exists: fs.existsSync(file) };
    const counts = readVitestReport(file);
    if (!counts)
      return {
        ...missing(
          where.exists
            ? `${where.path} is not a vitest JSON report`
            : `${where.path} not found (run the tests with --reporter=json --outputFile.json=${read.report})`,
        ),
        evidence: { ...where, ...fileTime(file) },
      };
    return {
      value: counts[read.field],
      detail: `${counts.passed} passed, ${counts.failed} failed`,
      evidence: { ...where, ...counts.time },
    };
  }
  const file = locateEvidence(read.csv, locator);
  const shown = displayPath(file, locator.root);
  const table = readCsvFile(file);
  if (!table) return { ...missing(`${shown} not found`), evidence: { path: shown, exists: false, timestamp: null, source: 'none' } };
  const evidence = { path: shown, exists: true, ...csvTimestamp(table, file) };
  if (read.kind !== 'covers_config_keys') return { ...readCsvFigure(table, read), evidence };
  if (!table.header.includes(read.column)) return { ...missing(`column ${read.column} not in the header of ${shown}`), evidence };
  const keys = configKeys(path.resolve(locator.root, read.config), read.config_key);
  if (typeof keys === 'string') return { ...missing(keys), evidence };
  const listed = new Set(table.rows.map((row) => row[read.column]));
  const absent = keys.filter((key) => !listed.has(key));
  const detail =
    absent.length === 0
      ? `all ${keys.length} ${read.config_key} of ${read.config} listed (${keys.join(', ')})`
      : `not listed: ${absent.join(', ')}`;
  return { value: absent.length, detail, evidence };
}
