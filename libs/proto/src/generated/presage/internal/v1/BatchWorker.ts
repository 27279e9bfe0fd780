// Original file: protos/presage/internal/v1/deployment.proto


// Original file: protos/presage/internal/v1/deployment.proto

export const _presage_internal_v1_BatchWorker_State = {
  STATE_UNSPECIFIED: 'STATE_UNSPECIFIED',
  STARTING: 'STARTING',
  RUNNING: 'RUNNING',
  EXITED: 'EXITED',
} as const;

export type _presage_internal_v1_BatchWorker_State =
  | 'STATE_UNSPECIFIED'
  | 0
  | 'STARTING'
  | 1
  | 'RUNNING'
  | 2
  | 'EXITED'
  | 3

export type _presage_internal_v1_BatchWorker_State__Output = typeof _presage_internal_v1_BatchWorker_State[keyof typeof _presage_internal_v1_BatchWorker_State]

export interface BatchWorker {
  'name'?: (string);
  'state'?: (_presage_internal_v1_BatchWorker_State);
}

export interface BatchWorker__Output {
  'name': (string);
  'state': (_presage_internal_v1_BatchWorker_State__Output);
}
