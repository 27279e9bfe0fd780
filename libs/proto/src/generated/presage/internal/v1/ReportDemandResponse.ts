// Original file: protos/presage/internal/v1/autoscaler.proto


export interface ReportDemandResponse {
  'desired'?: (number);
}

export interface ReportDemandResponse__Output {
  'desired': (number);
}
