import fs from 'node:fs';
import { parseCsv, type CsvTable } from './parse-csv.ts';

/** The CSV at `file`, or null when there is no such file. */
export function readCsvFile(file: string): CsvTable | null {
  if (!fs.existsSync(file)) return null;
  return parseCsv(fs.readFileSync(file, 'utf8'));
}
