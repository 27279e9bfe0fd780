import fs from 'node:fs';
import path from 'node:path';
import type { RunningPredictor } from './local-process';
import { DEFAULT_BATCHING_SPEC } from './runtime-spec';
import type { ReplicaSpec } from './serving-driver';

/** A ready replica as the local driver writes it down, to adopt it after a deployer restart. */
export interface ReplicaRecord extends RunningPredictor {
  name: string;
  spec: ReplicaSpec;
  /** The host it is advertised at; '' for loopback. A deployer advertising another host replaces it. */
  advertiseHost: string;
}

/** A process the local driver started, identified beyond its pid by the instance token in its environment. */
export interface ProcessRecord {
  pid: number;
  instance: string;
}

export interface RecordedProcesses {
  /** Ready replicas: a deployer that restarts adopts them. */
  replicas: ReplicaRecord[];
  /**
   * Batch workers and replicas not ready yet: a deployer that restarts kills them (a worker's shards go
   * back to its job; a replica is started again if its version still wants it).
   */
  transient: ProcessRecord[];
}

const EMPTY: RecordedProcesses = { replicas: [], transient: [] };

/**
 * A local driver's processes in a JSON file under `stateDir`, rewritten whole (a temporary file renamed
 * into place) whenever one is ready or gone, so a deployer that dies at any moment leaves a readable file.
 */
export class ReplicaRecords {
  readonly file: string;

  /** `fileName`: `replicas.json` for serving replicas, `workers.json` for batch workers. */
  constructor(
    readonly stateDir: string,
    fileName = 'replicas.json',
  ) {
    this.file = path.join(stateDir, fileName);
  }

  read(): RecordedProcesses {
    try {
      const parsed = JSON.parse(fs.readFileSync(this.file, 'utf8')) as Partial<RecordedProcesses>;
      return {
        // Records written before versions had batching settings: the defaults they ran with.
        replicas: (Array.isArray(parsed.replicas) ? parsed.replicas : []).map((record) => ({
          ...record,
          spec: {
            ...record.spec,
            runtime: {
              ...record.spec.runtime,
              batching: record.spec.runtime.batching ?? DEFAULT_BATCHING_SPEC,
            },
          },
        })),
        transient: Array.isArray(parsed.transient) ? parsed.transient : [],
      };
    } catch {
      return EMPTY;
    }
  }

  write(processes: RecordedProcesses): void {
    fs.mkdirSync(this.stateDir, { recursive: true });
    const temporary = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, JSON.stringify(processes));
    fs.renameSync(temporary, this.file);
  }
}
