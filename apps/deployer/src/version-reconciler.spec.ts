import { AllowedPaths } from '@presage/env';
import { createLogger } from '@presage/log';
import type { PromiseClient } from '@presage/grpc-kit';
import type { DeploymentTarget__Output, RegistryDeploymentServiceHandlers } from '@presage/proto';
import { waitFor } from '@presage/testing';
import type { VersionReports } from './domain/version-reports';
import type { ReplicaSpec, ScaleResult, ServingDriver } from './drivers/serving-driver';
import type { ArtifactStore } from './staging/artifact-store';
import { StagedModels } from './staging/staged-models';
import { StagingError } from './staging/staging-error';
import { VersionReconciler } from './version-reconciler';
import type { TargetVersion } from './version-reconciler';

const SLOW = 'projects/p/models/slow/versions/v1';
const FAST = 'projects/p/models/fast/versions/v1';
const MODEL = { runtime: 'onnx', signature: null, loadSeconds: 0.01 };
const logger = createLogger('test', { level: 'error' });

function version(name: string, state = 'READY'): TargetVersion {
  return {
    name,
    state,
    deploymentUri: `/models/${name}`,
    autoScaling: { minNodes: 0, maxNodes: 0, targetConcurrency: 0 },
    manualScaling: null,
    packageUris: [],
    framework: 'FRAMEWORK_UNSPECIFIED',
    predictionClass: '',
  } as unknown as TargetVersion;
}

function target(name: string, state = 'READY'): DeploymentTarget__Output {
  return { version: version(name, state), pendingOperation: null };
}

/** A registry listing `targets` (changed by the test). */
function fakeRegistry(targets: DeploymentTarget__Output[], listings = { count: 0 }) {
  return {
    ListDeploymentTargets: () => {
      listings.count++;
      return Promise.resolve({ targets: [...targets], nextPageToken: '' });
    },
    AppendDeploymentEvent: () => Promise.resolve({}),
  } as unknown as PromiseClient<RegistryDeploymentServiceHandlers>;
}

/** Records every report, by version. */
function fakeReports() {
  const reports: { name: string; outcome: string; operation?: string; message?: string }[] = [];
  const record = (t: DeploymentTarget__Output, outcome: string, message?: string) => {
    const operation = t.pendingOperation?.name;
    reports.push({
      name: t.version!.name,
      outcome,
      ...(operation ? { operation } : {}),
      ...(message === undefined ? {} : { message }),
    });
    return Promise.resolve();
  };
  const fake: VersionReports = {
    deployed: (t) => record(t, 'deployed'),
    failed: (t, message) => record(t, 'failed', message),
    undeployed: (t) => record(t, 'undeployed'),
  };
  return { fake, reports };
}

/**
 * A driver whose replicas of SLOW, once `holdSlow` is set, take until `releaseSlow()` to start (a big model,
 * a pod waiting for its image); every other scale call finishes at once. Records the counts asked for.
 */
function fakeDriver() {
  const counts = new Map<string, number>();
  const calls: { version: string; count: number }[] = [];
  let release: (() => void) | undefined;
  const fake = {
    holdSlow: false,
    calls,
    stopped: [] as string[],
    releaseSlow: () => release?.(),
    scale: async (spec: ReplicaSpec, count: number): Promise<ScaleResult> => {
      calls.push({ version: spec.version, count });
      if (fake.holdSlow && spec.version === SLOW && count > (counts.get(SLOW) ?? 0)) {
        await new Promise<void>((resolve) => (release = resolve));
      }
      counts.set(spec.version, count);
      return { ok: true, model: MODEL };
    },
    stop: (name: string) => {
      fake.stopped.push(name);
      counts.delete(name);
      return Promise.resolve();
    },
    list: () => [],
    versions: () => [...counts.keys()].filter((v) => (counts.get(v) ?? 0) > 0),
    close: () => Promise.resolve(),
  } satisfies ServingDriver & Record<string, unknown>;
  return fake;
}

