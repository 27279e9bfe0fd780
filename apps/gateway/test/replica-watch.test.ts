import { WatchHub, createGrpcServer } from '@presage/grpc-kit';
import type { GrpcServer } from '@presage/grpc-kit';
import { createLogger } from '@presage/log';
import type { Replica } from '@presage/proto';
import { DeployerService } from '@presage/proto';
import { freePort, reportAsDeployer, sampleValue, scrape, waitFor } from '@presage/testing';
import { call, startFakePredictor, startGatewayHarness } from './gateway-harness';
import type { FakePredictor, GatewayHarness } from './gateway-harness';

/**
 * The gateway follows the deployer's WatchReplicas: a replica that becomes ready reaches its routing as
 * soon as the deployer says so, with no ListReplicas at all, and a deployer that comes back replaces the
 * gateway's table with its snapshot. The deployer is an in-test server whose replicas the test sets.
 */
const MODEL = 'projects/watch/models/m';
const VERSION = `${MODEL}/versions/v1`;
const body = JSON.stringify({ instances: [[1, 2, 3, 4]] });
/** How fast a change must reach the gateway's routing (the target; polling took up to 1 s). */
const WITHIN_MS = 100;
/**
 * The first request to a replica also opens the gateway's stream to it: a held request is answered
 * within this (measured ~70 ms here, most of it the new connection).
 */
const FIRST_ANSWER_WITHIN_MS = 250;
const logger = createLogger('replica-watch-test', { level: 'error' });

/** A deployer serving WatchReplicas from `replicas` (and counting ListReplicas calls) on a fixed port. */
class WatchingDeployer {
  replicas: Replica[] = [];
  listCalls = 0;
  private server: GrpcServer | undefined;
  private hub: WatchHub<Replica> | undefined;

  constructor(readonly port: number) {}

  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const hub = new WatchHub<Replica>({ source: { key: (r) => r.name!, list: () => this.replicas }, logger });
    const server = createGrpcServer({ name: 'watching-deployer', logger });
    server.addService(DeployerService, {
      ListReplicas: () => {
        this.listCalls++;
        return Promise.resolve({ replicas: this.replicas });
      },
      WatchReplicas: (call) =>
        hub.serve(call, (batch) => ({
          snapshot: batch.snapshot,
          more: batch.more,
          replicas: batch.items,
          removedReplicas: batch.removed,
        })),
    });
    await server.listen(this.address);
    [this.server, this.hub] = [server, hub];
  }

  /** The replicas changed: the watchers hear it now. */
  set(replicas: Replica[]): void {
    this.replicas = replicas;
    this.hub?.changed();
  }

  async stop(): Promise<void> {
    this.hub?.close();
    await this.server?.shutdown();
    this.server = undefined;
  }
}

const ready = (n: number, predictor: FakePredictor): Replica => ({
  name: `${VERSION}/replicas/${n}`,
  version: VERSION,
  address: predictor.address,
  state: 'READY',
});

/** The measured times, for the record (the issue asks for the number). */
const report = (line: string) => process.stderr.write(`replica-watch: ${line}\n`);

const predict = async (h: GatewayHarness) => {
  const answer = await call(h.baseUrl, 'POST', `/v1/${VERSION}:predict`, body);
  expect(answer).toMatchObject({ status: 200 });
};

let h: GatewayHarness;
let deployer: WatchingDeployer;
let first: FakePredictor;
let second: FakePredictor;

beforeAll(async () => {
  deployer = new WatchingDeployer(await freePort());
  await deployer.start();
  [first, second] = await Promise.all([
    startFakePredictor('{"predictions":[1]}'),
    startFakePredictor('{"predictions":[2]}'),
  ]);
  h = await startGatewayHarness({ deployerAddress: deployer.address });
  await call(h.baseUrl, 'POST', '/v1/projects/watch/models', { name: 'm' });
  await call(h.baseUrl, 'POST', `/v1/${MODEL}/versions`, { name: 'v1', deploymentUri: 'file:///m/1' });
  await reportAsDeployer(h.deployment, VERSION);
}, 60_000);

afterAll(async () => {
  await h?.stop();
  await deployer?.stop();
  await Promise.all([first?.stop(), second?.stop()]);
});

describe('the gateway watching the deployer', () => {
  it('answers a held request as soon as the deployer says its first replica is ready, never listing', async () => {
    const held = call(h.baseUrl, 'POST', `/v1/${VERSION}:predict`, body);
    await waitFor(
      async () =>
        sampleValue(await scrape(`${h.baseUrl}/metrics`), 'presage_gateway_requests_queued', {
          presage_version: VERSION,
        }) === 1,
      { timeoutMs: 10_000, description: 'the request held at the gateway' },
    );
    const changedAt = Date.now();
    deployer.set([ready(0, first)]);
    const answer = await held;
    const tookMs = Date.now() - changedAt;
    expect(answer).toMatchObject({ status: 200, json: { predictions: [1] } });
    expect(tookMs).toBeLessThan(FIRST_ANSWER_WITHIN_MS);
    expect(deployer.listCalls).toBe(0);
    report(`a held request was answered ${tookMs} ms after its replica became ready`);
  });

  it('routes to a second replica within 100 ms of the deployer saying it is ready', async () => {
    deployer.set([ready(0, first)]);
    await predict(h);
    const before = second.calls;
    const changedAt = Date.now();
    deployer.set([ready(0, first), ready(1, second)]);
    let reachedMs = Infinity;
    await waitFor(
      async () => {
        await predict(h);
        if (second.calls > before) reachedMs = Date.now() - changedAt;
        return second.calls > before;
      },
      { timeoutMs: 5_000, intervalMs: 1, description: 'a prediction on the new replica' },
    );
    expect(reachedMs).toBeLessThan(WITHIN_MS);
    expect(deployer.listCalls).toBe(0);
    report(`a new ready replica took traffic ${reachedMs} ms after the deployer's change`);
  });

  it('keeps routing while the deployer is away, and takes the snapshot of the deployer that comes back', async () => {
    deployer.set([ready(0, first)]);
    await waitFor(
      async () => {
        const before = first.calls;
        await predict(h);
        return first.calls > before;
      },
      { timeoutMs: 5_000, description: 'predictions on the first replica' },
    );
    await deployer.stop();
    // The deployer is away: the last routing it gave serves.
    for (let i = 0; i < 3; i++) await predict(h);

    // The replicas changed while nobody watched: the deployer that comes back says so in its snapshot.
    deployer.replicas = [ready(1, second)];
    await deployer.start();
    await waitFor(
      async () => {
        const before = second.calls;
        await predict(h);
        return second.calls > before;
      },
      { timeoutMs: 10_000, description: 'predictions on the replica of the new snapshot' },
    );
    const firstCalls = first.calls;
    for (let i = 0; i < 5; i++) await predict(h);
    expect(first.calls).toBe(firstCalls);
    expect(deployer.listCalls).toBe(0);
  });
});
