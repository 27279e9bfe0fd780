// Original file: /work/main/protos/presage/v1/model_service.proto


export interface ContainerPort {
  'containerPort'?: (number);
}

export interface ContainerPort__Output {
  'containerPort': (number);
}
