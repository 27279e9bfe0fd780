import { desiredReplicas } from './desired-replicas';

describe('desiredReplicas', () => {
  it('follows manualScaling.nodes, then autoScaling.minNodes, and never goes below one', () => {
    expect(desiredReplicas({ manualScaling: { nodes: 3 }, autoScaling: null })).toBe(3);
    expect(desiredReplicas({ manualScaling: null, autoScaling: { minNodes: 2 } })).toBe(2);
    expect(desiredReplicas({ manualScaling: null, autoScaling: { minNodes: 0 } })).toBe(1);
    expect(desiredReplicas({})).toBe(1);
  });
});
