// Original file: protos/presage/internal/v1/autoscaler.proto


export interface ReportDemandRequest {
  'version'?: (string);
  'queued'?: (number);
}

export interface ReportDemandRequest__Output {
  'version': (string);
  'queued': (number);
}
