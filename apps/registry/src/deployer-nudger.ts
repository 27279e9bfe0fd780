import { createClient } from '@presage/grpc-kit';
import type { Logger } from '@presage/log';
import { DeployerService } from '@presage/proto';
import type { DeployerNudger } from './handlers/deps';

const NUDGE_DEADLINE_MS = 2_000;

/** Nudges over gRPC, fire-and-forget: a missed nudge only delays work until the deployer's next tick. */
export function createDeployerNudger(
  address: string | undefined,
  logger: Logger,
): DeployerNudger & { close(): void } {
  if (!address) return { nudge: () => undefined, close: () => undefined };
  const deployer = createClient(DeployerService, address);
  return {
    nudge(version) {
      deployer.client.Nudge({ version }, { deadlineMs: NUDGE_DEADLINE_MS }).catch((error: unknown) => {
        logger.warn('deployer nudge failed; it will reconcile on its timer', { version, error });
      });
    },
    close: () => deployer.close(),
  };
}
