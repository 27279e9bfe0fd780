import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  ParentBasedSampler,
  TraceIdRatioBasedSampler,
} from '@opentelemetry/sdk-trace';
import type { Sampler } from '@opentelemetry/sdk-trace';
import { EnvReader } from '@presage/env';

/** OTEL_TRACES_SAMPLER's values that Presage honours (the OpenTelemetry SDK environment specification). */
export const SAMPLER_NAMES = [
  'always_on',
  'always_off',
  'traceidratio',
  'parentbased_always_on',
  'parentbased_always_off',
  'parentbased_traceidratio',
] as const;

export type SamplerName = (typeof SAMPLER_NAMES)[number];

/** Which requests are traced. */
export interface SamplerSetting {
  name: SamplerName;
  /** The share of new traces kept by the ratio samplers, from 0 to 1. */
  ratio: number;
}

/**
 * The default: a trace a caller started and sampled (its `traceparent` says so) is always continued; of
 * the others, 1 in 100 is traced. At the rates a replica serves (thousands of predictions a second) that
 * is still tens of traces a second to see where time goes, while the other 99 % cost nothing: no span
 * is recorded or exported for them.
 */
export const DEFAULT_SAMPLER: SamplerSetting = { name: 'parentbased_traceidratio', ratio: 0.01 };

/** OTEL_TRACES_SAMPLER and OTEL_TRACES_SAMPLER_ARG, each problem added to `problems`. */
export function readSamplerEnv(env: NodeJS.ProcessEnv, problems: string[]): SamplerSetting {
  const reader = new EnvReader(env, problems);
  const name = reader.text('OTEL_TRACES_SAMPLER', DEFAULT_SAMPLER.name).trim().toLowerCase();
  if (!(SAMPLER_NAMES as readonly string[]).includes(name)) {
    reader.problem(`OTEL_TRACES_SAMPLER must be one of ${SAMPLER_NAMES.join(', ')}, got "${name}"`);
    return DEFAULT_SAMPLER;
  }
  const ratio = reader.number('OTEL_TRACES_SAMPLER_ARG', {
    default: DEFAULT_SAMPLER.ratio,
    min: 0,
    max: 1,
    what: 'a ratio',
  });
  return { name: name as SamplerName, ratio };
}

export function createSampler(setting: SamplerSetting): Sampler {
  const root = {
    always_on: () => new AlwaysOnSampler(),
    always_off: () => new AlwaysOffSampler(),
    traceidratio: () => new TraceIdRatioBasedSampler(setting.ratio),
  };
  switch (setting.name) {
    case 'always_on':
    case 'always_off':
    case 'traceidratio':
      return root[setting.name]();
    case 'parentbased_always_on':
      return new ParentBasedSampler({ root: root.always_on() });
    case 'parentbased_always_off':
      return new ParentBasedSampler({ root: root.always_off() });
    case 'parentbased_traceidratio':
      return new ParentBasedSampler({ root: root.traceidratio() });
  }
}
