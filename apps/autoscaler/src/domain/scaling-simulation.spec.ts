import type { DecodedResourceMetrics } from '../otlp/otlp-decoder';
import { CONCURRENCY_TIME, SignalStore } from './concurrency-signals';
import { createScalingState } from './scaling-state';
import type { ScaleTargetView } from './scaling-state';

/**
 * The autoscaler end to end over virtual time, without I/O: gateways integrate their concurrency and
 * export the cumulative `concurrency.time` every second (out of phase), the signal store turns the
 * exports into concurrency, the policy decides every 2 s tick, and a simulated deployer starts replicas
 * that become ready a few seconds later.
 */
const VERSION = 'projects/p/models/m/versions/v';
const STEP_MS = 100;
const TICK_MS = 2000;
const EXPORT_MS = 1000;
const START_DELAY_MS = 4000;

interface Scenario {
  /** Total concurrency over every gateway at time t (ms). */
  load: (t: number) => number;
  seconds: number;
  minNodes: number;
  maxNodes: number;
  manual?: boolean;
  initial?: number;
  gateways?: number;
  /** Gateway i stops exporting at this time (it died). */
  diesAt?: (gateway: number) => number;
  /** Gateway i restarts (its cumulative sum starts over) at this time. */
  restartsAt?: (gateway: number) => number;
}

function simulate(scenario: Scenario) {
  const store = new SignalStore({ staleAfterMs: 5000 });
  const state = createScalingState({ policy: {} });
  const gateways = Array.from({ length: scenario.gateways ?? 2 }, (_, i) => ({
    id: `gw-${i}`,
    phase: Math.round((i * EXPORT_MS) / (scenario.gateways ?? 2)),
    start: 0n,
    sum: 0,
    restarted: false,
  }));
  let replicas: number[] = Array.from({ length: scenario.initial ?? 1 }, () => 0); // ready-at times
  const counts: number[] = [];
  let calls = 0;
  for (let t = 0; t <= scenario.seconds * 1000; t += STEP_MS) {
    const live = gateways.filter((_, i) => t < (scenario.diesAt?.(i) ?? Infinity));
    for (const [i, gateway] of gateways.entries()) {
      if (!live.includes(gateway)) continue;
      if (!gateway.restarted && t >= (scenario.restartsAt?.(i) ?? Infinity)) {
        Object.assign(gateway, { restarted: true, start: BigInt(t) * 1_000_000n, sum: 0 });
      }
      gateway.sum += (scenario.load(t) / live.length) * (STEP_MS / 1000);
      if ((t - gateway.phase) % EXPORT_MS === 0) {
        const touched = store.ingest(t, [exportOf(gateway, t)]).versions;
        for (const version of touched) state.observe(version, t, store.concurrency(version, t));
      }
    }
    if (t % TICK_MS !== 0) continue;
    store.sweep(t);
    const target: ScaleTargetView = {
      version: VERSION,
      minNodes: scenario.minNodes,
      maxNodes: scenario.maxNodes,
      manual: scenario.manual ?? false,
      desired: replicas.length,
      ready: replicas.filter((readyAt) => readyAt <= t).length,
      targetConcurrency: 0,
    };
    const decision = state.decide(t, target, store.concurrency(VERSION, t));
    if (decision?.changesReplicas) {
      calls++;
      // Starting replicas go first on the way down, as the newest do in the deployer.
      replicas = replicas.slice(0, decision.desired);
      while (replicas.length < decision.desired) replicas.push(t + START_DELAY_MS);
    }
    counts.push(replicas.length);
  }
  return { counts, calls, at: (second: number) => counts[Math.floor((second * 1000) / TICK_MS)]! };
}

function exportOf(gateway: { id: string; start: bigint; sum: number }, t: number): DecodedResourceMetrics {
  return {
    resource: { 'service.instance.id': gateway.id },
    metrics: [
      {
        name: CONCURRENCY_TIME,
        kind: 'sum',
        monotonic: true,
        temporality: 'cumulative',
        points: [
          {
            attributes: { 'presage.version': VERSION },
            startTimeUnixNano: gateway.start,
            timeUnixNano: BigInt(t) * 1_000_000n,
            value: gateway.sum,
          },
        ],
      },
    ],
  };
}

function changes(counts: number[]): number {
  return counts.filter((c, i) => i > 0 && c !== counts[i - 1]).length;
}

