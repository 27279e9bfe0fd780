// Original file: protos/presage/internal/v1/predictor.proto


export interface GetModelInfoRequest {
}

export interface GetModelInfoRequest__Output {
}
