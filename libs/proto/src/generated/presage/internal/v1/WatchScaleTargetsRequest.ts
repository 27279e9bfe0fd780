// Original file: protos/presage/internal/v1/deployment.proto


export interface WatchScaleTargetsRequest {
}

export interface WatchScaleTargetsRequest__Output {
}
