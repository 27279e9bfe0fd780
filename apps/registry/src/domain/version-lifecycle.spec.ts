import { ApiError, StatusCode } from '@presage/errors';
import type { LifecycleEvent, LifecycleState, Transition } from './version-lifecycle';
import {
  DEPLOYER_STATES,
  LIFECYCLE_EVENTS,
  LIFECYCLE_STATES,
  requireTransition,
  settlementErrorCode,
  transition,
  updateEvent,
} from './version-lifecycle';

const V = 'projects/p/models/m/versions/v1';

/**
 * The whole table, written out by hand: `next · operation · event` for a move, `✗ CODE REASON` for a
 * refusal. Operations: `start TYPE` (pending), `done TYPE` (started and done at once), `settle TYPE with`.
 */
const EXPECTED: Record<LifecycleState, Record<LifecycleEvent, string>> = {
  GONE: {
    'create-requested': 'CREATING · start CREATE_VERSION · CREATED',
    'edit-requested': '✗ NOT_FOUND VERSION_NOT_FOUND',
    'update-requested': '✗ NOT_FOUND VERSION_NOT_FOUND',
    'delete-requested': '✗ NOT_FOUND VERSION_NOT_FOUND',
    'default-requested': '✗ NOT_FOUND VERSION_NOT_FOUND',
    'traffic-requested': '✗ NOT_FOUND VERSION_NOT_FOUND',
    deployed: '✗ NOT_FOUND VERSION_NOT_FOUND',
    failed: '✗ NOT_FOUND VERSION_NOT_FOUND',
    undeployed: '✗ NOT_FOUND VERSION_NOT_FOUND',
  },
  CREATING: {
    'create-requested': '✗ ALREADY_EXISTS VERSION_EXISTS',
    'edit-requested': '✗ FAILED_PRECONDITION VERSION_BUSY',
    'update-requested': '✗ FAILED_PRECONDITION VERSION_BUSY',
    'delete-requested': '✗ FAILED_PRECONDITION VERSION_BUSY',
    'default-requested': '✗ FAILED_PRECONDITION VERSION_NOT_READY',
    'traffic-requested': '✗ FAILED_PRECONDITION VERSION_NOT_READY',
    deployed: 'READY · settle CREATE_VERSION response · DEPLOYED',
    failed: 'FAILED · settle CREATE_VERSION error · FAILED',
    undeployed: '✗ FAILED_PRECONDITION REPORT_NOT_APPLICABLE',
  },
  READY: {
    'create-requested': '✗ ALREADY_EXISTS VERSION_EXISTS',
    'edit-requested': 'READY · done UPDATE_VERSION · UPDATED',
    'update-requested': 'UPDATING · start UPDATE_VERSION · UPDATED',
    'delete-requested': 'DELETING · start DELETE_VERSION · DELETION_REQUESTED',
    'default-requested': 'READY · none · BECAME_DEFAULT',
    'traffic-requested': 'READY · none · -',
    deployed: '✗ FAILED_PRECONDITION REPORT_NOT_APPLICABLE',
    failed: '✗ FAILED_PRECONDITION REPORT_NOT_APPLICABLE',
    undeployed: '✗ FAILED_PRECONDITION REPORT_NOT_APPLICABLE',
  },
  UPDATING: {
    'create-requested': '✗ ALREADY_EXISTS VERSION_EXISTS',
    'edit-requested': '✗ FAILED_PRECONDITION VERSION_BUSY',
    'update-requested': '✗ FAILED_PRECONDITION VERSION_BUSY',
    'delete-requested': '✗ FAILED_PRECONDITION VERSION_BUSY',
    'default-requested': '✗ FAILED_PRECONDITION VERSION_NOT_READY',
    'traffic-requested': '✗ FAILED_PRECONDITION VERSION_NOT_READY',
    deployed: 'READY · settle UPDATE_VERSION response · -',
    failed: 'READY · settle UPDATE_VERSION error · FAILED',
    undeployed: '✗ FAILED_PRECONDITION REPORT_NOT_APPLICABLE',
  },
  FAILED: {
    'create-requested': '✗ ALREADY_EXISTS VERSION_EXISTS',
    'edit-requested': 'FAILED · done UPDATE_VERSION · UPDATED',
    'update-requested': 'FAILED · done UPDATE_VERSION · UPDATED',
    'delete-requested': 'DELETING · start DELETE_VERSION · DELETION_REQUESTED',
    'default-requested': '✗ FAILED_PRECONDITION VERSION_NOT_READY',
    'traffic-requested': '✗ FAILED_PRECONDITION VERSION_NOT_READY',
    deployed: '✗ FAILED_PRECONDITION REPORT_NOT_APPLICABLE',
    failed: '✗ FAILED_PRECONDITION REPORT_NOT_APPLICABLE',
    undeployed: '✗ FAILED_PRECONDITION REPORT_NOT_APPLICABLE',
  },
  DELETING: {
    'create-requested': '✗ ALREADY_EXISTS VERSION_EXISTS',
    'edit-requested': '✗ FAILED_PRECONDITION VERSION_BUSY',
    'update-requested': '✗ FAILED_PRECONDITION VERSION_BUSY',
    'delete-requested': '✗ FAILED_PRECONDITION VERSION_BUSY',
    'default-requested': '✗ FAILED_PRECONDITION VERSION_NOT_READY',
    'traffic-requested': '✗ FAILED_PRECONDITION VERSION_NOT_READY',
    deployed: '✗ FAILED_PRECONDITION REPORT_NOT_APPLICABLE',
    failed: 'FAILED · settle DELETE_VERSION error · FAILED',
    undeployed: 'GONE · settle DELETE_VERSION response · UNDEPLOYED',
  },
};

