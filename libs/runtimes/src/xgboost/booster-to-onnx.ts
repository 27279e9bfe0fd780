import type { Booster } from './xgboost-booster';
import type { AttributeValue, NodeSpec, ValueSpec } from './onnx-writer';
import { encodeGraph, int64Initializer } from './onnx-writer';

/** The converted model's one input: the feature vectors, float32 [N, num_feature]; NaN is missing. */
export const FEATURES_INPUT = 'features';

/** The converted model's one output, per objective family. */
export const OUTPUT_NAMES = {
  identity: 'value',
  sigmoid: 'probability',
  softmax: 'probabilities',
  argmax: 'label',
} as const;

/**
 * The booster as an ONNX graph: an ai.onnx.ml TreeEnsembleRegressor summing every tree's leaf into its
 * group's margin (starting from base_score's margin), then the objective's transform with ONNX ops.
 * XGBoost goes left when x < threshold, and missing values (NaN) follow each node's default direction.
 */
export function boosterToOnnx(booster: Booster): Uint8Array {
  const output = OUTPUT_NAMES[booster.transform];
  const { nodes, initializers } = transformNodes(booster, 'margin', output);
  const outputSpec: ValueSpec =
    booster.transform === 'softmax'
      ? { name: output, dtype: 'float32', shape: ['N', booster.numGroups] }
      : { name: output, dtype: booster.transform === 'argmax' ? 'int64' : 'float32', shape: ['N'] };
  return encodeGraph({
    name: 'xgboost',
    docString: `Converted by Presage from an XGBoost ${booster.objective} model (${booster.trees.length} trees)`,
    inputs: [{ name: FEATURES_INPUT, dtype: 'float32', shape: ['N', booster.numFeature] }],
    outputs: [outputSpec],
    nodes: [
      {
        opType: 'TreeEnsembleRegressor',
        domain: 'ai.onnx.ml',
        inputs: [FEATURES_INPUT],
        outputs: ['margin'],
        attributes: ensembleAttributes(booster),
      },
      ...nodes,
    ],
    initializers,
  });
}

function transformNodes(
  booster: Booster,
  margin: string,
  output: string,
): { nodes: NodeSpec[]; initializers: ReturnType<typeof int64Initializer>[] } {
  // [N, 1] → [N]: one number per instance.
  const flat = int64Initializer('flat_shape', [1], [-1]);
  switch (booster.transform) {
    case 'identity':
      return {
        nodes: [{ opType: 'Reshape', inputs: [margin, 'flat_shape'], outputs: [output] }],
        initializers: [flat],
      };
    case 'sigmoid':
      return {
        nodes: [
          { opType: 'Sigmoid', inputs: [margin], outputs: ['probability_2d'] },
          { opType: 'Reshape', inputs: ['probability_2d', 'flat_shape'], outputs: [output] },
        ],
        initializers: [flat],
      };
    case 'softmax':
      return {
        nodes: [{ opType: 'Softmax', inputs: [margin], outputs: [output], attributes: { axis: { int: 1 } } }],
        initializers: [],
      };
    case 'argmax':
      return {
        nodes: [
          {
            opType: 'ArgMax',
            inputs: [margin],
            outputs: [output],
            attributes: { axis: { int: 1 }, keepdims: { int: 0 } },
          },
        ],
        initializers: [],
      };
  }
}

function ensembleAttributes(booster: Booster): Record<string, AttributeValue> {
  const n = {
    treeIds: [] as number[],
    nodeIds: [] as number[],
    featureIds: [] as number[],
    values: [] as number[],
    modes: [] as string[],
    trueIds: [] as number[],
    falseIds: [] as number[],
    missingTrue: [] as number[],
  };
  const target = {
    treeIds: [] as number[],
    nodeIds: [] as number[],
    ids: [] as number[],
    weights: [] as number[],
  };
  booster.trees.forEach((tree, t) => {
    tree.left.forEach((left, node) => {
      const isLeaf = left === -1;
      n.treeIds.push(t);
      n.nodeIds.push(node);
      n.featureIds.push(isLeaf ? 0 : tree.feature[node]!);
      n.values.push(isLeaf ? 0 : tree.condition[node]!);
      n.modes.push(isLeaf ? 'LEAF' : 'BRANCH_LT');
      n.trueIds.push(isLeaf ? 0 : left);
      n.falseIds.push(isLeaf ? 0 : tree.right[node]!);
      n.missingTrue.push(!isLeaf && tree.defaultLeft[node] ? 1 : 0);
      if (isLeaf) {
        target.treeIds.push(t);
        target.nodeIds.push(node);
        target.ids.push(tree.group);
        target.weights.push(tree.condition[node]!);
      }
    });
  });
  return {
    n_targets: { int: booster.numGroups },
    aggregate_function: { string: 'SUM' },
    post_transform: { string: 'NONE' },
    base_values: { floats: booster.baseMargins },
    nodes_treeids: { ints: n.treeIds },
    nodes_nodeids: { ints: n.nodeIds },
    nodes_featureids: { ints: n.featureIds },
    nodes_values: { floats: n.values },
    nodes_modes: { strings: n.modes },
    nodes_truenodeids: { ints: n.trueIds },
    nodes_falsenodeids: { ints: n.falseIds },
    nodes_missing_value_tracks_true: { ints: n.missingTrue },
    target_treeids: { ints: target.treeIds },
    target_nodeids: { ints: target.nodeIds },
    target_ids: { ints: target.ids },
    target_weights: { floats: target.weights },
  };
}
