import type * as grpc from '@grpc/grpc-js';
import { HealthImplementation } from 'grpc-health-check';

/** The overall status of the server in grpc.health.v1. */
const OVERALL = '';

export interface ServingHealth {
  /** A service to report: SERVING while the server listens, unless set otherwise. */
  register(serviceName: string): void;
  set(serviceName: string, serving: boolean): void;
  /** The server listens: every wanted service (and '') answers SERVING. */
  start(): void;
  /** Shutting down: everything answers NOT_SERVING, for good. */
  stop(): void;
}

/** grpc.health.v1.Health on `server`; what each service wants is kept apart from what is reported. */
export function createServingHealth(server: grpc.Server): ServingHealth {
  const implementation = new HealthImplementation({ [OVERALL]: 'NOT_SERVING' });
  implementation.addToServer(server);
  const wanted = new Map<string, boolean>([[OVERALL, true]]);
  let phase: 'before' | 'serving' | 'stopped' = 'before';

  const report = (serviceName: string): void => {
    const serving = phase === 'serving' && (wanted.get(serviceName) ?? false);
    implementation.setStatus(serviceName, serving ? 'SERVING' : 'NOT_SERVING');
  };

  return {
    register: (serviceName) => {
      wanted.set(serviceName, true);
      report(serviceName);
    },
    set: (serviceName, serving) => {
      wanted.set(serviceName, serving);
      report(serviceName);
    },
    start: () => {
      phase = 'serving';
      for (const serviceName of wanted.keys()) report(serviceName);
    },
    stop: () => {
      phase = 'stopped';
      for (const serviceName of wanted.keys()) report(serviceName);
    },
  };
}
