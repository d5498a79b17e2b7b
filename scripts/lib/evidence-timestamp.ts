import fs from 'node:fs';
import type { CsvTable } from './parse-csv.ts';

/** When an evidence file was measured, and where that time comes from. */
export interface EvidenceTime {
  timestamp: string | null;
  source: 'csv_timestamp_column' | 'report_start_time' | 'file_mtime' | 'none';
}

/** The latest `timestamp` cell of a CSV, or the file's modification time when it has no such column. */
export function csvTimestamp(table: CsvTable, file: string): EvidenceTime {
  if (table.header.includes('timestamp')) {
    const times = table.rows.map((row) => Date.parse(row.timestamp ?? '')).filter((time) => !Number.isNaN(time));
    if (times.length > 0) return { timestamp: new Date(Math.max(...times)).toISOString(), source: 'csv_timestamp_column' };
  }
  return fileTime(file);
}

/** The file's modification time, or none when it does not exist. */
export function fileTime(file: string): EvidenceTime {
  if (!fs.existsSync(file)) return { timestamp: null, source: 'none' };
  return { timestamp: fs.statSync(file).mtime.toISOString(), source: 'file_mtime' };
}
