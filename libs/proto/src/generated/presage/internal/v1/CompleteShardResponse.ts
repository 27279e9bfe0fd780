// Original file: protos/presage/internal/v1/batch.proto


export interface CompleteShardResponse {
}

export interface CompleteShardResponse__Output {
}
