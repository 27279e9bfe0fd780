import { ApiError } from '@presage/errors';
import type { FieldViolation } from '@presage/errors';
import type { AsyncHandlers } from '@presage/grpc-kit';
import { timestampToDate } from '@presage/proto';
import type { PredictionLogRow__Output, PredictionLogServiceHandlers } from '@presage/proto';
import { parseLogTableName } from '../domain/log-table-name';
import type { LogTableName } from '../domain/log-table-name';
import type { PredictionLogRecord, PredictionLogStore } from '../store/prediction-logs';

interface TableRows {
  name: LogTableName;
  rows: PredictionLogRecord[];
}

/** PredictionLogService: the gateway's sampled predictions, grouped by table, one insert per table. */
export function createPredictionLogHandlers(
  store: PredictionLogStore,
): AsyncHandlers<PredictionLogServiceHandlers> {
  return {
    async AppendPredictionLogs(request) {
      const tables = groupByTable(request.rows);
      let written = 0;
      for (const { name, rows } of tables.values()) written += await store.append(name, rows);
      return { written };
    },
  };
}

/** Rows per table; any row naming a table that is not `dataset.table` refuses the whole request. */
function groupByTable(rows: readonly PredictionLogRow__Output[]): Map<string, TableRows> {
  const tables = new Map<string, TableRows>();
  const violations: FieldViolation[] = [];
  rows.forEach((row, index) => {
    let entry = tables.get(row.table);
    if (!entry) {
      const name = parseLogTableName(row.table);
      if (typeof name === 'string') {
        violations.push({ field: `rows[${index}].table`, description: name });
        return;
      }
      entry = { name, rows: [] };
      tables.set(row.table, entry);
    }
    entry.rows.push({
      model: row.model,
      modelVersion: row.modelVersion,
      time: timestampToDate(row.time) ?? new Date(),
      rawData: row.rawData,
      rawPrediction: row.rawPrediction,
    });
  });
  if (violations.length > 0) throw ApiError.invalidArgument(violations.slice(0, 20));
  return tables;
}
