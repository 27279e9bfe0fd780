import type { Attributes, Meter } from '@opentelemetry/api';
import { createLogger } from '@presage/log';
import { ShadowTraffic } from './shadow-traffic';
import type { ShadowSend } from './shadow-traffic';

const PRIMARY = 'projects/p/models/m/versions/v1';
const SHADOW = { version: 'projects/p/models/m/versions/v2', percent: 100 };
const answer = (predictions: unknown[]) => ({
  httpStatus: 200,
  body: Buffer.from(JSON.stringify({ predictions })),
});
const PRIMARY_ANSWER = answer([1, 'a']).body;
const settle = () => new Promise((resolve) => setImmediate(resolve));

/** A meter keeping what each instrument was given, summed per attribute set. */
function recordingMeter() {
  const sums = new Map<string, number>();
  const durations: number[] = [];
  const add =
    (instrument: string) =>
    (value: number, attributes: Attributes = {}) => {
      const key = `${instrument} ${JSON.stringify(attributes)}`;
      sums.set(key, (sums.get(key) ?? 0) + value);
    };
  const meter = {
    createCounter: (instrument: string) => ({ add: add(instrument) }),
    createHistogram: () => ({ record: (value: number) => durations.push(value) }),
  } as unknown as Meter;
  const count = (instrument: string, attributes: Attributes) =>
    sums.get(`${instrument} ${JSON.stringify({ 'presage.version': SHADOW.version, ...attributes })}`) ?? 0;
  return { meter, durations, count };
}

function setUp(send: ShadowSend, options: { maxInFlight?: number; random?: () => number } = {}) {
  const recorded = recordingMeter();
  const shadow = new ShadowTraffic({
    send,
    meter: recorded.meter,
    logger: createLogger('shadow-test', { level: 'error' }),
    timeoutMs: 1_000,
    ...options,
  });
  return { shadow, ...recorded };
}

describe('ShadowTraffic', () => {
  it('copies a request and counts the shadow answer and its agreement with the primary', async () => {
    const sent: string[] = [];
    const { shadow, count, durations } = setUp((version, body) => {
      sent.push(`${version} ${body.toString()}`);
      return Promise.resolve(answer([1, 'b']));
    });
    shadow.maybeCopy(SHADOW, PRIMARY, Buffer.from('{"instances":[1,2]}'), PRIMARY_ANSWER);
    await settle();
    expect(sent).toEqual([`${SHADOW.version} {"instances":[1,2]}`]);
    expect(count('presage.shadow.requests', { 'presage.shadow.outcome': 'ok' })).toBe(1);
    expect(count('presage.shadow.agreement', { 'presage.shadow.agreement': 'agree' })).toBe(1);
    expect(count('presage.shadow.agreement', { 'presage.shadow.agreement': 'disagree' })).toBe(1);
    expect(durations).toHaveLength(1);
  });

  it('copies its share only', () => {
    let draws = 0;
    const sequence = [0.1, 0.3, 0.5, 0.7];
    let sent = 0;
    const { shadow } = setUp(
      () => {
        sent++;
        return Promise.resolve(answer([1, 'a']));
      },
      { random: () => sequence[draws++ % sequence.length]! },
    );
    for (let i = 0; i < 4; i++)
      shadow.maybeCopy({ ...SHADOW, percent: 40 }, PRIMARY, Buffer.from('{}'), PRIMARY_ANSWER);
    expect(sent).toBe(2);
  });

  it('counts failed, refused and non-prediction answers as errors', async () => {
    const outcomes = [
      Promise.reject(new Error('replica gone')),
      Promise.resolve({ httpStatus: 400, body: Buffer.from('{"error":"bad"}') }),
      Promise.resolve({ httpStatus: 200, body: Buffer.from('{"nope":1}') }),
    ];
    let i = 0;
    const { shadow, count } = setUp(() => outcomes[i++]!);
    for (let n = 0; n < 3; n++) shadow.maybeCopy(SHADOW, PRIMARY, Buffer.from('{}'), PRIMARY_ANSWER);
    await settle();
    expect(count('presage.shadow.requests', { 'presage.shadow.outcome': 'error' })).toBe(3);
    expect(count('presage.shadow.agreement', { 'presage.shadow.agreement': 'agree' })).toBe(0);
  });

  it('drops copies beyond its in-flight bound, and when the shadow has no ready replica', async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const { shadow, count } = setUp(
      async () => {
        await held;
        return answer([1, 'a']);
      },
      { maxInFlight: 2 },
    );
    for (let n = 0; n < 5; n++) shadow.maybeCopy(SHADOW, PRIMARY, Buffer.from('{}'), PRIMARY_ANSWER);
    expect(shadow.pending).toBe(2);
    expect(count('presage.shadow.requests', { 'presage.shadow.outcome': 'dropped' })).toBe(3);
    release();
    await held;
    await settle();
    expect(shadow.pending).toBe(0);
    expect(count('presage.shadow.requests', { 'presage.shadow.outcome': 'ok' })).toBe(2);

    const idle = setUp(() => Promise.resolve(undefined));
    idle.shadow.maybeCopy(SHADOW, PRIMARY, Buffer.from('{}'), PRIMARY_ANSWER);
    await settle();
    expect(idle.count('presage.shadow.requests', { 'presage.shadow.outcome': 'dropped' })).toBe(1);
    expect(idle.durations).toHaveLength(0);
  });

  it('sends nothing when the shadow is the version that answered', () => {
    let sent = 0;
    const { shadow } = setUp(() => {
      sent++;
      return Promise.resolve(answer([]));
    });
    shadow.maybeCopy(SHADOW, SHADOW.version, Buffer.from('{}'), PRIMARY_ANSWER);
    expect(sent).toBe(0);
  });

  it('passes its timeout to the send as the deadline', async () => {
    const deadlines: number[] = [];
    const { shadow } = setUp((_version, _body, deadlineMs) => {
      deadlines.push(deadlineMs);
      return Promise.resolve(answer([1, 'a']));
    });
    shadow.maybeCopy(SHADOW, PRIMARY, Buffer.from('{}'), PRIMARY_ANSWER);
    await settle();
    expect(deadlines).toEqual([1_000]);
  });
});
