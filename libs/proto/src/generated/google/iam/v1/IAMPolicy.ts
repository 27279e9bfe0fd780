// Original file: node_modules/google-gax/build/protos/google/iam/v1/iam_policy.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { GetIamPolicyRequest as _google_iam_v1_GetIamPolicyRequest, GetIamPolicyRequest__Output as _google_iam_v1_GetIamPolicyRequest__Output } from '../../../google/iam/v1/GetIamPolicyRequest';
import type { Policy as _google_iam_v1_Policy, Policy__Output as _google_iam_v1_Policy__Output } from '../../../google/iam/v1/Policy';
import type { SetIamPolicyRequest as _google_iam_v1_SetIamPolicyRequest, SetIamPolicyRequest__Output as _google_iam_v1_SetIamPolicyRequest__Output } from '../../../google/iam/v1/SetIamPolicyRequest';
import type { TestIamPermissionsRequest as _google_iam_v1_TestIamPermissionsRequest, TestIamPermissionsRequest__Output as _google_iam_v1_TestIamPermissionsRequest__Output } from '../../../google/iam/v1/TestIamPermissionsRequest';
import type { TestIamPermissionsResponse as _google_iam_v1_TestIamPermissionsResponse, TestIamPermissionsResponse__Output as _google_iam_v1_TestIamPermissionsResponse__Output } from '../../../google/iam/v1/TestIamPermissionsResponse';

export interface IAMPolicyClient extends grpc.Client {
  GetIamPolicy(argument: _google_iam_v1_GetIamPolicyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_google_iam_v1_Policy__Output>): grpc.ClientUnaryCall;
  GetIamPolicy(argument: _google_iam_v1_GetIamPolicyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_google_iam_v1_Policy__Output>): grpc.ClientUnaryCall;
  GetIamPolicy(argument: _google_iam_v1_GetIamPolicyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_google_iam_v1_Policy__Output>): grpc.ClientUnaryCall;
  GetIamPolicy(argument: _google_iam_v1_GetIamPolicyRequest, callback: grpc.requestCallback<_google_iam_v1_Policy__Output>): grpc.ClientUnaryCall;
  getIamPolicy(argument: _google_iam_v1_GetIamPolicyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_google_iam_v1_Policy__Output>): grpc.ClientUnaryCall;
  getIamPolicy(argument: _google_iam_v1_GetIamPolicyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_google_iam_v1_Policy__Output>): grpc.ClientUnaryCall;
  getIamPolicy(argument: _google_iam_v1_GetIamPolicyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_google_iam_v1_Policy__Output>): grpc.ClientUnaryCall;
  getIamPolicy(argument: _google_iam_v1_GetIamPolicyRequest, callback: grpc.requestCallback<_google_iam_v1_Policy__Output>): grpc.ClientUnaryCall;
  
  SetIamPolicy(argument: _google_iam_v1_SetIamPolicyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_google_iam_v1_Policy__Output>): grpc.ClientUnaryCall;
  SetIamPolicy(argument: _google_iam_v1_SetIamPolicyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_google_iam_v1_Policy__Output>): grpc.ClientUnaryCall;
  SetIamPolicy(argument: _google_iam_v1_SetIamPolicyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_google_iam_v1_Policy__Output>): grpc.ClientUnaryCall;
  SetIamPolicy(argument: _google_iam_v1_SetIamPolicyRequest, callback: grpc.requestCallback<_google_iam_v1_Policy__Output>): grpc.ClientUnaryCall;
  setIamPolicy(argument: _google_iam_v1_SetIamPolicyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_google_iam_v1_Policy__Output>): grpc.ClientUnaryCall;
  setIamPolicy(argument: _google_iam_v1_SetIamPolicyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_google_iam_v1_Policy__Output>): grpc.ClientUnaryCall;
  setIamPolicy(argument: _google_iam_v1_SetIamPolicyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_google_iam_v1_Policy__Output>): grpc.ClientUnaryCall;
  setIamPolicy(argument: _google_iam_v1_SetIamPolicyRequest, callback: grpc.requestCallback<_google_iam_v1_Policy__Output>): grpc.ClientUnaryCall;
  
  TestIamPermissions(argument: _google_iam_v1_TestIamPermissionsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_google_iam_v1_TestIamPermissionsResponse__Output>): grpc.ClientUnaryCall;
  TestIamPermissions(argument: _google_iam_v1_TestIamPermissionsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_google_iam_v1_TestIamPermissionsResponse__Output>): grpc.ClientUnaryCall;
  TestIamPermissions(argument: _google_iam_v1_TestIamPermissionsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_google_iam_v1_TestIamPermissionsResponse__Output>): grpc.ClientUnaryCall;
  TestIamPermissions(argument: _google_iam_v1_TestIamPermissionsRequest, callback: grpc.requestCallback<_google_iam_v1_TestIamPermissionsResponse__Output>): grpc.ClientUnaryCall;
  testIamPermissions(argument: _google_iam_v1_TestIamPermissionsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_google_iam_v1_TestIamPermissionsResponse__Output>): grpc.ClientUnaryCall;
  testIamPermissions(argument: _google_iam_v1_TestIamPermissionsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_google_iam_v1_TestIamPermissionsResponse__Output>): grpc.ClientUnaryCall;
  testIamPermissions(argument: _google_iam_v1_TestIamPermissionsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_google_iam_v1_TestIamPermissionsResponse__Output>): grpc.ClientUnaryCall;
  testIamPermissions(argument: _google_iam_v1_TestIamPermissionsRequest, callback: grpc.requestCallback<_google_iam_v1_TestIamPermissionsResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface IAMPolicyHandlers extends grpc.UntypedServiceImplementation {
  GetIamPolicy: grpc.handleUnaryCall<_google_iam_v1_GetIamPolicyRequest__Output, _google_iam_v1_Policy>;
  
  SetIamPolicy: grpc.handleUnaryCall<_google_iam_v1_SetIamPolicyRequest__Output, _google_iam_v1_Policy>;
  
  TestIamPermissions: grpc.handleUnaryCall<_google_iam_v1_TestIamPermissionsRequest__Output, _google_iam_v1_TestIamPermissionsResponse>;
  
}

export interface IAMPolicyDefinition extends grpc.ServiceDefinition {
  GetIamPolicy: MethodDefinition<_google_iam_v1_GetIamPolicyRequest, _google_iam_v1_Policy, _google_iam_v1_GetIamPolicyRequest__Output, _google_iam_v1_Policy__Output>
  SetIamPolicy: MethodDefinition<_google_iam_v1_SetIamPolicyRequest, _google_iam_v1_Policy, _google_iam_v1_SetIamPolicyRequest__Output, _google_iam_v1_Policy__Output>
  TestIamPermissions: MethodDefinition<_google_iam_v1_TestIamPermissionsRequest, _google_iam_v1_TestIamPermissionsResponse, _google_iam_v1_TestIamPermissionsRequest__Output, _google_iam_v1_TestIamPermissionsResponse__Output>
}
