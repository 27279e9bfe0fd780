import { createClient } from '@presage/grpc-kit';
import type { ConnectedClient, MessageLimits } from '@presage/grpc-kit';
import type { PredictorServiceHandlers } from '@presage/proto/src/generated/presage/internal/v1/PredictorService';
import type { PredictorCall } from './predict-router';

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
  /** When a listing last named its address (or it was first used). */
  listedAt: number;
}

/** One gRPC channel per predictor address, opened on first use. */
export function createPredictorPool(options: PredictorPoolOptions = {}): PredictorPool {
  const forgetAfterMs = options.forgetAfterMs ?? 60_000;
  const now = options.now ?? Date.now;
  const channels = new Map<string, Channel>();
  const clientOf = (address: string): ConnectedClient<PredictorServiceHandlers> => {
    let channel = channels.get(address);
    if (!channel) {
      const client = createClient<PredictorServiceHandlers>('presage.internal.v1.PredictorService', address, {
        limits: options.limits,
      });
      channels.set(address, (channel = { client, listedAt: now() }));
    }
    return channel.client;
  };
  return {
    async call(address, body, callOptions) {
      const response = await clientOf(address).client.Predict({ body }, callOptions);
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
        channel.client.close();
        channels.delete(address);
      }
    },
    close() {
      for (const channel of channels.values()) channel.client.close();
      channels.clear();
    },
  };
}
