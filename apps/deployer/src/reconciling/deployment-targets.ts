import type { PromiseClient } from '@presage/grpc-kit';
import { unpackAny } from '@presage/proto';
import type {
  DeploymentTarget__Output,
  OperationMetadata__Output,
  RegistryDeploymentServiceHandlers,
  Version__Output,
} from '@presage/proto';

export type TargetVersion = Version__Output;

/**
 * What the registry wants deployed, as last heard (from a list or a watch), by version name: what a
 * version's work item reads, like a Kubernetes controller's informer cache.
 */
export class DeploymentTargets {
  private readonly byName = new Map<string, DeploymentTarget__Output>();
  /** Serialized form of each target, to tell a change from a repeat. */
  private readonly seen = new Map<string, string>();
  private complete = false;

  /** Records a target; resolves whether it differs from the one known. */
  set(target: DeploymentTarget__Output & { version: TargetVersion }): boolean {
    const name = target.version.name;
    const serialized = JSON.stringify(target);
    if (this.seen.get(name) === serialized) return false;
    this.byName.set(name, target);
    this.seen.set(name, serialized);
    return true;
  }

  /** Forgets a target; whether it was known. */
  delete(name: string): boolean {
    this.seen.delete(name);
    return this.byName.delete(name);
  }

  get(name: string): DeploymentTarget__Output | undefined {
    return this.byName.get(name);
  }

  names(): string[] {
    return [...this.byName.keys()];
  }

  /** Versions served or being created: neither FAILED (never listed) nor being deleted. */
  live(): TargetVersion[] {
    return [...this.byName.values()].flatMap((t) =>
      t.version && t.version.state !== 'DELETING' ? [t.version] : [],
    );
  }

  /** A full snapshot of the registry was seen: a version missing from the cache is not wanted. */
  get synced(): boolean {
    return this.complete;
  }

  markSynced(): void {
    this.complete = true;
  }

  /**
   * The deployer settled the version's pending operation (it is READY now): the autoscaler may scale it
   * before the registry's next word says so. A list made before the report, which still says CREATING,
   * reads as no change and leaves it READY; the registry's next change of the version replaces it.
   */
  settled(name: string): void {
    const target = this.byName.get(name);
    if (!target?.version) return;
    this.byName.set(name, { version: { ...target.version, state: 'READY' }, pendingOperation: null });
  }
}

/** Every deployment target the registry lists, page by page. */
export async function listDeploymentTargets(
  registry: PromiseClient<RegistryDeploymentServiceHandlers>,
): Promise<DeploymentTarget__Output[]> {
  const targets: DeploymentTarget__Output[] = [];
  let pageToken = '';
  do {
    const page = await registry.ListDeploymentTargets({ pageSize: 100, pageToken });
    targets.push(...page.targets);
    pageToken = page.nextPageToken;
  } while (pageToken);
  return targets;
}

/** Whether the user asked to cancel the version's pending operation. */
export function cancellationRequested(target: DeploymentTarget__Output): boolean {
  const metadata = target.pendingOperation?.metadata;
  if (!metadata) return false;
  return unpackAny<OperationMetadata__Output>(metadata).isCancellationRequested;
}
