import { spawn } from 'node:child_process';
import type { ChildProcessByStdio } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { createClient } from '@presage/grpc-kit';
import type { PromiseClient } from '@presage/grpc-kit';
import { serviceMain, waitFor } from '@presage/testing';
import type { PredictorServiceHandlers } from '@presage/proto';
import { PredictorService } from '@presage/proto';

export type StdoutEvent =
  | {
      event: 'ready';
      address: string;
      metricsAddress: string;
      runtime: string;
      signature: unknown;
      loadSeconds: number;
    }
  | { event: 'failed'; error: string };

/** A predictor process started as the deployer starts it: `node apps/predictor/dist/main.js`. */
export interface PredictorProcess {
  child: ChildProcessByStdio<null, Readable, Readable>;
  /** Every stdout line, parsed. */
  events: StdoutEvent[];
  /** Every stderr line (JSON logs). */
  logs: string[];
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
  /** The first stdout line. */
  firstEvent(): Promise<StdoutEvent>;
}

export function spawnPredictor(env: Record<string, string | undefined>): PredictorProcess {
  const child = spawn(process.execPath, [serviceMain('predictor')], {
    cwd: `${__dirname}/../../..`,
    env: { ...process.env, ONNXRUNTIME_NODE_INSTALL: 'skip', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const events: StdoutEvent[] = [];
  const logs: string[] = [];
  createInterface({ input: child.stdout }).on('line', (line) => events.push(JSON.parse(line) as StdoutEvent));
  createInterface({ input: child.stderr }).on('line', (line) => logs.push(line));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    events,
    logs,
    exited,
    firstEvent: () =>
      waitFor(() => events[0], {
        timeoutMs: 30_000,
        description: `the predictor's first stdout line (logs: ${logs.slice(-3).join(' | ')})`,
      }),
  };
}

export interface ReadyPredictor extends PredictorProcess {
  address: string;
  ready: Extract<StdoutEvent, { event: 'ready' }>;
  client: PromiseClient<PredictorServiceHandlers>;
  /** Predict with a JSON body (an object is stringified): the status and the parsed body. */
  predict(body: unknown): Promise<{ httpStatus: number; body: Record<string, unknown> }>;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
}

export async function startPredictor(
  modelDir: string,
  env: Record<string, string> = {},
): Promise<ReadyPredictor> {
  const process = spawnPredictor({ PRESAGE_PREDICTOR_MODEL_DIR: modelDir, ...env });
  const ready = await process.firstEvent();
  if (ready.event !== 'ready') throw new Error(`predictor failed: ${ready.error}`);
  const connected = createClient(PredictorService, ready.address);
  const predict = async (body: unknown) => {
    const data = typeof body === 'string' ? body : JSON.stringify(body);
    const response = await connected.client.Predict({ body: Buffer.from(data) });
    return {
      httpStatus: response.httpStatus,
      body: JSON.parse(response.body.toString('utf8')) as Record<string, unknown>,
    };
  };
  return {
    ...process,
    address: ready.address,
    ready,
    client: connected.client,
    predict,
    stop: async () => {
      connected.close();
      process.child.kill('SIGTERM');
      return process.exited;
    },
  };
}
