// Original file: protos/presage/v1/job_service.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { CancelJobRequest as _presage_v1_CancelJobRequest, CancelJobRequest__Output as _presage_v1_CancelJobRequest__Output } from '../../presage/v1/CancelJobRequest';
import type { CreateJobRequest as _presage_v1_CreateJobRequest, CreateJobRequest__Output as _presage_v1_CreateJobRequest__Output } from '../../presage/v1/CreateJobRequest';
import type { Empty as _google_protobuf_Empty, Empty__Output as _google_protobuf_Empty__Output } from '../../google/protobuf/Empty';
import type { GetJobRequest as _presage_v1_GetJobRequest, GetJobRequest__Output as _presage_v1_GetJobRequest__Output } from '../../presage/v1/GetJobRequest';
import type { Job as _presage_v1_Job, Job__Output as _presage_v1_Job__Output } from '../../presage/v1/Job';
import type { ListJobsRequest as _presage_v1_ListJobsRequest, ListJobsRequest__Output as _presage_v1_ListJobsRequest__Output } from '../../presage/v1/ListJobsRequest';
import type { ListJobsResponse as _presage_v1_ListJobsResponse, ListJobsResponse__Output as _presage_v1_ListJobsResponse__Output } from '../../presage/v1/ListJobsResponse';
import type { UpdateJobRequest as _presage_v1_UpdateJobRequest, UpdateJobRequest__Output as _presage_v1_UpdateJobRequest__Output } from '../../presage/v1/UpdateJobRequest';

export interface JobServiceClient extends grpc.Client {
  CancelJob(argument: _presage_v1_CancelJobRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_google_protobuf_Empty__Output>): grpc.ClientUnaryCall;
  CancelJob(argument: _presage_v1_CancelJobRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_google_protobuf_Empty__Output>): grpc.ClientUnaryCall;
  CancelJob(argument: _presage_v1_CancelJobRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_google_protobuf_Empty__Output>): grpc.ClientUnaryCall;
  CancelJob(argument: _presage_v1_CancelJobRequest, callback: grpc.requestCallback<_google_protobuf_Empty__Output>): grpc.ClientUnaryCall;
  cancelJob(argument: _presage_v1_CancelJobRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_google_protobuf_Empty__Output>): grpc.ClientUnaryCall;
  cancelJob(argument: _presage_v1_CancelJobRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_google_protobuf_Empty__Output>): grpc.ClientUnaryCall;
  cancelJob(argument: _presage_v1_CancelJobRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_google_protobuf_Empty__Output>): grpc.ClientUnaryCall;
  cancelJob(argument: _presage_v1_CancelJobRequest, callback: grpc.requestCallback<_google_protobuf_Empty__Output>): grpc.ClientUnaryCall;
  
  CreateJob(argument: _presage_v1_CreateJobRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_v1_Job__Output>): grpc.ClientUnaryCall;
  CreateJob(argument: _presage_v1_CreateJobRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_presage_v1_Job__Output>): grpc.ClientUnaryCall;
  CreateJob(argument: _presage_v1_CreateJobRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_v1_Job__Output>): grpc.ClientUnaryCall;
  CreateJob(argument: _presage_v1_CreateJobRequest, callback: grpc.requestCallback<_presage_v1_Job__Output>): grpc.ClientUnaryCall;
  createJob(argument: _presage_v1_CreateJobRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_v1_Job__Output>): grpc.ClientUnaryCall;
  createJob(argument: _presage_v1_CreateJobRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_presage_v1_Job__Output>): grpc.ClientUnaryCall;
  createJob(argument: _presage_v1_CreateJobRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_v1_Job__Output>): grpc.ClientUnaryCall;
  createJob(argument: _presage_v1_CreateJobRequest, callback: grpc.requestCallback<_presage_v1_Job__Output>): grpc.ClientUnaryCall;
  
  GetJob(argument: _presage_v1_GetJobRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_v1_Job__Output>): grpc.ClientUnaryCall;
  GetJob(argument: _presage_v1_GetJobRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_presage_v1_Job__Output>): grpc.ClientUnaryCall;
  GetJob(argument: _presage_v1_GetJobRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_v1_Job__Output>): grpc.ClientUnaryCall;
  GetJob(argument: _presage_v1_GetJobRequest, callback: grpc.requestCallback<_presage_v1_Job__Output>): grpc.ClientUnaryCall;
  getJob(argument: _presage_v1_GetJobRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_v1_Job__Output>): grpc.ClientUnaryCall;
  getJob(argument: _presage_v1_GetJobRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_presage_v1_Job__Output>): grpc.ClientUnaryCall;
  getJob(argument: _presage_v1_GetJobRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_v1_Job__Output>): grpc.ClientUnaryCall;
  getJob(argument: _presage_v1_GetJobRequest, callback: grpc.requestCallback<_presage_v1_Job__Output>): grpc.ClientUnaryCall;
  
