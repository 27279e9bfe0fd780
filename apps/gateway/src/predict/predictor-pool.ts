import { createClient } from '@presage/grpc-kit';
import type { ConnectedClient, MessageLimits } from '@presage/grpc-kit';
import { PredictorService, serviceDefinition } from '@presage/proto';
import type { PredictorServiceHandlers } from '@presage/proto';
import type { PredictorCall } from './predict-router';
import { PredictorStream } from './predictor-stream';

export interface PredictorPool {
  call: PredictorCall;
  /**
   * The addresses the deployer lists now: a channel to an address no listing has named for `forgetAfterMs`
   * is closed (its replica is gone; a restarted replica gets a new port), so channels do not pile up.
   */
  listed(addresses: Iterable<string>): void;
  close(): void;
}

export interface PredictorPoolOptions {
  /** @default 60_000 */
  forgetAfterMs?: number;
  /**
   * Channels carry answers up to `limits.maxResponseBytes` (a predictor refuses a larger one itself,
   * with a 400 that says so). @default DEFAULT_MESSAGE_LIMITS
   */
  limits?: MessageLimits;
  now?: () => number;
}

interface Channel {
  client: ConnectedClient<PredictorServiceHandlers>;
  /** Small requests: many per message on one stream. */
  stream: PredictorStream;
  /** When a listing last named its address (or it was first used). */
  listedAt: number;
}

/**
 * Bodies up to this size share the replica's stream; larger ones go as a call of their own, so that a
 * large transfer never holds up the small predictions queued behind it on the stream.
 */
const STREAMED_BODY_BYTES = 256 * 1024;

/** One gRPC channel per predictor address, opened on first use, with the stream the gateway predicts on. */
export function createPredictorPool(options: PredictorPoolOptions = {}): PredictorPool {
  const forgetAfterMs = options.forgetAfterMs ?? 60_000;
  const now = options.now ?? Date.now;
  const channels = new Map<string, Channel>();
  const streamMethod = serviceDefinition(PredictorService)['PredictStream']!;
  const channelOf = (address: string): Channel => {
    let channel = channels.get(address);
    if (!channel) {
      const client = createClient(PredictorService, address, {
        limits: options.limits,
      });
      const stream = new PredictorStream(
        client.raw,
        streamMethod as ConstructorParameters<typeof PredictorStream>[1],
      );
      channels.set(address, (channel = { client, stream, listedAt: now() }));
    }
    return channel;
  };
  return {
    async call(address, body, callOptions) {
      const channel = channelOf(address);
      if (body.length <= STREAMED_BODY_BYTES) return channel.stream.predict(body, callOptions);
      const response = await channel.client.client.Predict(
        { body },
        {
          deadlineMs: callOptions.deadlineMs,
          metadata: callOptions.traceparent ? { traceparent: callOptions.traceparent } : {},
        },
      );
      return { body: response.body, httpStatus: response.httpStatus };
    },
    listed(addresses) {
      const at = now();
      for (const address of addresses) {
        const channel = channels.get(address);
        if (channel) channel.listedAt = at;
      }
      for (const [address, channel] of channels) {
        if (at - channel.listedAt < forgetAfterMs) continue;
        channel.stream.close();
        channel.client.close();
        channels.delete(address);
      }
    },
    close() {
      for (const channel of channels.values()) {
        channel.stream.close();
        channel.client.close();
      }
      channels.clear();
    },
  };
}
