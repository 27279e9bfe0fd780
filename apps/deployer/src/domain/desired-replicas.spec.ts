import { clampReplicas, desiredReplicas } from './desired-replicas';

const settled = { creating: false };
const decided = (replicas: number) => ({ creating: false, autoscaled: { replicas, reason: 'load' } });

describe('desiredReplicas', () => {
  it('follows manualScaling.nodes whatever the autoscaler asked', () => {
    expect(desiredReplicas({ manualScaling: { nodes: 3 }, autoScaling: null }, settled).replicas).toBe(3);
    expect(desiredReplicas({ manualScaling: { nodes: 3 } }, decided(7))).toMatchObject({
      replicas: 3,
      reason: 'manualScaling.nodes is 3',
    });
  });

  it('runs minNodes, and at least one, until the autoscaler decides', () => {
    expect(desiredReplicas({ autoScaling: { minNodes: 2 } }, settled).replicas).toBe(2);
    expect(desiredReplicas({ autoScaling: { minNodes: 0 } }, settled).replicas).toBe(1);
    expect(desiredReplicas({}, settled).replicas).toBe(1);
  });

  it("runs the autoscaler's count clamped to the bounds, zero included", () => {
    const scaling = { autoScaling: { minNodes: 0, maxNodes: 3 } };
    expect(desiredReplicas(scaling, decided(2))).toEqual({ replicas: 2, reason: 'autoscaler: load' });
    expect(desiredReplicas(scaling, decided(0)).replicas).toBe(0);
    expect(desiredReplicas(scaling, decided(9))).toMatchObject({
      replicas: 3,
      reason: expect.stringContaining('clamped to autoScaling [0, 3]'),
    });
    // A raised minNodes re-clamps an older decision.
    expect(desiredReplicas({ autoScaling: { minNodes: 4, maxNodes: 0 } }, decided(2)).replicas).toBe(4);
  });

  it('keeps one replica while the version is CREATING', () => {
    const creating = { creating: true, autoscaled: { replicas: 0, reason: 'idle' } };
    expect(desiredReplicas({ autoScaling: { minNodes: 0 } }, creating).replicas).toBe(1);
  });

  it('never exceeds MAX_REPLICAS without a maxNodes', () => {
    expect(clampReplicas(1000, { minNodes: 0, maxNodes: 0 })).toBe(100);
    expect(clampReplicas(-3, { minNodes: 0, maxNodes: 0 })).toBe(0);
  });
});
