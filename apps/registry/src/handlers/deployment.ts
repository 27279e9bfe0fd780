import { ApiError } from '@presage/errors';
import type { AsyncHandlers } from '@presage/grpc-kit';
import type { RegistryDeploymentServiceHandlers } from '@presage/proto';
import { timestampToDate } from '@presage/proto';
import { decodePageToken, messagePage, pageSizeOf, parseVersionName } from '@presage/resources';
import { DEPLOYER_STATES } from '../domain/version-lifecycle';
import { findPendingOperations } from '../store/operations';
import { listDeploymentVersions } from '../store/versions';
import type { RegistryDeps } from './deps';
import { pageBytes } from './deps';
import { requireVersion } from './lookups';
import { eventMessage, operationMessage, versionMessage } from './messages';
import { reportVersion } from './version-reports';
import { insertEvent } from '../store/events';

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
        DEPLOYER_STATES,
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

    ReportVersion: (request) => reportVersion(deps, request),

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
