import type { DeployerDrivers } from './deployer-drivers';
import { LocalServingDriver } from './local-serving-driver';
import type { LocalServingDriverOptions } from './local-serving-driver';
import { LocalWorkerDriver } from './local-worker-driver';

/**
 * Serving replicas and batch workers as predictor processes on this machine: the replicas a previous
 * deployer left are adopted (see LocalServingDriver.adopt), the workers it left are killed.
 */
export async function createLocalDrivers(options: LocalServingDriverOptions): Promise<DeployerDrivers> {
  const serving = new LocalServingDriver(options);
  const workers = new LocalWorkerDriver(options);
  workers.killStrays();
  await serving.adopt();
  return {
    serving,
    workers,
    async close() {
      await Promise.all([workers.close(), serving.close()]);
    },
  };
}
