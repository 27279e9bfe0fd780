import type { PromiseClient } from '@presage/grpc-kit';
import type { DeploymentTarget__Output } from '@presage/proto/src/generated/presage/internal/v1/DeploymentTarget';
import type { RegistryDeploymentServiceHandlers } from '@presage/proto/src/generated/presage/internal/v1/RegistryDeploymentService';
import type { ModelSignature__Output } from '@presage/proto/src/generated/presage/v1/ModelSignature';

/**
 * What the deployer tells the registry about a version's pending operation. The registry owns the
 * lifecycle: these reports only say what happened, and it decides the state that follows.
 */
export interface VersionReports {
  /** A pending CREATE/UPDATE has its replicas (or, for a scale-to-zero version, its staged model). */
  deployed(target: DeploymentTarget__Output, signature?: ModelSignature__Output | null): Promise<void>;
  /** The version cannot be deployed: permanent failure or deadline passed. */
  failed(target: DeploymentTarget__Output, message: string): Promise<void>;
  /** A DELETING version's replicas and staged copies are gone. */
  undeployed(target: DeploymentTarget__Output): Promise<void>;
}

type Registry = Pick<PromiseClient<RegistryDeploymentServiceHandlers>, 'ReportVersion'>;

/** A report's outcome and what goes with it. */
interface Outcome {
  outcome: 'DEPLOYED' | 'FAILED' | 'UNDEPLOYED';
  errorMessage?: string;
  signature?: ModelSignature__Output | null;
}

/**
 * VersionReports over the registry's ReportVersion. Each report names the target's pending operation, as
 * the registry listed it, so a report that arrives late (after a restart, or a retry) settles nothing newer;
 * a target without a pending operation has nothing to settle and is not reported. Repeating a report is
 * harmless: the registry answers OK and changes nothing.
 */
export class RegistryVersionReports implements VersionReports {
  constructor(private readonly registry: Registry) {}

  async deployed(target: DeploymentTarget__Output, signature?: ModelSignature__Output | null): Promise<void> {
    await this.report(target, { outcome: 'DEPLOYED', signature: signature ?? null });
  }

  async failed(target: DeploymentTarget__Output, message: string): Promise<void> {
    await this.report(target, { outcome: 'FAILED', errorMessage: storableMessage(message) });
  }

  async undeployed(target: DeploymentTarget__Output): Promise<void> {
    await this.report(target, { outcome: 'UNDEPLOYED' });
  }

  private async report(target: DeploymentTarget__Output, outcome: Outcome): Promise<void> {
    const version = target.version?.name;
    const operation = target.pendingOperation?.name;
    if (!version || !operation) return;
    await this.registry.ReportVersion({ name: version, operation, ...outcome });
  }
}

/** A message Postgres stores and a user reads: no NUL or other control bytes, at most 2,000 characters. */
function storableMessage(message: string): string {
  const clean = message.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, ' ').trim();
  return clean.length > 2000 ? `${clean.slice(0, 1999)}…` : clean || 'Deploying the version failed.';
}
