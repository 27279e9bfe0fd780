import { parseLogTableName, quotedLogTable } from './log-table-name';

describe('parseLogTableName', () => {
  it('splits dataset.table into a schema and a table', () => {
    expect(parseLogTableName('serving_logs.census_v1')).toEqual({
      schema: 'serving_logs',
      table: 'census_v1',
    });
    expect(quotedLogTable({ schema: 'Logs', table: '_t1' })).toBe('"Logs"."_t1"');
  });

  it.each([
    ['no_dot'],
    ['a.b.c'],
    ['.table'],
    ['1data.table'],
    ['data.ta-ble'],
    ['data.t"; drop table x; --'],
    ['data. table'],
    [`data.${'x'.repeat(64)}`],
    ['registry.models'],
    ['pg_catalog.t'],
    ['information_schema.t'],
  ])('refuses %j with a sentence', (name) => {
    expect(typeof parseLogTableName(name)).toBe('string');
  });
});
