import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../scripts/lib/parse-csv.ts';
import { readCsvFigure } from '../../../scripts/lib/read-csv-figure.ts';

const latency = parseCsv(
  [
    'timestamp,operation,latency_ms,percentile',
    '2026-01-01T00:00:00Z,save,9,p95',
    '2026-02-01T00:00:00Z,save,4,p95',
    '2026-01-15T00:00:00Z,save,7,p95',
    '2026-02-01T00:00:00Z,cache_get,n/a,p95',
  ].join('\n'),
);

describe('readCsvFigure', () => {
  it('reads the latest row of an operation and percentile', () => {
    expect(
      readCsvFigure(latency, { kind: 'percentile_row', csv: 'x', operation: 'save', percentile: 'p95', value_column: 'latency_ms' }).value,
    ).toBe(4);
  });

  it('gives a missing figure for an absent row, an absent column or a non-numeric cell', () => {
    expect(
      readCsvFigure(latency, { kind: 'percentile_row', csv: 'x', operation: 'save', percentile: 'p99', value_column: 'latency_ms' }),
    ).toEqual({ value: null, detail: 'no row with operation=save, percentile=p99' });
    expect(readCsvFigure(latency, { kind: 'row_value', csv: 'x', where: { operation: 'save' }, column: 'ratio' }).value).toBeNull();
    expect(
      readCsvFigure(latency, { kind: 'percentile_row', csv: 'x', operation: 'cache_get', percentile: 'p95', value_column: 'latency_ms' })
        .value,
    ).toBeNull();
  });

  it('takes the nearest-rank percentile of a column over the rows a prefix selects', () => {
    const log = parseCsv(
      [
        'correlation_id,status,latency_ms',
        ...Array.from({ length: 20 }, (_, i) => `lat-${i},delivered,${i + 1}`),
        'rate-1,delivered,999',
      ].join('\n'),
    );
    expect(
      readCsvFigure(log, { kind: 'column_percentile', csv: 'x', column: 'latency_ms', percentile: 95, where: { correlation_id: 'lat-*' } })
        .value,
    ).toBe(19);
    expect(
      readCsvFigure(log, { kind: 'column_percentile', csv: 'x', column: 'latency_ms', percentile: 95, where: { correlation_id: 'none-*' } })
        .value,
    ).toBeNull();
  });

  it('aggregates a column: the share of true cells, the minimum', () => {
    const table = parseCsv('correct,rate\ntrue,0.99\nfalse,1\ntrue,0.995\ntrue,1');
    expect(readCsvFigure(table, { kind: 'column_aggregate', csv: 'x', column: 'correct', aggregate: 'fraction_true' }).value).toBe(0.75);
    expect(readCsvFigure(table, { kind: 'column_aggregate', csv: 'x', column: 'rate', aggregate: 'min' }).value).toBe(0.99);
  });

  it('counts rows breaking a two-column condition, and counts a non-numeric cell as breaking', () => {
    const report = parseCsv(
      'daily_spend_eur,daily_cap_eur,monthly_spend_eur,monthly_cap_eur\n400,450,400,12000\n450,450,850,12000\n451,450,1301,12000\n1,450,,12000',
    );
    const reading = readCsvFigure(report, {
      kind: 'count_rows_where',
      csv: 'x',
      any_of: [
        { left: 'daily_spend_eur', op: '>', right: 'daily_cap_eur' },
        { left: 'monthly_spend_eur', op: '>', right: 'monthly_cap_eur' },
      ],
    });
    expect(reading.value).toBe(2);
    expect(reading.detail).toContain('line(s) 4, 5');
    expect(
      readCsvFigure(parseCsv('a,b\n'), { kind: 'count_rows_where', csv: 'x', any_of: [{ left: 'a', op: '>', right: 'b' }] }).value,
    ).toBeNull();
  });

  it('counts a group as delivered when any of its rows is', () => {
    const log = parseCsv('correlation_id,status\na,retry\na,delivered\nb,retry\nb,retry\nc,delivered\nd,failed');
    expect(
      readCsvFigure(log, { kind: 'group_fraction', csv: 'x', group_by: 'correlation_id', column: 'status', equals: 'delivered' }).value,
    ).toBe(0.5);
  });
});
