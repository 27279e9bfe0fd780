import type { Meter } from '@opentelemetry/api';

/**
 * The process's CPU time (`process.cpu.time`, seconds, by `cpu.mode` user|system) and resident memory
 * (`process.memory.usage`, bytes), as the OpenTelemetry semantic conventions name them. Observed at
 * each collection: nothing runs between scrapes.
 */
export function registerProcessMetrics(meter: Meter): void {
  meter
    .createObservableCounter('process.cpu.time', { unit: 's', description: 'CPU time used by the process' })
    .addCallback((result) => {
      const usage = process.cpuUsage();
      result.observe(usage.user / 1e6, { 'cpu.mode': 'user' });
      result.observe(usage.system / 1e6, { 'cpu.mode': 'system' });
    });
  meter
    .createObservableGauge('process.memory.usage', {
      unit: 'By',
      description: 'Resident set size of the process',
    })
    .addCallback((result) => result.observe(process.memoryUsage.rss()));
}
