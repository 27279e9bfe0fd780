import type { DeploymentTarget__Output } from '@presage/proto/src/generated/presage/internal/v1/DeploymentTarget';
import { RegistryVersionReports } from './version-reports';

const V = 'projects/p/models/m/versions/v1';
const OP = 'projects/p/operations/create_m_v1-1';

function target(operation: string | null): DeploymentTarget__Output {
  return {
    version: { name: V },
    pendingOperation: operation ? { name: operation } : null,
  } as unknown as DeploymentTarget__Output;
}

function recordingRegistry() {
  const calls: Record<string, unknown>[] = [];
  const registry = {
    ReportVersion: (request: Record<string, unknown>) => {
      calls.push(request);
      return Promise.resolve({});
    },
  } as unknown as ConstructorParameters<typeof RegistryVersionReports>[0];
  return { calls, reports: new RegistryVersionReports(registry) };
}

describe('RegistryVersionReports', () => {
  it("names the target's pending operation in each report", async () => {
    const { calls, reports } = recordingRegistry();
    const signature = { inputs: [], outputs: [] };
    await reports.deployed(target(OP), signature);
    await reports.undeployed(target(OP));
    expect(calls).toEqual([
      { name: V, operation: OP, outcome: 'DEPLOYED', signature },
      { name: V, operation: OP, outcome: 'UNDEPLOYED' },
    ]);
  });

  it('reports nothing for a target without a pending operation: there is nothing to settle', async () => {
    const { calls, reports } = recordingRegistry();
    await reports.deployed(target(null));
    await reports.failed(target(null), 'x');
    await reports.undeployed(target(null));
    expect(calls).toEqual([]);
  });

  it('sends a failure message Postgres can store and a user can read', async () => {
    const { calls, reports } = recordingRegistry();
    await reports.failed(target(OP), `bad\u0000byte ${'x'.repeat(3000)}`);
    await reports.failed(target(OP), ' \n ');
    const [long, empty] = calls.map((c) => c['errorMessage'] as string);
    expect(long).toMatch(/^bad byte x+…$/);
    expect(long).toHaveLength(2000);
    expect(empty).toBe('Deploying the version failed.');
  });
});
