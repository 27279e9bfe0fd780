import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { StatusCode } from '@presage/errors';
import type { ApiError } from '@presage/errors';
import { createClient } from '@presage/grpc-kit';
import type { PromiseClient } from '@presage/grpc-kit';
import type { Logger } from '@presage/log';
import type { ModelServiceHandlers } from '@presage/proto';
import { ModelService } from '@presage/proto';

export const DEMO_MODEL = 'projects/demo/models/iris';
const DEMO_VERSION = `${DEMO_MODEL}/versions/v1`;
const DEMO_DIR = 'tools/iris/model';

/** Where the bundled demo model's files are. */
export function demoModelDir(repoRoot: string): string {
  return path.join(repoRoot, DEMO_DIR);
}
const ACTOR = { metadata: { 'x-presage-actor': 'presage up' } };
const POLL_MS = 200;

type Registry = PromiseClient<ModelServiceHandlers>;

export interface DemoModelOptions {
  registryAddress: string;
  repoRoot: string;
  logger: Logger;
  /** Ends the attempts (the platform stops). */
  signal: AbortSignal;
  /** Called once, when the demo version is READY. */
  onReady: () => void;
  /** The first wait between two attempts; it doubles up to `maxRetryMs`. @default 1_000 */
  firstRetryMs?: number;
  /** @default 60_000 */
  maxRetryMs?: number;
}

/**
 * Registers the bundled iris classifier (trained by tools/iris/train.py) as `projects/demo/models/iris`
 * version v1 with its lineage, unless it is there already, and waits until it is served, until it is READY
 * or the platform stops. Nothing here ends the platform: a registry that does not answer yet is asked
 * again, and a version that FAILED is logged with its reason, deleted and created again, with backoff.
 */
export async function superviseDemoModel(options: DemoModelOptions): Promise<void> {
  const { logger, signal } = options;
  const registry = createClient(ModelService, options.registryAddress);
  const maxRetryMs = options.maxRetryMs ?? 60_000;
  let retryMs = options.firstRetryMs ?? 1_000;
  try {
    while (!signal.aborted) {
      try {
        const failure = await deployOnce(registry.client, options.repoRoot, signal);
        if (failure === undefined) return options.onReady();
        logger.error(`demo model ${DEMO_MODEL} failed to deploy; trying again`, {
          errorMessage: failure,
          retryInMs: retryMs,
        });
        await sleep(retryMs, undefined, { signal });
        await deleteVersion(registry.client, signal);
      } catch (error) {
        if (signal.aborted) return;
        logger.warn(`cannot set up demo model ${DEMO_MODEL} yet; trying again`, {
          error,
          retryInMs: retryMs,
        });
        await sleep(retryMs, undefined, { signal });
      }
      retryMs = Math.min(retryMs * 2, maxRetryMs);
    }
  } catch (error) {
    if (!signal.aborted) throw error;
  } finally {
    registry.close();
  }
}

/** Creates what is missing and waits until the version settles: undefined when READY, else why it FAILED. */
async function deployOnce(
  registry: Registry,
  repoRoot: string,
  signal: AbortSignal,
): Promise<string | undefined> {
  const dir = demoModelDir(repoRoot);
  const lineage = JSON.parse(fs.readFileSync(path.join(dir, 'lineage.json'), 'utf8')) as Record<
    string,
    unknown
  >;
  await ignoreExisting(
    registry.CreateModel(
      { parent: 'projects/demo', model: { name: 'iris', description: 'Bundled demo: iris classifier' } },
      ACTOR,
    ),
  );
  await ignoreExisting(
    registry.CreateVersion(
      {
        parent: DEMO_MODEL,
        version: {
          name: 'v1',
          description: 'Multinomial logistic regression on the iris dataset, exported to ONNX',
          deploymentUri: dir,
          framework: 'ONNX',
          lineage,
        },
      },
      ACTOR,
    ),
  );
  for (;;) {
    const version = await registry.GetVersion({ name: DEMO_VERSION });
    if (version.state === 'READY') return undefined;
    if (version.state === 'FAILED') return version.errorMessage || 'no reason given';
    await sleep(POLL_MS, undefined, { signal });
  }
}

/** Deletes the failed demo version and waits until it is gone, so that it can be created again. */
async function deleteVersion(registry: Registry, signal: AbortSignal): Promise<void> {
  await registry.DeleteVersion({ name: DEMO_VERSION }, ACTOR).catch(ignoreCode(StatusCode.NOT_FOUND));
  for (;;) {
    const gone = await registry.GetVersion({ name: DEMO_VERSION }).then(
      () => false,
      (error: ApiError) => {
        if (error.code === StatusCode.NOT_FOUND) return true;
        throw error;
      },
    );
    if (gone) return;
    await sleep(POLL_MS, undefined, { signal });
  }
}

async function ignoreExisting(call: Promise<unknown>): Promise<void> {
  await call.catch(ignoreCode(StatusCode.ALREADY_EXISTS));
}

function ignoreCode(code: StatusCode): (error: ApiError) => void {
  return (error) => {
    if (error.code !== code) throw error;
  };
}
