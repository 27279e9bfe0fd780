import type { ServingDriver } from './serving-driver';
import type { WorkerDriver } from './worker-driver';

/** The drivers of one deployer, of one kind (local processes or Kubernetes), closed together. */
export interface DeployerDrivers {
  serving: ServingDriver;
  workers: WorkerDriver;
  close(): Promise<void>;
}