  ListJobs(argument: _presage_v1_ListJobsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_v1_ListJobsResponse__Output>): grpc.ClientUnaryCall;
  ListJobs(argument: _presage_v1_ListJobsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_presage_v1_ListJobsResponse__Output>): grpc.ClientUnaryCall;
  ListJobs(argument: _presage_v1_ListJobsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_v1_ListJobsResponse__Output>): grpc.ClientUnaryCall;
  ListJobs(argument: _presage_v1_ListJobsRequest, callback: grpc.requestCallback<_presage_v1_ListJobsResponse__Output>): grpc.ClientUnaryCall;
  listJobs(argument: _presage_v1_ListJobsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_v1_ListJobsResponse__Output>): grpc.ClientUnaryCall;
  listJobs(argument: _presage_v1_ListJobsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_presage_v1_ListJobsResponse__Output>): grpc.ClientUnaryCall;
  listJobs(argument: _presage_v1_ListJobsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_v1_ListJobsResponse__Output>): grpc.ClientUnaryCall;
  listJobs(argument: _presage_v1_ListJobsRequest, callback: grpc.requestCallback<_presage_v1_ListJobsResponse__Output>): grpc.ClientUnaryCall;
  
  UpdateJob(argument: _presage_v1_UpdateJobRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_v1_Job__Output>): grpc.ClientUnaryCall;
  UpdateJob(argument: _presage_v1_UpdateJobRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_presage_v1_Job__Output>): grpc.ClientUnaryCall;
  UpdateJob(argument: _presage_v1_UpdateJobRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_v1_Job__Output>): grpc.ClientUnaryCall;
  UpdateJob(argument: _presage_v1_UpdateJobRequest, callback: grpc.requestCallback<_presage_v1_Job__Output>): grpc.ClientUnaryCall;
  updateJob(argument: _presage_v1_UpdateJobRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_v1_Job__Output>): grpc.ClientUnaryCall;
  updateJob(argument: _presage_v1_UpdateJobRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_presage_v1_Job__Output>): grpc.ClientUnaryCall;
  updateJob(argument: _presage_v1_UpdateJobRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_presage_v1_Job__Output>): grpc.ClientUnaryCall;
  updateJob(argument: _presage_v1_UpdateJobRequest, callback: grpc.requestCallback<_presage_v1_Job__Output>): grpc.ClientUnaryCall;
  
}

export interface JobServiceHandlers extends grpc.UntypedServiceImplementation {
  CancelJob: grpc.handleUnaryCall<_presage_v1_CancelJobRequest__Output, _google_protobuf_Empty>;
  
  CreateJob: grpc.handleUnaryCall<_presage_v1_CreateJobRequest__Output, _presage_v1_Job>;
  
  GetJob: grpc.handleUnaryCall<_presage_v1_GetJobRequest__Output, _presage_v1_Job>;
  
  ListJobs: grpc.handleUnaryCall<_presage_v1_ListJobsRequest__Output, _presage_v1_ListJobsResponse>;
  
  UpdateJob: grpc.handleUnaryCall<_presage_v1_UpdateJobRequest__Output, _presage_v1_Job>;
  
}

export interface JobServiceDefinition extends grpc.ServiceDefinition {
  CancelJob: MethodDefinition<_presage_v1_CancelJobRequest, _google_protobuf_Empty, _presage_v1_CancelJobRequest__Output, _google_protobuf_Empty__Output>
  CreateJob: MethodDefinition<_presage_v1_CreateJobRequest, _presage_v1_Job, _presage_v1_CreateJobRequest__Output, _presage_v1_Job__Output>
  GetJob: MethodDefinition<_presage_v1_GetJobRequest, _presage_v1_Job, _presage_v1_GetJobRequest__Output, _presage_v1_Job__Output>
  ListJobs: MethodDefinition<_presage_v1_ListJobsRequest, _presage_v1_ListJobsResponse, _presage_v1_ListJobsRequest__Output, _presage_v1_ListJobsResponse__Output>
  UpdateJob: MethodDefinition<_presage_v1_UpdateJobRequest, _presage_v1_Job, _presage_v1_UpdateJobRequest__Output, _presage_v1_Job__Output>
}
