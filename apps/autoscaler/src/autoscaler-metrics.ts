import type { Meter } from '@opentelemetry/api';
import type { VersionDecision } from './domain/scaling-state';

/** The autoscaler's view per version, for dashboards: what it saw and what it asked for. */
export interface AutoscalerMetrics {
  /** Every decision of a tick or a demand report, with the count the deployer took. */
  decided(decision: VersionDecision, desired: number): void;
  /** A version is no longer autoscaled (gone, or manual): its series stop. */
  forget(keep: ReadonlySet<string>): void;
}

export function createAutoscalerMetrics(meter: Meter): AutoscalerMetrics {
  const latest = new Map<string, { decision: VersionDecision; desired: number }>();
  const changes = meter.createCounter('presage.autoscaler.scalings', {
    description: 'Replica count changes asked of the deployer, by mode',
  });
  const observe = (
    name: string,
    description: string,
    value: (d: VersionDecision, desired: number) => number,
  ) =>
    meter.createObservableGauge(name, { description }).addCallback((result) => {
      for (const [version, { decision, desired }] of latest) {
        result.observe(value(decision, desired), { 'presage.version': version });
      }
    });
  observe('presage.autoscaler.replicas.desired', 'The replica count asked for', (_, desired) => desired);
  observe('presage.autoscaler.replicas.ready', 'Ready replicas at the last decision', (d) => d.readyReplicas);
  observe(
    'presage.autoscaler.concurrency.stable',
    'Mean concurrency over the stable window',
    (d) => d.stableConcurrency,
  );
  observe(
    'presage.autoscaler.concurrency.panic',
    'Mean concurrency over the panic window',
    (d) => d.panicConcurrency,
  );
  observe('presage.autoscaler.panic', '1 while the version is in panic mode', (d) =>
    d.mode === 'panic' ? 1 : 0,
  );
  return {
    decided(decision, desired) {
      latest.set(decision.version, { decision, desired });
      if (decision.changesReplicas)
        changes.add(1, { 'presage.version': decision.version, mode: decision.mode });
    },
    forget(keep) {
      for (const version of latest.keys()) if (!keep.has(version)) latest.delete(version);
    },
  };
}