const store: ArtifactStore = {
  stage: (uri) => Promise.resolve({ digest: `sha256:${uri.length}`, dir: uri }),
  remove: () => Promise.resolve(),
  list: () => Promise.resolve([]),
  limits: { maxBytes: 1e9, idleTimeoutMs: 60_000 },
  allowed: new AllowedPaths([]),
};

function setUp(
  options: {
    targets?: DeploymentTarget__Output[];
    store?: ArtifactStore;
    deployDeadlineMs?: number;
    retryDelayMs?: number;
  } = {},
) {
  const targets = options.targets ?? [target(SLOW), target(FAST)];
  const driver = fakeDriver();
  const { fake: reports, reports: reported } = fakeReports();
  const listings = { count: 0 };
  const reconciler = new VersionReconciler({
    registry: fakeRegistry(targets, listings),
    reports,
    driver,
    staged: new StagedModels(options.store ?? store, logger),
    logger,
    intervalMs: 60_000,
    ...(options.deployDeadlineMs ? { deployDeadlineMs: options.deployDeadlineMs } : {}),
    ...(options.retryDelayMs ? { retryDelayMs: options.retryDelayMs } : {}),
  });
  return { driver, reconciler, targets, reported, listings };
}

/** Both versions at zero, as the autoscaler leaves idle minNodes-0 versions. */
async function bothAtZero({ driver, reconciler }: ReturnType<typeof setUp>): Promise<void> {
  reconciler.start(); // one replica each until the autoscaler decides
  await waitFor(() => driver.versions().length === 2, { timeoutMs: 5_000, description: 'both running' });
  reconciler.setAutoscaledReplicas(SLOW, 0, 'idle');
  reconciler.setAutoscaledReplicas(FAST, 0, 'idle');
  await waitFor(() => driver.versions().length === 0, { timeoutMs: 5_000, description: 'both at zero' });
}

/** Lets every promise chain that can go on without a timer run (the fakes never use one). */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
}

