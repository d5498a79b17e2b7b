import fs from 'node:fs';
import path from 'node:path';

/** Writes rows as CSV (header from `columns`), creating folders; values are quoted only where needed. */
export function writeCsv(file: string, columns: string[], rows: Array<Record<string, string | number | boolean>>): void {
  const cell = (value: string | number | boolean | undefined) => {
    const text = value === undefined ? '' : String(value);
    return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  const lines = [columns.join(','), ...rows.map((row) => columns.map((column) => cell(row[column])).join(','))];
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
}
