// Original file: protos/presage/internal/v1/deployment.proto


export interface WatchDeploymentTargetsRequest {
}

export interface WatchDeploymentTargetsRequest__Output {
}
