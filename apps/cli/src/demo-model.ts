import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { StatusCode } from '@presage/errors';
import type { ApiError } from '@presage/errors';
import { createClient } from '@presage/grpc-kit';
import type { Logger } from '@presage/log';
import type { ModelServiceHandlers } from '@presage/proto/src/generated/presage/v1/ModelService';

export const DEMO_MODEL = 'projects/demo/models/iris';
const DEMO_DIR = 'tools/iris/model';

/**
 * Registers the bundled iris classifier (trained by tools/iris/train.py) as `projects/demo/models/iris`
 * version v1 with its lineage, unless it is there already, and waits until it is served. Resolves with
 * the version's state: `READY`, `FAILED: <why>`, or the state it was still in at the deadline.
 */
export async function ensureDemoModel(options: {
  registryAddress: string;
  repoRoot: string;
  logger: Logger;
  timeoutMs: number;
  signal: AbortSignal;
}): Promise<string> {
  const registry = createClient<ModelServiceHandlers>('presage.v1.ModelService', options.registryAddress);
  const client = registry.client;
  const dir = path.join(options.repoRoot, DEMO_DIR);
  const lineage = JSON.parse(fs.readFileSync(path.join(dir, 'lineage.json'), 'utf8')) as Record<
    string,
    unknown
  >;
  const actor = { metadata: { 'x-presage-actor': 'presage up' } };
  try {
    await ignoreExisting(
      client.CreateModel(
        { parent: 'projects/demo', model: { name: 'iris', description: 'Bundled demo: iris classifier' } },
        actor,
      ),
    );
    await ignoreExisting(
      client.CreateVersion(
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
        actor,
      ),
    );
    const deadline = Date.now() + options.timeoutMs;
    for (;;) {
      const version = await client.GetVersion({ name: `${DEMO_MODEL}/versions/v1` });
      if (version.state === 'READY') return 'READY';
      if (version.state === 'FAILED') return `FAILED: ${version.errorMessage}`;
      if (Date.now() > deadline) return version.state;
      await sleep(200, undefined, { signal: options.signal });
    }
  } finally {
    registry.close();
  }
}

async function ignoreExisting(call: Promise<unknown>): Promise<void> {
  try {
    await call;
  } catch (error) {
    if ((error as ApiError).code !== StatusCode.ALREADY_EXISTS) throw error;
  }
}
