import { checkHealth } from '@presage/grpc-kit';
import { errorMessage } from '@presage/errors';
import type { Readiness } from './rest/rest-server';

/** A service the gateway needs, checked with grpc.health.v1. */
export interface Dependency {
  name: string;
  address: string;
}

const CHECK_TIMEOUT_MS = 1_000;

/**
 * What `GET /readyz` answers. The gateway is ready once it has reached every service it needs since it
 * started (it can then resolve versions and route to replicas), and stays ready while one of them is
 * down: it serves READY versions from what it last learned, so taking it out of a load balancer then
 * would only turn a degraded platform into an unreachable one. The body says which service is down
 * (`"status": "degraded"`).
 */
export function createReadiness(dependencies: Dependency[]): () => Promise<Readiness> {
  const reached = new Set<string>();
  return async () => {
    const checks: Record<string, string> = {};
    await Promise.all(
      dependencies.map(async ({ name, address }) => {
        const status = await checkHealth(address, '', CHECK_TIMEOUT_MS).catch(
          (error: unknown) => `unreachable at ${address}: ${errorMessage(error)}`,
        );
        if (status === 'SERVING') reached.add(name);
        checks[name] = status;
      }),
    );
    const serving = dependencies.every(({ name }) => checks[name] === 'SERVING');
    const everReached = dependencies.every(({ name }) => reached.has(name));
    return { status: serving ? 'ready' : everReached ? 'degraded' : 'not ready', checks };
  };
}
