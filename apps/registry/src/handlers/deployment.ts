import { inTransaction } from '@presage/db';
import { ApiError, StatusCode } from '@presage/errors';
import type { AsyncHandlers } from '@presage/grpc-kit';
import type { RegistryDeploymentServiceHandlers } from '@presage/proto/src/generated/presage/internal/v1/RegistryDeploymentService';
import type { Knex } from '@presage/db';
import { timestampToDate } from '@presage/proto';
import {
  decodePageToken,
  newEtag,
  messagePage,
  pageSizeOf,
  parseOperationName,
  parseVersionName,
} from '@presage/resources';
import type { OperationRecord, StoredStatus, VersionRecord, VersionState } from '../domain/records';
import {
  completeOperation,
  findOperation,
  findPendingOperation,
  findPendingOperations,
} from '../store/operations';
import { findVersionById, listDeploymentVersions, softDeleteVersion, updateVersion } from '../store/versions';
import type { RegistryDeps } from './deps';
import { pageBytes } from './deps';
import { requireVersion } from './lookups';
import { eventMessage, operationMessage, toStoredAny, versionMessage } from './messages';
import { emptyResponse, recordEvent, versionResponse } from './version-flows';
import { insertEvent } from '../store/events';

const SETTABLE_STATES: VersionState[] = ['READY', 'FAILED', 'UPDATING'];
const DEPLOYER = 'deployer';

/** The registry's side of the deployer contract (presage.internal.v1.RegistryDeploymentService). */
export function createDeploymentHandlers(
  deps: RegistryDeps,
): Omit<AsyncHandlers<RegistryDeploymentServiceHandlers>, 'WatchDeploymentTargets'> {
  return {
    async ListDeploymentTargets(request) {
      const size = pageSizeOf(request.pageSize);
      const query = 'deployment-targets';
      const rows = await listDeploymentVersions(
        deps.knex,
        decodePageToken(request.pageToken, query),
        size + 1,
      );
      const pending = await findPendingOperations(
        deps.knex,
        rows.map((v) => v.id),
      );
      const { messages, nextPageToken } = messagePage(
        rows,
        size,
        query,
        (version) => {
          const op = pending.get(version.id);
          return { version: versionMessage(version), pendingOperation: op ? operationMessage(op) : null };
        },
        { typeName: 'presage.internal.v1.DeploymentTarget', maxBytes: pageBytes(deps) },
      );
      return { targets: messages, nextPageToken };
    },

    async SetVersionState(request) {
      const name = parseVersionName(request.name, 'name');
      const state = request.state as VersionState;
      if (!SETTABLE_STATES.includes(state)) {
        throw ApiError.invalidArgument({
          field: 'state',
          description: `Must be one of ${SETTABLE_STATES.join(', ')}; got ${state}.`,
        });
      }
      if (state === 'FAILED' && !request.errorMessage) {
        throw ApiError.invalidArgument({
          field: 'error_message',
          description: 'A FAILED version needs a message the user can act on.',
        });
      }
      const version = await inTransaction(deps.knex, async (trx) => {
        const { version } = await requireVersion(trx, name, { forUpdate: true });
        if (version.state === 'DELETING') {
          throw ApiError.failedPrecondition(`Version ${request.name} is being deleted.`, 'VERSION_DELETING');
        }
        const now = deps.now();
        const updated = await updateVersion(
          trx,
          version.id,
          {
            state,
            errorMessage: state === 'FAILED' ? request.errorMessage : '',
            ...(request.signature
              ? { signature: request.signature as unknown as Record<string, unknown> }
              : {}),
          },
          newEtag(),
          now,
        );
        if (version.state !== state && state !== 'UPDATING') {
          await recordEvent(
            trx,
            updated,
            state === 'READY' ? 'DEPLOYED' : 'FAILED',
            DEPLOYER,
            now,
            request.errorMessage,
          );
        }
        if (state !== 'UPDATING') await settlePendingOperation(trx, updated, now);
        return updated;
      });
      return versionMessage(version);
    },

    async CompleteOperation(request) {
      parseOperationName(request.name, 'name');
      const op = await inTransaction(deps.knex, async (trx) => {
        const op = await findOperation(trx, request.name, { forUpdate: true });
        if (!op) throw ApiError.notFound('operation', request.name);
        if (op.done) return op;
        const error: StoredStatus | null = request.error
          ? {
              code: request.error.code,
              message: request.error.message,
              details: request.error.details.map(toStoredAny),
            }
          : null;
        const now = deps.now();
        const version = op.versionId ? await findVersionById(trx, op.versionId) : undefined;
        if (op.operationType === 'DELETE_VERSION' && version) {
          if (error) {
            const failed = await updateVersion(
              trx,
              version.id,
              { state: 'FAILED', errorMessage: error.message },
              newEtag(),
              now,
            );
            await recordEvent(trx, failed, 'FAILED', DEPLOYER, now, `deletion failed: ${error.message}`);
          } else {
            await recordEvent(trx, version, 'UNDEPLOYED', DEPLOYER, now);
            await softDeleteVersion(trx, version.id, now);
          }
        }
        const response = error
          ? null
          : op.operationType.startsWith('DELETE') || !version
            ? emptyResponse()
            : versionResponse(version);
        return completeOperation(trx, op.id, { error, response }, now);
      });
      return operationMessage(op);
    },

    async AppendDeploymentEvent(request) {
      const name = parseVersionName(request.parent, 'parent');
      const event = request.event;
      if (!event || event.type === 'TYPE_UNSPECIFIED') {
        throw ApiError.invalidArgument({ field: 'event.type', description: 'An event needs its type.' });
      }
      const { version } = await requireVersion(deps.knex, name);
      const stored = await insertEvent(deps.knex, {
        versionId: version.id,
        type: event.type,
        time: timestampToDate(event.time) ?? deps.now(),
        actor: event.actor || DEPLOYER,
        message: event.message,
        replicas: event.replicas,
      });
      return eventMessage(version, stored);
    },
  };
}

/** A version that reached READY or FAILED ends its create or update operation. */
async function settlePendingOperation(
  trx: Knex,
  version: VersionRecord,
  now: Date,
): Promise<OperationRecord | undefined> {
  const op = await findPendingOperation(trx, version.id);
  if (!op || (op.operationType !== 'CREATE_VERSION' && op.operationType !== 'UPDATE_VERSION'))
    return undefined;
  if (version.state === 'READY') {
    return completeOperation(trx, op.id, { error: null, response: versionResponse(version) }, now);
  }
  const code = op.cancelRequested ? StatusCode.CANCELLED : StatusCode.FAILED_PRECONDITION;
  return completeOperation(
    trx,
    op.id,
    { error: { code, message: version.errorMessage }, response: null },
    now,
  );
}
