import { metrics } from '@opentelemetry/api';
import { createLogger } from '@presage/log';
import { RequestLog } from './request-log';
import type { PredictionLogSend, RequestLogSettings } from './request-log';

const SETTINGS: RequestLogSettings = {
  table: 'logs.t',
  sampling: 1,
  model: 'projects/p/models/m',
  versionId: 'v1',
};
const logger = createLogger('test', { level: 'error' });
const meter = metrics.getMeter('test');
const body = Buffer.from('{"instances":[1]}');
const answer = Buffer.from('{"predictions":[2]}');

function requestLog(
  send: PredictionLogSend,
  options: { maxRows?: number; batchRows?: number; batchBytes?: number } = {},
) {
  return new RequestLog({ send, meter, logger, flushIntervalMs: 60_000, attempts: 2, ...options });
}

describe('RequestLog', () => {
  it('sends held rows as AI Platform columns, in batches of batchRows', async () => {
    const batches: number[] = [];
    let last: unknown;
    const log = requestLog(
      (rows) => {
        batches.push(rows.length);
        last = rows[0];
        return Promise.resolve();
      },
      { batchRows: 3 },
    );
    for (let i = 0; i < 7; i++) log.offer(SETTINGS, Date.UTC(2026, 0, 1, 0, 0, 0, 250), body, answer);
    await log.close();
    expect(batches).toEqual([3, 3, 1]);
    expect(last).toEqual({
      table: 'logs.t',
      model: 'projects/p/models/m',
      modelVersion: 'v1',
      time: { seconds: String(Date.UTC(2026, 0, 1) / 1000), nanos: 250_000_000 },
      rawData: '{"instances":[1]}',
      rawPrediction: '{"predictions":[2]}',
    });
  });

  it('keeps a batch under batchBytes, one row at least', async () => {
    const batches: number[] = [];
    const log = requestLog(
      (rows) => {
        batches.push(rows.length);
        return Promise.resolve();
      },
      { batchBytes: 2 * (body.length + answer.length) },
    );
    for (let i = 0; i < 5; i++) log.offer(SETTINGS, Date.now(), body, answer);
    await log.close();
    expect(batches).toEqual([2, 2, 1]);
  });

  it('holds at most maxRows and drops the rest without waiting', async () => {
    const sent: number[] = [];
    const log = requestLog(
      (rows) => {
        sent.push(rows.length);
        return Promise.resolve();
      },
      { maxRows: 5 },
    );
    for (let i = 0; i < 20; i++) log.offer(SETTINGS, Date.now(), body, answer);
    expect(log.held).toBe(5);
    await log.close();
    expect(sent).toEqual([5]);
  });

  it('samples about the share asked for', async () => {
    const log = requestLog(() => Promise.resolve(), { maxRows: 100_000, batchRows: 100_000 });
    for (let i = 0; i < 10_000; i++) log.offer({ ...SETTINGS, sampling: 0.2 }, Date.now(), body, answer);
    // 5 binomial sigmas around 2,000.
    expect(Math.abs(log.held - 2_000)).toBeLessThan(5 * Math.sqrt(10_000 * 0.2 * 0.8));
    await log.close();
  });

  it('gives a batch up after its attempts, and keeps going', async () => {
    let calls = 0;
    const log = requestLog(() => {
      calls++;
      return Promise.reject(new Error('unreachable'));
    });
    log.offer(SETTINGS, Date.now(), body, answer);
    await log.flush();
    expect(calls).toBe(2);
    expect(log.held).toBe(0);
    await log.close();
  });
});