describe('VersionReconciler', () => {
  it("starts a version's replica for the autoscaler while another version's replica is still starting", async () => {
    const setup = setUp();
    const { driver, reconciler } = setup;
    await bothAtZero(setup);
    const before = driver.calls.length;
    driver.holdSlow = true;
    reconciler.setAutoscaledReplicas(SLOW, 1, 'cold start');
    await waitFor(() => driver.calls.slice(before).some((c) => c.version === SLOW && c.count === 1), {
      timeoutMs: 5_000,
      description: 'the slow version to be starting',
    });
    reconciler.setAutoscaledReplicas(FAST, 1, 'cold start');
    try {
      await waitFor(() => driver.versions().includes(FAST), {
        timeoutMs: 2_000,
        description: 'the fast version to run a replica while the slow one is starting',
      });
    } finally {
      driver.releaseSlow();
      await reconciler.stop();
    }
    expect(driver.versions().sort()).toEqual([FAST, SLOW]);
  });

  it("applies one version's counts in order, each after the previous one finished", async () => {
    const setup = setUp();
    const { driver, reconciler } = setup;
    await bothAtZero(setup);
    const slowCalls = () => driver.calls.filter((c) => c.version === SLOW).map((c) => c.count);
    const before = slowCalls().length;
    driver.holdSlow = true;
    reconciler.setAutoscaledReplicas(SLOW, 1, 'cold start');
    await waitFor(() => slowCalls().length > before, {
      timeoutMs: 5_000,
      description: 'the slow version to be starting',
    });
    reconciler.setAutoscaledReplicas(SLOW, 0, 'idle');
    reconciler.resync(); // a resync meanwhile waits for the version too
    await settle();
    expect(slowCalls().slice(before)).toEqual([1]);
    driver.releaseSlow();
    await reconciler.stop();
    expect(slowCalls().at(-1)).toBe(0);
    expect(driver.versions()).toEqual([]);
  });

  it('reads the target a nudge names and reconciles that version; a version no longer listed is stopped', async () => {
    const { driver, reconciler, targets, reported } = setUp({ targets: [target(FAST)] });
    reconciler.start();
    await waitFor(() => driver.versions().includes(FAST), { timeoutMs: 5_000, description: 'FAST served' });
    targets.push(target(SLOW, 'CREATING'));
    reconciler.nudge(SLOW);
    await waitFor(() => reported.length > 0, { timeoutMs: 5_000, description: 'SLOW reported' });
    expect(reported).toEqual([{ name: SLOW, outcome: 'deployed' }]);
    expect(reconciler.servedVersions().find((v) => v.name === SLOW)?.state).toBe('READY');
    targets.splice(0, 1);
    reconciler.nudge();
    await waitFor(() => driver.stopped.includes(FAST), { timeoutMs: 5_000, description: 'FAST stopped' });
    expect(reconciler.servedVersions().map((v) => v.name)).toEqual([SLOW]);
    targets.splice(0, 1, target(SLOW, 'DELETING'));
    reconciler.targetChanged(targets[0]!);
    await waitFor(() => reported.length > 1, { timeoutMs: 5_000, description: 'SLOW undeployed' });
    expect(reported.at(-1)).toEqual({ name: SLOW, outcome: 'undeployed' });
    expect(driver.versions()).toEqual([]);
    await reconciler.stop();
  });

  it('lists no targets while the target watch is connected: a nudge reconciles the version it names', async () => {
    const { driver, reconciler, reported, listings } = setUp({ targets: [] });
    reconciler.start();
    await waitFor(() => listings.count === 1, { timeoutMs: 5_000, description: 'the first listing' });
    reconciler.watchConnected(true);
    reconciler.resync([target(FAST)]);
    await waitFor(() => driver.versions().includes(FAST), { timeoutMs: 5_000, description: 'FAST served' });
    reconciler.targetChanged(target(SLOW, 'CREATING'));
    reconciler.nudge(SLOW);
    await waitFor(() => reported.length > 0, { timeoutMs: 5_000, description: 'SLOW reported' });
    expect(reported).toEqual([{ name: SLOW, outcome: 'deployed' }]);
    expect(listings.count).toBe(1);
    // The watch broke: nudges list the targets again, as the timer does.
    reconciler.watchConnected(false);
    reconciler.nudge();
    await waitFor(() => listings.count === 2, {
      timeoutMs: 5_000,
      description: 'a listing after the watch broke',
    });
    await reconciler.stop();
  });
});

