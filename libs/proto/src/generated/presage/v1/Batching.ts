// Original file: protos/presage/v1/model_service.proto


export interface Batching {
  'maxBatchSize'?: (number);
  'maxQueueDelayMs'?: (number);
}

export interface Batching__Output {
  'maxBatchSize': (number);
  'maxQueueDelayMs': (number);
}
