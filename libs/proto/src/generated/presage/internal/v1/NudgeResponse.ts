// Original file: protos/presage/internal/v1/deployment.proto


export interface NudgeResponse {
}

export interface NudgeResponse__Output {
}
