import { ApiError } from '@presage/errors';
import type { FastPredict } from '../rest/rest-server';
import type { CallInfo, MethodInvoker } from '../method-table';
import type { AccessControl, Principal } from './access-control';
import { METHOD_PERMISSIONS } from './method-permissions';

const CREATE_VERSION = '/presage.v1.ModelService/CreateVersion';
const PREDICT = METHOD_PERMISSIONS['/presage.v1.OnlinePredictionService/Predict']!;

/**
 * The method table with every method behind `access`: the caller's credential must be valid and hold
 * the method's permission on the project its request names. The call then goes on as the principal's
 * member (any `x-presage-actor` the caller sent is replaced), so what it changes is recorded as theirs.
 */
export function guardMethods(
  methods: ReadonlyMap<string, MethodInvoker>,
  access: AccessControl,
): Map<string, MethodInvoker> {
  const guarded = new Map<string, MethodInvoker>();
  for (const [path, invoke] of methods) {
    const required = METHOD_PERMISSIONS[path];
    guarded.set(path, async (request, call) => {
      const principal = await access.authenticate(call.credential?.());
      if (!required) throw ApiError.permissionDenied('(no permission is defined for this method)', path);
      await access.authorize(principal, required, stringField(request, required.field));
      if (path === CREATE_VERSION) checkPublisher(request, principal);
      return invoke(request, asPrincipal(call, principal));
    });
  }
  return guarded;
}

/** The REST predict path behind `access`, with `ml.models.predict` on the model or version named. */
export function guardPredict(predict: FastPredict, access: AccessControl): FastPredict {
  return async (name, body, call) => {
    const principal = await access.authenticate(call.credential?.());
    await access.authorize(principal, PREDICT, name);
    return predict(name, body, asPrincipal(call, principal));
  };
}

function asPrincipal(call: CallInfo, principal: Principal): CallInfo {
  return { ...call, actor: principal.member };
}

function stringField(request: Record<string, unknown>, field: string): string {
  const value = request[field];
  return typeof value === 'string' ? value : '';
}

/** While auth is on, a version is published by the caller: a different `lineage.published_by` is refused. */
function checkPublisher(request: Record<string, unknown>, principal: Principal): void {
  const version = request['version'] as { lineage?: { publishedBy?: string } | null } | null | undefined;
  const publishedBy = version?.lineage?.publishedBy;
  if (publishedBy && publishedBy !== principal.member) {
    throw ApiError.invalidArgument({
      field: 'version.lineage.published_by',
      description: `With authentication on, a version is published by its caller (${principal.member}); leave this unset or set it to that member.`,
    });
  }
}
