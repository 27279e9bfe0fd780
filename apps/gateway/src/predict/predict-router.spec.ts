import { metrics, trace } from '@opentelemetry/api';
import { ApiError } from '@presage/errors';
import { createLogger } from '@presage/log';
import { createPredictMetrics } from './predict-metrics';
import { createPredictRouter } from './predict-router';
import type { PredictorCall, ShadowCopier } from './predict-router';
import type { ReplicaInfo, ReplicaTable } from './replica-table';
import type { ShadowSend, ShadowTarget } from './shadow-traffic';
import { TrafficSplit } from './traffic-split';
import type { ResolvedVersion } from './version-resolver';

const MODEL = 'projects/p/models/m';
const version = (id: string) => `${MODEL}/versions/${id}`;
const replicaOf = (id: string): ReplicaInfo => ({
  name: `${version(id)}/replicas/0`,
  version: version(id),
  address: `${id}:1`,
  state: 'READY',
});

/** A router over replicas of v1, v2 and v3 (v3 has none ready) whose predictors echo their address. */
function setUp(resolved: ResolvedVersion, answerStatus = 200) {
  const ready = [replicaOf('v1'), replicaOf('v2')];
  const replicas = {
    readyReplicas: (name: string) => Promise.resolve(ready.filter((r) => r.version === name)),
    markStale: () => undefined,
    reachable: () => true,
    onChange: () => () => undefined,
  } as unknown as ReplicaTable;
  const sentTo: string[] = [];
  const callPredictor: PredictorCall = (address) => {
    sentTo.push(address);
    return Promise.resolve({ body: Buffer.from(`{"predictions":["${address}"]}`), httpStatus: answerStatus });
  };
  const copies: Array<[ShadowTarget, string, string, string]> = [];
  let send: ShadowSend | undefined;
  const shadow = (given: ShadowSend): ShadowCopier => {
    send = given;
    return {
      maybeCopy: (target, primaryVersion, body, primary) =>
        copies.push([target, primaryVersion, body.toString(), primary.toString()]),
    };
  };
  const router = createPredictRouter({
    resolver: { resolve: () => Promise.resolve(resolved) },
    replicas,
    callPredictor,
    coldStart: {
      hold: () => Promise.reject(ApiError.unavailable('no replica', 1000)),
      queued: () => 0,
      close: () => undefined,
    },
    metrics: createPredictMetrics(metrics.getMeter('test')),
    tracer: trace.getTracer('test'),
    logger: createLogger('router-test', { level: 'error' }),
    shadow,
  });
  return { router, sentTo, copies, send: () => send! };
}

describe('the predict router', () => {
  it('names the version that answered', async () => {
    const { router } = setUp({ name: version('v2') });
    expect(await router.predict(`${MODEL}/versions/v2`, Buffer.from('{}'))).toMatchObject({
      version: version('v2'),
      replica: `${version('v2')}/replicas/0`,
    });
  });

  it('routes each model-level request by the split, and a routing key to one version', async () => {
    const split = TrafficSplit.of(MODEL, { v1: 50, v2: 50 })!;
    const { router, sentTo } = setUp({ name: version('v1'), split });
    const served = new Set<string>();
    for (let i = 0; i < 200; i++) served.add((await router.predict(MODEL, Buffer.from('{}'))).version);
    expect([...served].sort()).toEqual([version('v1'), version('v2')]);
    const keyed = new Set<string>();
    for (let i = 0; i < 50; i++) {
      keyed.add((await router.predict(MODEL, Buffer.from('{}'), { routingKey: 'alice' })).version);
    }
    expect(keyed.size).toBe(1);
    expect(sentTo).toHaveLength(250);
  });

  it('offers a successful model-level answer to the shadow, not a failed one', async () => {
    const target = { version: version('v2'), percent: 50 };
    const ok = setUp({ name: version('v1'), shadow: target });
    await ok.router.predict(MODEL, Buffer.from('{"instances":[1]}'));
    expect(ok.copies).toEqual([[target, version('v1'), '{"instances":[1]}', '{"predictions":["v1:1"]}']]);
    const refused = setUp({ name: version('v1'), shadow: target }, 400);
    await refused.router.predict(MODEL, Buffer.from('{}'));
    expect(refused.copies).toEqual([]);
  });

  it('sends a shadow copy to a ready replica only, never waiting for one', async () => {
    const { send, sentTo } = setUp({ name: version('v1') });
    expect(await send()(version('v2'), Buffer.from('{}'), 1000)).toMatchObject({ httpStatus: 200 });
    expect(await send()(version('v3'), Buffer.from('{}'), 1000)).toBeUndefined();
    expect(sentTo).toEqual(['v2:1']);
  });
});
