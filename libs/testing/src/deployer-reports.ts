/** The part of presage.internal.v1.RegistryDeploymentService a stand-in deployer uses. */
export interface DeploymentContract<V> {
  ListDeploymentTargets(request: { pageSize?: number; pageToken?: string }): Promise<{
    targets: { version?: { name: string } | null; pendingOperation?: { name: string } | null }[];
    nextPageToken: string;
  }>;
  ReportVersion(request: {
    name: string;
    operation: string;
    outcome: 'DEPLOYED' | 'FAILED' | 'UNDEPLOYED';
    errorMessage?: string;
  }): Promise<V>;
}

/** The name of the version's pending operation, as the deployer finds it; undefined when it has none. */
export async function pendingOperationOf<V>(
  deployment: DeploymentContract<V>,
  version: string,
): Promise<string | undefined> {
  let pageToken = '';
  do {
    const page = await deployment.ListDeploymentTargets({ pageSize: 100, pageToken });
    const target = page.targets.find((t) => t.version?.name === version);
    if (target) return target.pendingOperation?.name;
    pageToken = page.nextPageToken;
  } while (pageToken);
  return undefined;
}

/**
 * Reports the outcome of a version's pending operation as the deployer would (ReportVersion naming the
 * operation ListDeploymentTargets gives), for tests that stand in for the deployer. @default DEPLOYED
 */
export async function reportAsDeployer<V>(
  deployment: DeploymentContract<V>,
  version: string,
  outcome: 'DEPLOYED' | 'FAILED' | 'UNDEPLOYED' = 'DEPLOYED',
  errorMessage = '',
): Promise<V> {
  const operation = await pendingOperationOf(deployment, version);
  if (!operation) throw new Error(`${version} has no pending operation to report on.`);
  return deployment.ReportVersion({ name: version, operation, outcome, errorMessage });
}
