import { ApiError, StatusCode } from '@presage/errors';
import type { ServerStream } from '@presage/grpc-kit';
import { createLogger } from '@presage/log';
import { waitFor } from '@presage/testing';
import type { ReplicaInfo } from './replica-table';
import { createWatchedReplicaTable } from './replica-watch';
import type { ReplicaWatchMessage, WatchedReplicaTable } from './replica-watch';

const V = 'projects/p/models/m/versions/v';
const OTHER = 'projects/p/models/m/versions/other';
const logger = createLogger('replica-watch-spec', { level: 'error', write: () => undefined });
const replica = (n: number, state = 'READY', version = V): ReplicaInfo => ({
  name: `${version}/replicas/${n}`,
  version,
  address: `10.0.0.${n}:1`,
  state,
});

/** A stream the test writes to, or ends with an error. */
class FakeStream implements ServerStream<ReplicaWatchMessage> {
  private readonly queue: (ReplicaWatchMessage | Error)[] = [];
  private wake: (() => void) | undefined;
  private cancelled = false;

  send(message: Partial<ReplicaWatchMessage>): void {
    this.queue.push({ snapshot: false, more: false, replicas: [], removedReplicas: [], ...message });
    this.wake?.();
  }

  fail(error: Error): void {
    this.queue.push(error);
    this.wake?.();
  }

  cancel(): void {
    this.cancelled = true;
    this.wake?.();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<ReplicaWatchMessage> {
    while (!this.cancelled) {
      const next = this.queue.shift();
      if (next instanceof Error) throw next;
      if (next) yield next;
      else await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }
}

describe('createWatchedReplicaTable', () => {
  let streams: FakeStream[];
  let table: WatchedReplicaTable;
  let listed: number;
  const changes: (string[] | undefined)[] = [];

  beforeEach(() => {
    streams = [];
    listed = 0;
    changes.length = 0;
    table = createWatchedReplicaTable({
      watch: () => {
        const stream = new FakeStream();
        streams.push(stream);
        return stream;
      },
      list: () => {
        listed++;
        return Promise.resolve([replica(7)]);
      },
      logger,
    });
    table.onChange((versions) => changes.push(versions && [...versions]));
  });
  afterEach(() => table.close());

  it('answers UNAVAILABLE until the first snapshot, then routes from it and its changes, never listing', async () => {
    await expect(table.readyReplicas(V)).rejects.toMatchObject({ code: StatusCode.UNAVAILABLE });
    await waitFor(() => streams.length === 1, { timeoutMs: 1_000, description: 'the watch' });
    streams[0]!.send({ snapshot: true, more: true, replicas: [replica(0)] });
    streams[0]!.send({ snapshot: true, replicas: [replica(1, 'STARTING'), replica(2, 'READY', OTHER)] });
    await waitFor(() => changes.length === 1, { timeoutMs: 1_000, description: 'the resync' });
    expect(changes).toEqual([undefined]);
    expect(await table.readyReplicas(V)).toEqual([replica(0)]);

    streams[0]!.send({ replicas: [replica(1)], removedReplicas: [`${OTHER}/replicas/2`] });
    await waitFor(() => changes.length === 2, { timeoutMs: 1_000, description: 'the change' });
    expect(changes[1]!.sort()).toEqual([OTHER, V]);
    expect(await table.readyReplicas(V)).toEqual([replica(0), replica(1)]);
    expect(await table.readyReplicas(OTHER)).toEqual([]);
    expect(listed).toBe(0);
  });

  it('keeps its routing while the stream is broken, and replaces it with the next snapshot', async () => {
    await waitFor(() => streams.length === 1, { timeoutMs: 1_000, description: 'the watch' });
    streams[0]!.send({ snapshot: true, replicas: [replica(0)] });
    await waitFor(() => changes.length === 1, { timeoutMs: 1_000, description: 'the resync' });
    streams[0]!.fail(new ApiError(StatusCode.UNAVAILABLE, 'deployer gone'));
    await waitFor(() => !table.reachable(), { timeoutMs: 1_000, description: 'the broken watch' });
    expect(await table.readyReplicas(V)).toEqual([replica(0)]);
    await waitFor(() => streams.length === 2, { timeoutMs: 2_000, description: 'the reconnect' });
    streams[1]!.send({ snapshot: true, replicas: [replica(3)] });
    await waitFor(() => table.reachable(), { timeoutMs: 1_000, description: 'the new snapshot' });
    expect(await table.readyReplicas(V)).toEqual([replica(3)]);
  });

  it('lists a deployer that cannot be watched', async () => {
    await waitFor(() => streams.length === 1, { timeoutMs: 1_000, description: 'the watch' });
    streams[0]!.fail(new ApiError(StatusCode.UNIMPLEMENTED, 'no such method'));
    await waitFor(() => changes.length === 1, { timeoutMs: 1_000, description: 'the switch to listing' });
    expect(await table.readyReplicas(V)).toEqual([replica(7)]);
    expect(listed).toBeGreaterThanOrEqual(1);
  });
});
