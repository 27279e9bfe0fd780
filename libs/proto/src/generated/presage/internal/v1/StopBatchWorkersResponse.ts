// Original file: protos/presage/internal/v1/deployment.proto


export interface StopBatchWorkersResponse {
}

export interface StopBatchWorkersResponse__Output {
}
