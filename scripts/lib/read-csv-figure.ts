import { nearestRankPercentile } from '../../src/lib/nearest-rank-percentile.ts';
import { meets } from './compare.ts';
import { missing, type FigureReading } from './figure-reading.ts';
import { numericCell } from './numeric-cell.ts';
import type { CsvTable } from './parse-csv.ts';
import { latestRow, selectRows } from './select-rows.ts';
import type { FigureRead } from './targets-schema.ts';

type CsvRead = Exclude<FigureRead, { kind: 'vitest_report' } | { kind: 'covers_config_keys' }>;

const describeWhere = (where: Record<string, string> | undefined) =>
  Object.entries(where ?? {})
    .map(([column, value]) => `${column}=${value}`)
    .join(', ') || 'every row';

const requireColumns = (table: CsvTable, columns: string[]): string | null => {
  const absent = columns.filter((column) => !table.header.includes(column));
  return absent.length > 0 ? `column ${absent.join(', ')} not in the header (${table.header.join(', ')})` : null;
};

function cellOf(row: Record<string, string> | undefined, column: string, what: string): FigureReading {
  if (!row) return missing(`no row with ${what}`);
  const value = numericCell(row[column]);
  return value === null
    ? missing(`${column} of the row with ${what} is not a number: "${row[column] ?? ''}"`)
    : { value, detail: `${column} of the row with ${what}` };
}

function aggregate(values: number[], how: 'min' | 'max' | 'mean' | 'sum'): number {
  if (how === 'min') return Math.min(...values);
  if (how === 'max') return Math.max(...values);
  const sum = values.reduce((total, value) => total + value, 0);
  return how === 'sum' ? sum : sum / values.length;
}

/** Reads one figure from a parsed CSV as its `read` describes. Any gap gives a missing figure. */
export function readCsvFigure(table: CsvTable, read: CsvRead): FigureReading {
  switch (read.kind) {
    case 'percentile_row': {
      const absent = requireColumns(table, ['operation', 'percentile', read.value_column]);
      if (absent) return missing(absent);
      const what = `operation=${read.operation}, percentile=${read.percentile}`;
      return cellOf(latestRow(selectRows(table.rows, { operation: read.operation, percentile: read.percentile })), read.value_column, what);
    }
    case 'row_value': {
      const absent = requireColumns(table, [...Object.keys(read.where), read.column]);
      if (absent) return missing(absent);
      return cellOf(latestRow(selectRows(table.rows, read.where)), read.column, describeWhere(read.where));
    }
    case 'column_percentile': {
      const absent = requireColumns(table, [...Object.keys(read.where ?? {}), read.column]);
      if (absent) return missing(absent);
      const rows = selectRows(table.rows, read.where);
      const values = rows.map((row) => numericCell(row[read.column]));
      if (values.some((value) => value === null)) return missing(`a ${read.column} cell is not a number`);
      const value = nearestRankPercentile(values as number[], read.percentile);
      return value === null
        ? missing(`no rows with ${describeWhere(read.where)}`)
        : {
            value,
            detail: `p${read.percentile} (nearest rank) of ${read.column} over ${rows.length} rows with ${describeWhere(read.where)}`,
          };
    }
    case 'column_aggregate': {
      const absent = requireColumns(table, [...Object.keys(read.where ?? {}), read.column]);
      if (absent) return missing(absent);
      const rows = selectRows(table.rows, read.where);
      if (rows.length === 0) return missing(`no rows with ${describeWhere(read.where)}`);
      if (read.aggregate === 'count') return { value: rows.length, detail: `rows with ${describeWhere(read.where)}` };
      if (read.aggregate === 'fraction_true') {
        const yes = rows.filter((row) => row[read.column] === 'true').length;
        return { value: yes / rows.length, detail: `${yes} of ${rows.length} rows have ${read.column}=true` };
      }
      const values = rows.map((row) => numericCell(row[read.column]));
      if (values.some((value) => value === null)) return missing(`a ${read.column} cell is not a number`);
      return {
        value: aggregate(values as number[], read.aggregate),
        detail: `${read.aggregate} of ${read.column} over ${rows.length} rows`,
      };
    }
    case 'count_rows_where': {
      const absent = requireColumns(
        table,
        read.any_of.flatMap((condition) => [condition.left, condition.right]),
      );
      if (absent) return missing(absent);
      if (table.rows.length === 0) return missing('the file has no data rows');
      const breaking: number[] = [];
      for (const [index, row] of table.rows.entries()) {
        const broken = read.any_of.some((condition) => {
          const left = numericCell(row[condition.left]);
          const right = numericCell(row[condition.right]);
          return left === null || right === null || meets(left, { op: condition.op, value: right });
        });
        if (broken) breaking.push(index + 2);
      }
      const conditions = read.any_of.map((condition) => `${condition.left} ${condition.op} ${condition.right}`).join(' or ');
      return {
        value: breaking.length,
        detail:
          breaking.length === 0
            ? `none of ${table.rows.length} rows has ${conditions}`
            : `line(s) ${breaking.join(', ')} have ${conditions} (or a non-numeric cell)`,
      };
    }
    case 'group_fraction': {
      const absent = requireColumns(table, [read.group_by, read.column]);
      if (absent) return missing(absent);
      const groups = new Map<string, boolean>();
      for (const row of table.rows)
        groups.set(row[read.group_by]!, (groups.get(row[read.group_by]!) ?? false) || row[read.column] === read.equals);
      if (groups.size === 0) return missing('the file has no data rows');
      const yes = [...groups.values()].filter(Boolean).length;
      return {
        value: yes / groups.size,
        detail: `${yes} of ${groups.size} distinct ${read.group_by} values have a row with ${read.column}=${read.equals}`,
      };
    }
  }
}
