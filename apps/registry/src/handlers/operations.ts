import { inTransaction } from '@presage/db';
import { ApiError } from '@presage/errors';
import type { AsyncHandlers } from '@presage/grpc-kit';
import {
  decodePageToken,
  messagePage,
  pageSizeOf,
  parseFilter,
  parseOperationName,
  parseProjectName,
} from '@presage/resources';
import type { LongrunningOperationsHandlers, OperationsHandlers } from '@presage/proto';
import {
  findOperation,
  listOperations,
  OPERATION_FILTER_FIELDS,
  requestCancellation,
} from '../store/operations';
import type { RegistryDeps } from './deps';
import { pageBytes } from './deps';
import { operationMessage } from './messages';

/** How often WaitOperation looks at the database, and its longest wait. */
const WAIT_POLL_MS = 100;
const MAX_WAIT_MS = 60_000;

/** `presage.v1.Operations` at AI Platform's REST paths. */
export function createOperationsHandlers(deps: RegistryDeps): AsyncHandlers<OperationsHandlers> {
  const get = async (name: string) => {
    parseOperationName(name, 'name');
    const op = await findOperation(deps.knex, name);
    if (!op) throw ApiError.notFound('operation', name);
    return op;
  };

  return {
    async GetOperation(request) {
      return operationMessage(await get(request.name));
    },

    async ListOperations(request) {
      const project = parseProjectName(request.name, 'name');
      const terms = parseFilter(request.filter, OPERATION_FILTER_FIELDS);
      const size = pageSizeOf(request.pageSize);
      const query = `operations|${project}|${request.filter}`;
      const rows = await listOperations(
        deps.knex,
        project,
        terms,
        decodePageToken(request.pageToken, query),
        size + 1,
      );
      const { messages, nextPageToken } = messagePage(rows, size, query, operationMessage, {
        typeName: 'google.longrunning.Operation',
        maxBytes: pageBytes(deps),
      });
      return { operations: messages, nextPageToken, unreachable: [] };
    },

    /** Records the request; the deployer honours it and ends the operation with CANCELLED. */
    async CancelOperation(request) {
      parseOperationName(request.name, 'name');
      await inTransaction(deps.knex, async (trx) => {
        const op = await findOperation(trx, request.name, { forUpdate: true });
        if (!op) throw ApiError.notFound('operation', request.name);
        if (!op.done) await requestCancellation(trx, op.id);
      });
      // The deployer hears of the cancellation through its target watch (the operation changed).
      return {};
    },
  };
}

/** The same operations under the standard `google.longrunning.Operations` name, for gRPC clients. */
export function createLongrunningHandlers(deps: RegistryDeps): AsyncHandlers<LongrunningOperationsHandlers> {
  const presage = createOperationsHandlers(deps);
  return {
    GetOperation: presage.GetOperation,
    ListOperations: presage.ListOperations,
    CancelOperation: presage.CancelOperation,
    DeleteOperation() {
      return Promise.reject(ApiError.unimplemented('Operations are kept for audit and cannot be deleted.'));
    },
    async WaitOperation(request, context) {
      const timeoutMs = request.timeout
        ? Number(request.timeout.seconds) * 1000 + Math.floor(request.timeout.nanos / 1e6)
        : MAX_WAIT_MS;
      const until = Date.now() + Math.min(Math.max(timeoutMs, 0), MAX_WAIT_MS);
      for (;;) {
        const op = await presage.GetOperation({ name: request.name }, context);
        if (op.done || Date.now() >= until || context.signal.aborted) return op;
        await new Promise((resolve) => setTimeout(resolve, WAIT_POLL_MS));
      }
    },
  };
}
