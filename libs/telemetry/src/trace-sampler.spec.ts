import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLogger } from '@presage/log';
import { createTelemetry } from './telemetry';
import { remoteParent } from './trace-context';
import { DEFAULT_SAMPLER, readSamplerEnv } from './trace-sampler';

const logger = createLogger('test', { level: 'error' });
const sampledParent = () =>
  remoteParent((key) =>
    key === 'traceparent' ? '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' : undefined,
  );

describe('readSamplerEnv', () => {
  it('defaults to parent-based, 1 in 100 of new traces, and reads the OpenTelemetry variables', () => {
    const problems: string[] = [];
    expect(readSamplerEnv({}, problems)).toEqual(DEFAULT_SAMPLER);
    expect(DEFAULT_SAMPLER).toEqual({ name: 'parentbased_traceidratio', ratio: 0.01 });
    expect(
      readSamplerEnv({ OTEL_TRACES_SAMPLER: 'traceidratio', OTEL_TRACES_SAMPLER_ARG: '0.25' }, problems),
    ).toEqual({ name: 'traceidratio', ratio: 0.25 });
    expect(problems).toEqual([]);
  });

  it('reports an unknown sampler or a ratio out of range, naming the valid choices', () => {
    const problems: string[] = [];
    readSamplerEnv({ OTEL_TRACES_SAMPLER: 'jaeger_remote' }, problems);
    readSamplerEnv({ OTEL_TRACES_SAMPLER: 'traceidratio', OTEL_TRACES_SAMPLER_ARG: '2' }, problems);
    expect(problems).toEqual([
      expect.stringMatching(
        /OTEL_TRACES_SAMPLER must be one of always_on, .*parentbased_traceidratio, got "jaeger_remote"/,
      ),
      'OTEL_TRACES_SAMPLER_ARG must be a ratio from 0 to 1, got "2"',
    ]);
  });
});

describe('the tracer of createTelemetry', () => {
  let dir: string;
  beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'presage-sampler-'))));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('records nothing when spans go nowhere, even for a sampled caller', async () => {
    const telemetry = createTelemetry({
      service: 't',
      logger,
      tracesSampler: { name: 'always_on', ratio: 1 },
    });
    expect(telemetry.tracer.startSpan('x', {}, sampledParent()).isRecording()).toBe(false);
    await telemetry.shutdown();
  });

  it('follows a sampled caller and leaves the rest out under parentbased_always_off', async () => {
    const telemetry = createTelemetry({
      service: 't',
      logger,
      tracesFile: path.join(dir, 'spans.jsonl'),
      tracesSampler: { name: 'parentbased_always_off', ratio: 1 },
    });
    expect(telemetry.tracer.startSpan('x').isRecording()).toBe(false);
    expect(telemetry.tracer.startSpan('x', {}, sampledParent()).isRecording()).toBe(true);
    await telemetry.shutdown();
  });

  it('keeps about the ratio of new traces under traceidratio', async () => {
    const telemetry = createTelemetry({
      service: 't',
      logger,
      tracesFile: path.join(dir, 'ratio.jsonl'),
      tracesSampler: { name: 'parentbased_traceidratio', ratio: 0.1 },
    });
    let recorded = 0;
    for (let i = 0; i < 5_000; i++) if (telemetry.tracer.startSpan('x').isRecording()) recorded++;
    // 500 expected; the binomial's standard deviation is about 21.
    expect(recorded).toBeGreaterThan(400);
    expect(recorded).toBeLessThan(600);
    await telemetry.shutdown();
  });
});
