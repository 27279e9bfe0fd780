import type { PromiseClient } from '@presage/grpc-kit';
import type { DeploymentTarget__Output } from '@presage/proto/src/generated/presage/internal/v1/DeploymentTarget';
import type { RegistryDeploymentServiceHandlers } from '@presage/proto/src/generated/presage/internal/v1/RegistryDeploymentService';
import type { ModelSignature__Output } from '@presage/proto/src/generated/presage/v1/ModelSignature';

/** What the deployer tells the registry of a version's outcome: the only caller of those RPCs. */
export interface VersionReports {
  /** A pending CREATE/UPDATE has its replicas (or, for a scale-to-zero version, its staged model). */
  deployed(target: DeploymentTarget__Output, signature?: ModelSignature__Output | null): Promise<void>;
  /** The version cannot be deployed: permanent failure or deadline passed. */
  failed(target: DeploymentTarget__Output, message: string): Promise<void>;
  /** A DELETING version's replicas and staged copies are gone. */
  undeployed(target: DeploymentTarget__Output): Promise<void>;
}

type Registry = PromiseClient<RegistryDeploymentServiceHandlers>;

/**
 * The reports over the registry's SetVersionState (READY or FAILED, which settles a pending create or
 * update) and CompleteOperation (which settles a delete and removes the version).
 */
export class RegistryVersionReports implements VersionReports {
  constructor(private readonly registry: Registry) {}

  async deployed(target: DeploymentTarget__Output, signature?: ModelSignature__Output | null): Promise<void> {
    await this.registry.SetVersionState({
      name: versionName(target),
      state: 'READY',
      ...(signature ? { signature } : {}),
    });
  }

  async failed(target: DeploymentTarget__Output, message: string): Promise<void> {
    await this.registry.SetVersionState({
      name: versionName(target),
      state: 'FAILED',
      errorMessage: storableMessage(message),
    });
  }

  async undeployed(target: DeploymentTarget__Output): Promise<void> {
    if (target.pendingOperation)
      await this.registry.CompleteOperation({ name: target.pendingOperation.name });
  }
}

function versionName(target: DeploymentTarget__Output): string {
  if (!target.version) throw new Error('A deployment target without its version cannot be reported.');
  return target.version.name;
}

/** A message Postgres stores and a user reads: no NUL or other control bytes, at most 2,000 characters. */
export function storableMessage(message: string): string {
  const clean = message.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, ' ').trim();
  return clean.length > 2000 ? `${clean.slice(0, 1999)}…` : clean || 'Deploying the version failed.';
}
