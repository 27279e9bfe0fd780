import type { PredictMetrics, VersionMetrics } from '../predict/predict-metrics';
import { ConsoleSeries } from './console-series';

const V1 = 'projects/p/models/m/versions/v1';
const V2 = 'projects/p/models/m/versions/v2';

function recordingMetrics(): PredictMetrics & { answers: [string, number][] } {
  const answers: [string, number][] = [];
  const version = (name: string): VersionMetrics => ({
    activeStart: () => undefined,
    activeEnd: () => undefined,
    sentStart: () => undefined,
    sentEnd: () => undefined,
    answered: (status) => void answers.push([name, status]),
  });
  return {
    answers,
    version,
    unresolved: () => undefined,
    queued: () => undefined,
    coldStart: () => undefined,
  };
}

describe('ConsoleSeries', () => {
  let now = 1_000_000;
  const clock = () => now;

  it('turns each interval of answers and replicas into one point per version', () => {
    const series = new ConsoleSeries({ sampleMs: 5_000, retentionMs: 60_000, now: clock });
    const inner = recordingMetrics();
    const metrics = series.instrument(inner);
    series.replicasListed([
      { version: V1, state: 'READY' },
      { version: V1, state: 'READY' },
      { version: V1, state: 'STARTING' },
    ]);
    for (let i = 0; i < 10; i++) metrics.version(V1).answered(i < 8 ? 200 : 500, 0.002);
    now += 5_000;
    series.sample();
    expect(inner.answers).toHaveLength(10); // the gateway's own metrics still count every answer
    const { points, sampleMs, retentionMs } = series.series(V1, -Infinity);
    expect({ sampleMs, retentionMs }).toEqual({ sampleMs: 5_000, retentionMs: 60_000 });
    expect(points.t).toEqual([now]);
    expect(points.requestsPerSecond).toEqual([2]);
    expect(points.errorRate).toEqual([0.2]);
    expect(points.p99Ms[0]).toBeCloseTo(2);
    expect(points.replicas).toEqual([2]);
  });

  it('follows a version with replicas but no traffic, and answers no points for one it never saw', () => {
    const series = new ConsoleSeries({ sampleMs: 1_000, retentionMs: 60_000, now: clock });
    series.replicasListed([{ version: V2, state: 'READY' }]);
    now += 1_000;
    series.sample();
    const points = series.series(V2, -Infinity).points;
    expect(points.replicas).toEqual([1]);
    expect(points.requestsPerSecond).toEqual([0]);
    expect(points.p50Ms).toEqual([NaN]);
    expect(series.series(V1, -Infinity).points.t).toEqual([]);
  });

  it('forgets a version idle for a whole retention, and follows at most maxVersions', () => {
    const series = new ConsoleSeries({ sampleMs: 1_000, retentionMs: 3_000, maxVersions: 1, now: clock });
    const metrics = series.instrument(recordingMetrics());
    metrics.version(V1).answered(200, 0.001);
    metrics.version(V2).answered(200, 0.001); // over the limit: not followed
    for (let i = 0; i < 3; i++) {
      now += 1_000;
      series.sample();
    }
    expect(series.series(V1, -Infinity).points.t).toHaveLength(3);
    expect(series.series(V2, -Infinity).points.t).toEqual([]);
    for (let i = 0; i < 3; i++) {
      now += 1_000;
      series.sample();
    }
    expect(series.series(V1, -Infinity).points.t).toEqual([]);
    metrics.version(V2).answered(200, 0.001); // room again
    now += 1_000;
    series.sample();
    expect(series.series(V2, -Infinity).points.requestsPerSecond).toEqual([1]);
  });
});