function describeTransition(t: Transition): string {
  if (!t.allowed) return `✗ ${StatusCode[t.code]} ${t.reason}`;
  const op = t.operation;
  const operation =
    op.kind === 'none'
      ? 'none'
      : op.kind === 'start'
        ? `start ${op.type}`
        : op.kind === 'start-done'
          ? `done ${op.type}`
          : `settle ${op.type} ${op.with}`;
  return `${t.next} · ${operation} · ${t.event ?? '-'}`;
}

const CELLS = LIFECYCLE_STATES.flatMap((state) => LIFECYCLE_EVENTS.map((event) => [state, event] as const));
const REPORTS: LifecycleEvent[] = ['deployed', 'failed', 'undeployed'];
/** The pending operation each in-between state has. */
const PENDING: Partial<Record<LifecycleState, string>> = {
  CREATING: 'CREATE_VERSION',
  UPDATING: 'UPDATE_VERSION',
  DELETING: 'DELETE_VERSION',
};

describe('the version lifecycle', () => {
  it('covers every state and every event, and no more', () => {
    expect(CELLS).toHaveLength(6 * 9);
    expect(Object.keys(EXPECTED).sort()).toEqual([...LIFECYCLE_STATES].sort());
    for (const state of LIFECYCLE_STATES) {
      expect(Object.keys(EXPECTED[state]).sort()).toEqual([...LIFECYCLE_EVENTS].sort());
    }
  });

  it.each(CELLS)('%s + %s', (state, event) => {
    expect(describeTransition(transition(state, event))).toBe(EXPECTED[state][event]);
  });

  it.each(CELLS)('%s + %s: a refusal names the version and, for a stored one, its state', (state, event) => {
    const t = transition(state, event);
    if (t.allowed) return;
    const message = t.message(V);
    expect(message).toContain(V);
    if (state !== 'GONE' && t.code === StatusCode.FAILED_PRECONDITION) expect(message).toContain(state);
  });

  it.each(LIFECYCLE_STATES)(
    '%s: a deployer report settles only the pending operation of that state',
    (state) => {
      for (const event of REPORTS) {
        const t = transition(state, event);
        if (!t.allowed) {
          // A version that exists answers a report it does not take with FAILED_PRECONDITION.
          expect(t.code).toBe(state === 'GONE' ? StatusCode.NOT_FOUND : StatusCode.FAILED_PRECONDITION);
          continue;
        }
        expect(t.operation).toMatchObject({ kind: 'settle', type: PENDING[state] });
      }
    },
  );

  it.each(CELLS)('%s + %s: an operation left pending is one the next state can settle', (state, event) => {
    const t = transition(state, event);
    if (!t.allowed || t.operation.kind !== 'start') return;
    expect(PENDING[t.next]).toBe(t.operation.type);
    const settles = REPORTS.map((report) => transition(t.next, report)).filter((r) => r.allowed);
    expect(settles.length).toBeGreaterThan(0);
    // Every in-between state has a way out both to success and to failure.
    expect(
      settles.some((r) => r.allowed && r.operation.kind === 'settle' && r.operation.with === 'response'),
    ).toBe(true);
    expect(
      settles.some((r) => r.allowed && r.operation.kind === 'settle' && r.operation.with === 'error'),
    ).toBe(true);
  });

  it('never leaves a settled state by a report: READY and FAILED change only on a request', () => {
    for (const state of ['READY', 'FAILED'] as const) {
      for (const event of REPORTS) expect(transition(state, event).allowed).toBe(false);
    }
  });

  it('throws a refusal as an ApiError with its code, message and ErrorInfo reason', () => {
    expect(() => requireTransition('DELETING', 'update-requested', V)).toThrow(ApiError);
    let thrown: unknown;
    try {
      requireTransition('CREATING', 'delete-requested', V);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({
      code: StatusCode.FAILED_PRECONDITION,
      message: `Version ${V} is CREATING and cannot be deleted until its operation finishes.`,
      details: [expect.objectContaining({ reason: 'VERSION_BUSY' })],
    });
    expect(requireTransition('READY', 'delete-requested', V).next).toBe('DELETING');
  });

  it('gives the deployer every stored state but FAILED: each other one has replicas or an operation', () => {
    expect([...DEPLOYER_STATES].sort()).toEqual(
      LIFECYCLE_STATES.filter((s) => s !== 'GONE' && s !== 'FAILED').sort(),
    );
  });

  it('settles an operation with CANCELLED when its cancellation was asked for', () => {
    expect(settlementErrorCode(true)).toBe(StatusCode.CANCELLED);
    expect(settlementErrorCode(false)).toBe(StatusCode.FAILED_PRECONDITION);
  });

  const UPDATES: [string[], LifecycleEvent][] = [
    [['labels', 'description', 'lineage.source'], 'edit-requested'],
    [['request_logging_config', 'auto_scaling.target_concurrency'], 'edit-requested'],
    [['manual_scaling.nodes'], 'update-requested'],
    [['labels', 'auto_scaling.min_nodes'], 'update-requested'],
    [['auto_scaling.max_nodes'], 'update-requested'],
    [['batching.max_batch_size'], 'update-requested'],
    [['batching'], 'update-requested'],
  ];
  it.each(UPDATES)('an update of %j is %s', (paths, event) => {
    expect(updateEvent(paths)).toBe(event);
  });
});