function reversals(counts: number[]): number {
  const moves = counts.map((c, i) => Math.sign(c - (counts[i - 1] ?? c))).filter((d) => d !== 0);
  return moves.filter((d, i) => i > 0 && d !== moves[i - 1]).length;
}

describe('autoscaling over virtual time (gateways → signals → policy → replicas)', () => {
  it('follows a load step within a few seconds and holds it', () => {
    const run = simulate({ load: (t) => (t >= 100_000 ? 40 : 2), seconds: 300, minNodes: 1, maxNodes: 0 });
    expect(run.at(98)).toBe(1);
    expect(run.at(108)).toBe(10); // 40 concurrent / 4 per replica, before the panic window is over
    expect(run.at(300)).toBe(10);
    expect(reversals(run.counts)).toBe(0);
  });

  it('rides out a spike in panic, then comes back to minNodes once', () => {
    const run = simulate({
      load: (t) => (t >= 100_000 && t < 104_000 ? 40 : 2),
      seconds: 400,
      minNodes: 1,
      maxNodes: 0,
    });
    const peak = Math.max(...run.counts);
    expect(peak).toBeGreaterThanOrEqual(5);
    const peakAt = run.counts.indexOf(peak);
    // No decrease for the stable window after the burst (in panic).
    expect(run.counts.slice(peakAt, peakAt + 25).every((c) => c === peak)).toBe(true);
    expect(run.at(400)).toBe(1);
    expect(reversals(run.counts)).toBe(1);
  });

  it('goes to zero after a silent idle window with minNodes 0, and comes back when traffic returns', () => {
    const run = simulate({
      load: (t) => (t < 60_000 ? 3 : t >= 300_000 && t < 310_000 ? 1 : 0),
      seconds: 330,
      minNodes: 0,
      maxNodes: 0,
    });
    expect(run.at(58)).toBe(1);
    expect(run.at(110)).toBe(1); // silence since 60 s, still inside the 60 s idle window
    expect(run.at(126)).toBe(0); // the idle window has passed (plus one export and one tick)
    expect(run.at(298)).toBe(0);
    expect(run.at(304)).toBe(1); // the first export that shows traffic brings one back at the next tick
  });

  it('does not flap on noisy load around a steady level (two gateways, out of phase)', () => {
    let seed = 11;
    const noise = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const run = simulate({
      load: () => 10 + noise() * 4,
      seconds: 900,
      minNodes: 1,
      maxNodes: 0,
      initial: 3,
    });
    // 12 concurrent on average, 3 replicas' worth: at most a couple of moves in 15 minutes.
    expect(changes(run.counts)).toBeLessThanOrEqual(2);
    expect(run.at(900)).toBe(3);
  });

  it('clamps to maxNodes under any load and keeps minNodes when idle', () => {
    expect(simulate({ load: () => 400, seconds: 60, minNodes: 1, maxNodes: 5 }).counts.at(-1)).toBe(5);
    const idle = simulate({ load: () => 0, seconds: 200, minNodes: 2, maxNodes: 0, initial: 2 });
    expect(idle.counts.every((c) => c === 2)).toBe(true);
  });

  it('never scales a manually scaled version', () => {
    const run = simulate({
      load: () => 100,
      seconds: 60,
      minNodes: 2,
      maxNodes: 2,
      manual: true,
      initial: 2,
    });
    expect(run.calls).toBe(0);
    expect(run.counts.every((c) => c === 2)).toBe(true);
  });

  it('is not fooled by a gateway restart (its sum starts over) or a gateway that dies', () => {
    const restart = simulate({
      load: () => 12,
      seconds: 300,
      minNodes: 1,
      maxNodes: 0,
      initial: 3,
      restartsAt: (i) => (i === 0 ? 150_000 : Infinity),
    });
    expect(changes(restart.counts)).toBe(0);
    // Gateway 1 dies at 100 s with the whole load on its books; the load is then carried (and
    // reported) by gateway 0 alone, so the count is unchanged.
    const dies = simulate({
      load: () => 12,
      seconds: 300,
      minNodes: 1,
      maxNodes: 0,
      initial: 3,
      diesAt: (i) => (i === 1 ? 100_000 : Infinity),
    });
    expect(dies.at(300)).toBe(3);
    expect(Math.max(...dies.counts)).toBe(3);
  });
});
