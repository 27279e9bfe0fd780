// Original file: protos/presage/internal/v1/batch.proto


export interface FailShardResponse {
}

export interface FailShardResponse__Output {
}
