import { createClient } from '@presage/grpc-kit';
import type { ConnectedClient, MessageLimits } from '@presage/grpc-kit';
import type { PredictorServiceHandlers } from '@presage/proto/src/generated/presage/internal/v1/PredictorService';
import type { PredictorCall } from './predict-router';

export interface PredictorPool {
  call: PredictorCall;
  close(): void;
}

export interface PredictorPoolOptions {
  /**
   * Channels carry answers up to `limits.maxResponseBytes` (a predictor refuses a larger one itself,
   * with a 400 that says so). @default DEFAULT_MESSAGE_LIMITS
   */
  limits?: MessageLimits;
}

/** One gRPC channel per predictor address, opened on first use. */
export function createPredictorPool(options: PredictorPoolOptions = {}): PredictorPool {
  const clients = new Map<string, ConnectedClient<PredictorServiceHandlers>>();
  const clientOf = (address: string): ConnectedClient<PredictorServiceHandlers> => {
    let client = clients.get(address);
    if (!client) {
      client = createClient<PredictorServiceHandlers>('presage.internal.v1.PredictorService', address, {
        limits: options.limits,
      });
      clients.set(address, client);
    }
    return client;
  };
  return {
    async call(address, body, options) {
      const response = await clientOf(address).client.Predict({ body }, options);
      return { body: response.body, httpStatus: response.httpStatus };
    },
    close() {
      for (const client of clients.values()) client.close();
      clients.clear();
    },
  };
}
