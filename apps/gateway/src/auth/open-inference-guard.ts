import type { ModelAccess, ModelGuard } from '../open-inference/open-inference';
import type { AccessControl } from './access-control';
import type { MethodPermission } from './method-permissions';

/**
 * What the Open Inference Protocol's model calls need, on the model's project: inference is a
 * prediction (`ml.models.predict`, as `:predict`); a model's readiness and metadata read its version
 * (`ml.versions.get`: viewers and model users hold it). Server health and server metadata stay open,
 * like `/healthz` and `/readyz`, so that probes need no key.
 */
export const OPEN_INFERENCE_PERMISSIONS: Readonly<Record<ModelAccess, MethodPermission>> = {
  infer: { permission: 'ml.models.predict', field: 'name' },
  read: { permission: 'ml.versions.get', field: 'name' },
};

/** The v2 model calls behind `access`; the call then goes on as the principal's member. */
export function guardOpenInference(access: AccessControl): ModelGuard {
  return async (call, kind, resource) => {
    const principal = await access.authenticate(call.credential?.());
    await access.authorize(principal, OPEN_INFERENCE_PERMISSIONS[kind], resource);
    return { ...call, actor: principal.member };
  };
}