describe('creating a version', () => {
  it('never waits for another version: a slow download or a replica slow to load holds up no other', async () => {
    let release: (() => void) | undefined;
    const slowStore: ArtifactStore = {
      ...store,
      stage: async (uri) => {
        if (uri.includes('slow')) await new Promise<void>((resolve) => (release = resolve));
        return { digest: `sha256:${uri.length}`, dir: uri };
      },
    };
    const { driver, reconciler, reported } = setUp({
      targets: [target(SLOW, 'CREATING'), target(FAST, 'CREATING')],
      store: slowStore,
    });
    reconciler.start();
    await waitFor(() => reported.length === 1, { timeoutMs: 5_000, description: 'FAST deployed' });
    expect(reported).toEqual([{ name: FAST, outcome: 'deployed' }]);
    reconciler.resync(); // a resync meanwhile starts no second download of it
    await settle();
    driver.holdSlow = true;
    release!();
    // Its download done, its replica takes long to load: another version is created meanwhile.
    await waitFor(() => driver.calls.some((c) => c.version === SLOW), {
      timeoutMs: 5_000,
      description: 'SLOW loading',
    });
    const other = 'projects/p/models/other/versions/v1';
    reconciler.targetChanged(target(other, 'CREATING'));
    await waitFor(() => reported.some((r) => r.name === other), {
      timeoutMs: 5_000,
      description: 'the other version deployed while SLOW loads',
    });
    driver.releaseSlow();
    await reconciler.stop();
    expect(reported.map((r) => r.name)).toEqual([FAST, other, SLOW]);
  });

  it('fails a version at once on a permanent staging error, and retries a transient one until its deadline', async () => {
    let attempts = 0;
    const failing = (transient: boolean): ArtifactStore => ({
      ...store,
      stage: (uri) => {
        if (!uri.includes('slow')) return store.stage(uri);
        attempts++;
        const message = 'Cannot download http://m/model.onnx: connection refused.';
        return Promise.reject(new StagingError(message, { transient }));
      },
    });
    const run = async (transient: boolean, deployDeadlineMs: number) => {
      const { reconciler, reported } = setUp({
        targets: [target(SLOW, 'CREATING'), target(FAST)],
        store: failing(transient),
        deployDeadlineMs,
        retryDelayMs: 10,
      });
      reconciler.start();
      await waitFor(() => reported.length > 0, { timeoutMs: 10_000, description: 'the version to settle' });
      await reconciler.stop();
      return reported;
    };
    expect(await run(false, 600_000)).toEqual([
      { name: SLOW, outcome: 'failed', message: 'Cannot download http://m/model.onnx: connection refused.' },
    ]);
    expect(attempts).toBe(1);
    attempts = 0;
    // The version was created at the epoch (version() sets no time): the first failure counts from itself.
    const reported = await run(true, 300);
    expect(attempts).toBeGreaterThanOrEqual(2);
    expect(reported).toEqual([
      {
        name: SLOW,
        outcome: 'failed',
        message: expect.stringMatching(
          new RegExp(
            `^Cannot download http://m/model\\.onnx: connection refused\\. Gave up after ${attempts} attempts in \\d+ s`,
          ),
        ) as string,
      },
    ]);
  });
});

describe('updating and deleting a version', () => {
  const UPDATE = 'projects/p/operations/update_fast_v1-1';
  const DELETE = 'projects/p/operations/delete_slow_v1-1';
  const targets = (): DeploymentTarget__Output[] =>
    [
      { version: version(FAST, 'UPDATING'), pendingOperation: { name: UPDATE } },
      { version: version(SLOW, 'DELETING'), pendingOperation: { name: DELETE } },
    ] as unknown as DeploymentTarget__Output[];
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);

  it('reports an update deployed once its replicas run, and a deletion undeployed, naming their operations', async () => {
    const { reconciler, reported } = setUp({ targets: targets() });
    reconciler.start();
    await waitFor(() => reported.length === 2, { timeoutMs: 5_000, description: 'both reported' });
    await reconciler.stop();
    expect(reported.sort(byName)).toEqual([
      { name: FAST, outcome: 'deployed', operation: UPDATE },
      { name: SLOW, outcome: 'undeployed', operation: DELETE },
    ]);
    expect(reconciler.servedVersions().map((v) => [v.name, v.state])).toEqual([[FAST, 'READY']]);
  });

  it('reports an update failed when its replicas cannot start, and retries the scaling', async () => {
    const setup = setUp({ targets: targets(), retryDelayMs: 10 });
    const { driver, reconciler, reported } = setup;
    let attempts = 0;
    driver.scale = () => (attempts++, Promise.resolve({ ok: false, error: 'out of memory' }));
    reconciler.start();
    await waitFor(() => reported.length >= 2 && attempts >= 2, {
      timeoutMs: 5_000,
      description: 'the update failed, then tried again',
    });
    await reconciler.stop();
    expect(reported.sort(byName)[0]).toEqual({
      name: FAST,
      outcome: 'failed',
      operation: UPDATE,
      message: 'Replicas fail to start: out of memory',
    });
    expect(reported).toContainEqual({ name: SLOW, outcome: 'undeployed', operation: DELETE });
  });
});
