import { ApiError } from '@presage/errors';
import type { FieldViolation } from '@presage/errors';
import { nameSegments } from '@presage/resources';
import { clampReplicas, scaleBounds } from './desired-replicas';
import type { ScalingSettings } from './desired-replicas';

const MAX_REASON_LENGTH = 500;

export interface ScaleRequest {
  version: string;
  replicas: number;
  reason: string;
}

/** Checks a ScaleVersion request; one INVALID_ARGUMENT lists every problem. */
export function validateScaleRequest(request: ScaleRequest): ScaleRequest {
  const violations: FieldViolation[] = [];
  if (nameSegments(request.version)?.kind !== 'version') {
    violations.push({
      field: 'version',
      description: `Expected projects/{project}/models/{model}/versions/{version}; got "${request.version.slice(0, 200)}".`,
    });
  }
  if (!Number.isInteger(request.replicas) || request.replicas < 0) {
    violations.push({ field: 'replicas', description: `Must not be negative; got ${request.replicas}.` });
  }
  if (violations.length > 0) throw ApiError.invalidArgument(violations);
  return { ...request, reason: request.reason.slice(0, MAX_REASON_LENGTH) };
}

/** A version as the deployer serves it, for scaling. */
export interface ScalableVersion extends ScalingSettings {
  name: string;
  state: string;
}

/**
 * The count the autoscaler may set for `version` (clamped to its bounds): NOT_FOUND when the deployer
 * does not serve it, FAILED_PRECONDITION when it is scaled manually.
 */
export function autoscaledReplicas(
  name: string,
  version: ScalableVersion | undefined,
  replicas: number,
): number {
  if (!version || version.state === 'DELETING') {
    throw ApiError.notFound(
      'version',
      name,
      'The deployer does not serve it: it is not created yet, FAILED, or being deleted.',
    );
  }
  if (version.manualScaling) {
    throw ApiError.failedPrecondition(
      `Version ${name} uses manualScaling (${version.manualScaling.nodes} nodes); the autoscaler leaves it alone.`,
      'MANUAL_SCALING',
    );
  }
  return clampReplicas(replicas, scaleBounds(version));
}
