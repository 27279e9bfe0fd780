// Original file: protos/presage/v1/model_service.proto


// Original file: protos/presage/v1/model_service.proto

export const _presage_v1_MetricSpec_MetricName = {
  METRIC_NAME_UNSPECIFIED: 'METRIC_NAME_UNSPECIFIED',
  CPU_USAGE: 'CPU_USAGE',
  GPU_DUTY_CYCLE: 'GPU_DUTY_CYCLE',
} as const;

export type _presage_v1_MetricSpec_MetricName =
  | 'METRIC_NAME_UNSPECIFIED'
  | 0
  | 'CPU_USAGE'
  | 1
  | 'GPU_DUTY_CYCLE'
  | 2

export type _presage_v1_MetricSpec_MetricName__Output = typeof _presage_v1_MetricSpec_MetricName[keyof typeof _presage_v1_MetricSpec_MetricName]

export interface MetricSpec {
  'name'?: (_presage_v1_MetricSpec_MetricName);
  'target'?: (number);
}

export interface MetricSpec__Output {
  'name': (_presage_v1_MetricSpec_MetricName__Output);
  'target': (number);
}
