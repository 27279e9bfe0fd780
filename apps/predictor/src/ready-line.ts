import type { ModelSignature } from '@presage/runtimes';

/**
 * The one line the predictor writes to stdout, read by the deployer's local driver: ready (with the
 * gRPC and metrics addresses and the signature) or failed (with a message a user can act on). Logs go to
 * stderr.
 */
export type PredictorEvent =
  | {
      event: 'ready';
      address: string;
      metricsAddress: string;
      runtime: string;
      signature: ModelSignature;
      loadSeconds: number;
    }
  | { event: 'failed'; error: string };

/**
 * The deployer that reads the line may be gone (it crashed or restarted; the predictor outlives it): a
 * broken pipe then only loses the line, it never ends the process.
 */
process.stdout.on('error', () => undefined);

export function writeEvent(event: PredictorEvent): Promise<void> {
  return new Promise((resolve) => process.stdout.write(`${JSON.stringify(event)}\n`, () => resolve()));
}
