// Original file: protos/presage/v1/model_service.proto


export interface ContainerPort {
  'containerPort'?: (number);
}

export interface ContainerPort__Output {
  'containerPort': (number);
}
