import { createLogger } from '@presage/log';
import type { PromiseClient } from '@presage/grpc-kit';
import type { DeploymentTarget__Output, RegistryDeploymentServiceHandlers } from '@presage/proto';
import { waitFor } from '@presage/testing';
import type { VersionReports } from './domain/version-reports';
import type { ReplicaDriver, ReplicaSpec, ScaleResult } from './drivers/replica-driver';
import type { ArtifactStore } from './staging/artifact-store';
import { StagingError } from './staging/staging-error';
import { createReconciler } from './version-reconciler';
import type { TargetVersion } from './version-reconciler';

const SLOW = 'projects/p/models/slow/versions/v1';
const FAST = 'projects/p/models/fast/versions/v1';
const MODEL = { runtime: 'onnx', signature: null, loadSeconds: 0.01 };

function readyVersion(name: string): TargetVersion {
  return {
    name,
    state: 'READY',
    deploymentUri: `/models/${name}`,
    autoScaling: { minNodes: 0, maxNodes: 0, targetConcurrency: 0 },
    manualScaling: null,
    packageUris: [],
    framework: 'FRAMEWORK_UNSPECIFIED',
    predictionClass: '',
  } as unknown as TargetVersion;
}

/** A registry serving two READY autoscaled versions. */
function fakeRegistry(): PromiseClient<RegistryDeploymentServiceHandlers> {
  const targets = [SLOW, FAST].map((name) => ({ version: readyVersion(name), pendingOperation: null }));
  return {
    ListDeploymentTargets: () => Promise.resolve({ targets, nextPageToken: '' }),
    AppendDeploymentEvent: () => Promise.resolve({}),
    ReportVersion: () => Promise.resolve({}),
  } as unknown as PromiseClient<RegistryDeploymentServiceHandlers>;
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
    releaseSlow: () => release?.(),
    scale: async (spec: ReplicaSpec, count: number): Promise<ScaleResult> => {
      calls.push({ version: spec.version, count });
      if (fake.holdSlow && spec.version === SLOW && count > (counts.get(SLOW) ?? 0)) {
        await new Promise<void>((resolve) => (release = resolve));
      }
      counts.set(spec.version, count);
      return { ok: true, model: MODEL };
    },
    stop: () => Promise.resolve(),
    list: () => [],
    versions: () => [...counts.keys()].filter((v) => (counts.get(v) ?? 0) > 0),
    ensureWorkers: () => Promise.resolve({ ok: true as const, workers: [] }),
    stopWorkers: () => Promise.resolve(),
    workerJobs: () => [],
    close: () => Promise.resolve(),
  } satisfies ReplicaDriver & Record<string, unknown>;
  return fake;
}

const store: ArtifactStore = {
  stage: (uri) => Promise.resolve({ digest: `sha256:${uri.length}`, dir: uri }),
  remove: () => Promise.resolve(),
  list: () => Promise.resolve([]),
  limits: { maxBytes: 1e9, idleTimeoutMs: 60_000 },
};

function setUp() {
  const driver = fakeDriver();
  const reconciler = createReconciler({
    registry: fakeRegistry(),
    driver,
    store,
    logger: createLogger('test', { level: 'error' }),
    intervalMs: 60_000,
  });
  return { driver, reconciler };
}

/** Both versions at zero, as the autoscaler leaves idle minNodes-0 versions. */
async function bothAtZero({ driver, reconciler }: ReturnType<typeof setUp>): Promise<void> {
  await reconciler.runOnce(); // one replica each until the autoscaler decides
  reconciler.setAutoscaledReplicas(SLOW, 0, 'idle');
  reconciler.setAutoscaledReplicas(FAST, 0, 'idle');
  await waitFor(() => driver.versions().length === 0, { timeoutMs: 5_000, description: 'both at zero' });
}

/** Lets every promise chain that can go on without a timer run (the fakes never use one). */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
}

describe('createReconciler', () => {
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
    void reconciler.runOnce(); // a pass meanwhile waits for the version too
    await settle();
    expect(slowCalls().slice(before)).toEqual([1]);
    driver.releaseSlow();
    await reconciler.stop();
    expect(slowCalls().at(-1)).toBe(0);
    expect(driver.versions()).toEqual([]);
  });
});

