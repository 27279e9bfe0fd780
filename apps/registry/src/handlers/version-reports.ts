import { inTransaction } from '@presage/db';
import type { Knex } from '@presage/db';
import { ApiError, StatusCode } from '@presage/errors';
import type { ReportVersionRequest__Output } from '@presage/proto/src/generated/presage/internal/v1/ReportVersionRequest';
import type { Version } from '@presage/proto/src/generated/presage/v1/Version';
import { parseOperationName, parseVersionName, versionResourceName } from '@presage/resources';
import type { OperationRecord, StoredStatus, VersionRecord } from '../domain/records';
import type { LifecycleEvent, Move } from '../domain/version-lifecycle';
import { requireTransition, settlementErrorCode } from '../domain/version-lifecycle';
import { completeOperation, findOperation } from '../store/operations';
import { findVersionEvenDeleted } from '../store/versions';
import type { RegistryDeps } from './deps';
import { requireVersion } from './lookups';
import { versionMessage } from './messages';
import { applyMove, emptyResponse, versionResponse } from './version-flows';

const DEPLOYER = 'deployer';

const OUTCOME_EVENTS: Record<string, LifecycleEvent> = {
  DEPLOYED: 'deployed',
  FAILED: 'failed',
  UNDEPLOYED: 'undeployed',
};

/** A report of the deployer, validated. */
interface Report {
  version: string;
  operation: string;
  event: LifecycleEvent;
  errorMessage: string;
  signature: Record<string, unknown> | null;
}

/**
 * ReportVersion: the deployer's only way to move a version. The report names the pending operation it
 * settles. A report about an operation already done (a repeat after a lost answer or a deployer restart,
 * or a stale one about an earlier operation of the version) is IGNORED and answered OK: its outcome is
 * decided, the deployer cannot tell a repeat from a stale report, and refusing it would only make the
 * deployer retry. A newer operation is safe because it has another name.
 */
export async function reportVersion(
  deps: RegistryDeps,
  request: ReportVersionRequest__Output,
): Promise<Version> {
  const report = validateReport(request);
  const version = await inTransaction(deps.knex, (trx) => settleReport(trx, report, deps.now()));
  return versionMessage(version);
}

function validateReport(request: ReportVersionRequest__Output): Report {
  const name = parseVersionName(request.name, 'name');
  if (!request.operation) {
    throw ApiError.invalidArgument({
      field: 'operation',
      description: 'A report names the pending operation it settles, as ListDeploymentTargets gave it.',
    });
  }
  parseOperationName(request.operation, 'operation');
  const event = OUTCOME_EVENTS[request.outcome];
  if (!event) {
    throw ApiError.invalidArgument({
      field: 'outcome',
      description: `Must be one of ${Object.keys(OUTCOME_EVENTS).join(', ')}; got ${request.outcome}.`,
    });
  }
  if (event === 'failed' && !request.errorMessage) {
    throw ApiError.invalidArgument({
      field: 'error_message',
      description: 'A FAILED report needs a message the user can act on.',
    });
  }
  return {
    version: versionResourceName(name),
    operation: request.operation,
    event,
    errorMessage: request.errorMessage,
    signature: request.signature as unknown as Record<string, unknown> | null,
  };
}

async function settleReport(trx: Knex, report: Report, now: Date): Promise<VersionRecord> {
  const { version } = await requireReportedVersion(trx, report);
  // Locked after the version (the order every handler takes): the state of both is now stable.
  const op = await findOperation(trx, report.operation, { forUpdate: true });
  if (!op) throw ApiError.notFound('operation', report.operation);
  if (op.versionId !== version.id) {
    if (op.done) return version;
    throw notAnOperationOf(report);
  }
  if (op.done) return version;
  const move = requireTransition(version.state, report.event, report.version);
  if (move.operation.kind !== 'settle' || move.operation.type !== op.operationType) {
    throw ApiError.failedPrecondition(
      `Version ${report.version} is ${version.state}; the report does not settle its ${op.operationType} operation ${op.name}.`,
      'REPORT_NOT_APPLICABLE',
    );
  }
  const moved = await applyMove(trx, version, move, {
    actor: DEPLOYER,
    now,
    message: eventMessage(report, op),
    changes: reportedChanges(report, move),
  });
  await completeOperation(trx, op.id, settlement(report, move, op, moved), now);
  return moved;
}

/**
 * The version the report is about. Once a deletion is settled the version is gone: a repeat of that report
 * finds it through its (done) operation, and is answered with the version as it was.
 */
async function requireReportedVersion(trx: Knex, report: Report): Promise<{ version: VersionRecord }> {
  try {
    return await requireVersion(trx, parseVersionName(report.version, 'name'), { forUpdate: true });
  } catch (error) {
    if (!(error instanceof ApiError) || error.code !== StatusCode.NOT_FOUND) throw error;
    const op = await findOperation(trx, report.operation);
    const gone = op?.done && op.versionId ? await findVersionEvenDeleted(trx, op.versionId) : undefined;
    if (!gone) throw error;
    if (
      versionResourceName({ project: gone.project, model: gone.model, version: gone.name }) !== report.version
    ) {
      throw notAnOperationOf(report);
    }
    return { version: gone };
  }
}

function notAnOperationOf(report: Report): ApiError {
  return ApiError.invalidArgument({
    field: 'operation',
    description: `${report.operation} is not an operation of ${report.version}.`,
  });
}

/** What the report stores besides the state: the error of a FAILED version, the signature of a deployed one. */
function reportedChanges(report: Report, move: Move) {
  return {
    ...(move.next === 'FAILED' ? { errorMessage: report.errorMessage } : {}),
    ...(move.next === 'READY' ? { errorMessage: '' } : {}),
    ...(report.event === 'deployed' && report.signature ? { signature: report.signature } : {}),
  };
}

const FAILURE_PREFIXES: Partial<Record<OperationRecord['operationType'], string>> = {
  DELETE_VERSION: 'deletion failed: ',
  UPDATE_VERSION: 'update failed: ',
};

/** The deployment event's message: a failure's reason, saying which operation failed unless a create. */
function eventMessage(report: Report, op: OperationRecord): string {
  if (report.event !== 'failed') return '';
  return `${FAILURE_PREFIXES[op.operationType] ?? ''}${report.errorMessage}`;
}

function settlement(report: Report, move: Move, op: OperationRecord, version: VersionRecord) {
  if (move.operation.kind === 'settle' && move.operation.with === 'error') {
    const error: StoredStatus = {
      code: settlementErrorCode(op.cancelRequested),
      message: report.errorMessage,
    };
    return { error, response: null };
  }
  const response = op.operationType === 'DELETE_VERSION' ? emptyResponse() : versionResponse(version);
  return { error: null, response };
}
