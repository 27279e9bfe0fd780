// Original file: protos/presage/internal/v1/deployment.proto


export interface ListScaleTargetsRequest {
}

export interface ListScaleTargetsRequest__Output {
}