describe('creating a version', () => {
  /** A registry with SLOW being created and FAST served, recording the outcomes it is told as states. */
  function creatingRegistry() {
    const states: { name: string; state: string; operation: string; errorMessage?: string }[] = [];
    const targets = [
      {
        version: { ...readyVersion(SLOW), state: 'CREATING' },
        pendingOperation: { name: 'projects/p/operations/create_slow_v1-1' },
      },
      { version: readyVersion(FAST), pendingOperation: null },
    ];
    const registry = {
      ListDeploymentTargets: () =>
        Promise.resolve({
          targets: targets.filter((t) => !states.some((s) => s.name === t.version.name)),
          nextPageToken: '',
        }),
      AppendDeploymentEvent: () => Promise.resolve({}),
      ReportVersion: (request: {
        name: string;
        operation: string;
        outcome: string;
        errorMessage?: string;
      }) => {
        const state = request.outcome === 'DEPLOYED' ? 'READY' : request.outcome;
        states.push({
          name: request.name,
          state,
          operation: request.operation,
          errorMessage: request.errorMessage,
        });
        return Promise.resolve({ ...readyVersion(request.name), state });
      },
    } as unknown as PromiseClient<RegistryDeploymentServiceHandlers>;
    return { registry, states };
  }

  it('runs beside the passes: a slow download of one version holds up no other', async () => {
    const { registry, states } = creatingRegistry();
    let release: (() => void) | undefined;
    const slowStore: ArtifactStore = {
      ...store,
      stage: async (uri) => {
        if (uri.includes('slow')) await new Promise<void>((resolve) => (release = resolve));
        return { digest: `sha256:${uri.length}`, dir: uri };
      },
    };
    const driver = fakeDriver();
    const reconciler = createReconciler({
      registry,
      driver,
      store: slowStore,
      logger: createLogger('test', { level: 'error' }),
      intervalMs: 60_000,
    });
    await reconciler.runOnce();
    expect(driver.versions()).toEqual([FAST]);
    expect(states).toEqual([]);
    await reconciler.runOnce(); // another pass meanwhile starts no second download of it
    release!();
    await reconciler.stop();
    expect(states).toEqual([
      expect.objectContaining({
        name: SLOW,
        state: 'READY',
        operation: 'projects/p/operations/create_slow_v1-1',
      }),
    ]);
  });

  it('fails a version at once on a permanent staging error, and retries a transient one until its deadline', async () => {
    const { registry, states } = creatingRegistry();
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
      const reconciler = createReconciler({
        registry,
        driver: fakeDriver(),
        store: failing(transient),
        logger: createLogger('test', { level: 'error' }),
        intervalMs: 60_000,
        deployDeadlineMs,
        retryDelayMs: 10,
      });
      reconciler.start();
      await waitFor(() => states.length > 0, { timeoutMs: 10_000, description: 'the version to settle' });
      await reconciler.stop();
    };
    await run(false, 600_000);
    expect(attempts).toBe(1);
    expect(states).toEqual([
      expect.objectContaining({
        name: SLOW,
        state: 'FAILED',
        errorMessage: 'Cannot download http://m/model.onnx: connection refused.',
      }),
    ]);
    states.length = 0;
    attempts = 0;
    // The version was created at the epoch (readyVersion sets no time): the first failure counts from itself.
    await run(true, 300);
    expect(attempts).toBeGreaterThanOrEqual(2);
    expect(states).toEqual([
      expect.objectContaining({
        name: SLOW,
        state: 'FAILED',
        errorMessage: expect.stringMatching(
          new RegExp(
            `^Cannot download http://m/model\\.onnx: connection refused\\. Gave up after ${attempts} attempts in \\d+ s`,
          ),
        ) as string,
      }),
    ]);
  });
});

describe('updating and deleting a version', () => {
  const UPDATE = 'projects/p/operations/update_fast_v1-1';
  const DELETE = 'projects/p/operations/delete_slow_v1-1';

  /** FAST has an update of its replicas pending, SLOW is being deleted; the reports are recorded. */
  function setUpdatingAndDeleting(driver: ReplicaDriver) {
    const targets = [
      { version: { ...readyVersion(FAST), state: 'UPDATING' }, pendingOperation: { name: UPDATE } },
      { version: { ...readyVersion(SLOW), state: 'DELETING' }, pendingOperation: { name: DELETE } },
    ];
    const reported: string[] = [];
    const record = (outcome: string) => (target: DeploymentTarget__Output, message?: unknown) => {
      const detail = typeof message === 'string' ? ` ${message}` : '';
      reported.push(`${outcome} ${target.version!.name} ${target.pendingOperation!.name}${detail}`);
      return Promise.resolve();
    };
    const reports: VersionReports = {
      deployed: record('deployed'),
      failed: record('failed'),
      undeployed: record('undeployed'),
    };
    const reconciler = createReconciler({
      registry: {
        ListDeploymentTargets: () => Promise.resolve({ targets, nextPageToken: '' }),
        AppendDeploymentEvent: () => Promise.resolve({}),
      } as unknown as PromiseClient<RegistryDeploymentServiceHandlers>,
      reports,
      driver,
      store,
      logger: createLogger('test', { level: 'error' }),
      intervalMs: 60_000,
    });
    return { reconciler, reported };
  }

  it('reports an update deployed once its replicas run, and a deletion undeployed, naming their operations', async () => {
    const { reconciler, reported } = setUpdatingAndDeleting(fakeDriver());
    await reconciler.runOnce();
    await reconciler.stop();
    expect(reported).toEqual([`deployed ${FAST} ${UPDATE}`, `undeployed ${SLOW} ${DELETE}`]);
  });

  it('reports an update failed when its replicas cannot start', async () => {
    const driver = fakeDriver();
    driver.scale = () => Promise.resolve({ ok: false, error: 'out of memory' });
    const { reconciler, reported } = setUpdatingAndDeleting(driver);
    await reconciler.runOnce();
    await reconciler.stop();
    expect(reported).toEqual([
      `failed ${FAST} ${UPDATE} Replicas fail to start: out of memory`,
      `undeployed ${SLOW} ${DELETE}`,
    ]);
  });
});
