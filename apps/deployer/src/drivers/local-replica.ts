import { errorMessage } from '@presage/errors';
import { checkHealth } from '@presage/grpc-kit';
import type { Logger } from '@presage/log';
import { adoptPredictorProcess, killStrayPredictor } from './local-process';
import type { PredictorProcess, ProcessOutcome } from './local-process';
import type { ProcessRecord, ReplicaRecord } from './replica-records';
import type { ReplicaSpec } from './serving-driver';

export type Ready = Extract<ProcessOutcome, { ok: true }>;

/** A serving replica of the local driver and the process that runs it now. */
export interface LocalReplica {
  name: string;
  spec: ReplicaSpec;
  process: PredictorProcess | undefined;
  /** What the process reported once ready; undefined while it starts or after it died. */
  ready: Ready | undefined;
  stopping: boolean;
  restarts: number;
  restartTimer: NodeJS.Timeout | undefined;
  /** Its process never got ready (load failure, crash or timeout): the next scale() replaces it. */
  failed: boolean;
}

const HEALTH_TIMEOUT_MS = 2_000;

export function newReplica(name: string, spec: ReplicaSpec): LocalReplica {
  return {
    name,
    spec,
    process: undefined,
    ready: undefined,
    stopping: false,
    restarts: 0,
    restartTimer: undefined,
    failed: false,
  };
}

/** `{version}/replicas/{n}` with the lowest n no replica of the version has. */
export function freeReplicaName(version: string, replicas: LocalReplica[]): string {
  const taken = new Set(replicas.map((r) => r.name));
  for (let index = 0; ; index++) {
    const name = `${version}/replicas/${index}`;
    if (!taken.has(name)) return name;
  }
}

/** Kills a process a previous deployer left, if it is still that process. */
export function killStray(record: ProcessRecord, why: string, logger: Logger): void {
  if (killStrayPredictor(record.pid, record.instance)) {
    logger.warn('killed a predictor a previous deployer left', { pid: record.pid, why });
  }
}

/**
 * A ready replica a previous deployer left, as a replica of this one: still running as recorded,
 * advertised at the same host and answering SERVING. Anything else is killed and gives undefined.
 */
export async function adoptReplica(
  record: ReplicaRecord,
  advertiseHost: string,
  logger: Logger,
): Promise<LocalReplica | undefined> {
  if (record.advertiseHost !== advertiseHost) {
    killStray(record, `it is advertised at "${record.advertiseHost}", not "${advertiseHost}"`, logger);
    return undefined;
  }
  const adopted = adoptPredictorProcess(record);
  if (!adopted) return undefined;
  const health = await checkHealth(record.ready.address, '', HEALTH_TIMEOUT_MS).catch(errorMessage);
  if (health !== 'SERVING') {
    adopted.release();
    killStray(record, `its health check answered ${health}`, logger);
    return undefined;
  }
  const replica = newReplica(record.name, record.spec);
  replica.process = adopted;
  replica.ready = record.ready;
  logger.info('replica adopted', { replica: record.name, pid: record.pid, address: record.ready.address });
  return replica;
}
