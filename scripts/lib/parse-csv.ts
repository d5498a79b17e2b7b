/** A parsed CSV file: its header and one record per data row, keyed by column name. */
export interface CsvTable {
  header: string[];
  rows: Array<Record<string, string>>;
}

/**
 * Parses RFC 4180 CSV: fields may be quoted, quoted fields may hold commas, doubled quotes and
 * line breaks. The first line is the header. Blank lines are skipped; a row shorter than the
 * header gets empty strings for the missing cells.
 */
export function parseCsv(text: string): CsvTable {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const endField = () => {
    record.push(field);
    field = '';
  };
  const endRecord = () => {
    endField();
    if (!(record.length === 1 && record[0] === '')) records.push(record);
    record = [];
  };
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  while (i < body.length) {
    const char = body[i]!;
    if (quoted) {
      if (char === '"' && body[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (char === '"') quoted = false;
      else field += char;
      i += 1;
      continue;
    }
    if (char === '"' && field === '') quoted = true;
    else if (char === ',') endField();
    else if (char === '\n') endRecord();
    else if (char !== '\r') field += char;
    i += 1;
  }
  if (field !== '' || record.length > 0) endRecord();
  const [header = [], ...data] = records;
  const rows = data.map((cells) => Object.fromEntries(header.map((column, index) => [column, cells[index] ?? ''])));
  return { header, rows };
}
