/**
 * The parts of an XGBoost JSON model (`booster.save_model('model.json')`, XGBoost ≥ 1.0) that prediction
 * needs, read and checked. Throws a BoosterFormatError saying what is wrong or unsupported.
 */

/** How a margin becomes a prediction. */
export type OutputTransform = 'identity' | 'sigmoid' | 'softmax' | 'argmax';

/** The objectives Presage converts, and what each does to the margin. */
export const OBJECTIVES: Readonly<Record<string, OutputTransform>> = {
  'reg:squarederror': 'identity',
  'reg:linear': 'identity',
  'reg:logistic': 'sigmoid',
  'binary:logistic': 'sigmoid',
  'multi:softprob': 'softmax',
  'multi:softmax': 'argmax',
};

export interface Tree {
  /** The class (output column) the tree adds to: 0 unless the model is multi-class. */
  group: number;
  left: number[];
  right: number[];
  /** Split feature per node (unused for leaves). */
  feature: number[];
  /** Split threshold (go left when x < it), or the leaf value. */
  condition: number[];
  /** Whether a missing value goes left. */
  defaultLeft: boolean[];
}

export interface Booster {
  objective: string;
  transform: OutputTransform;
  numFeature: number;
  /** 1 unless the model is multi-class. */
  numGroups: number;
  /** The starting margin of each group: base_score, through logit for the logistic objectives. */
  baseMargins: number[];
  trees: Tree[];
  featureNames: string[];
}

export class BoosterFormatError extends Error {
  override readonly name = 'BoosterFormatError';
}

type Json = Record<string, unknown>;

export function readBooster(document: unknown): Booster {
  const learner = object(object(document, 'the file').learner, 'learner');
  const params = object(learner.learner_model_param, 'learner.learner_model_param');
  const objective = string(object(learner.objective, 'learner.objective').name, 'learner.objective.name');
  const transform = OBJECTIVES[objective];
  if (!transform) {
    throw new BoosterFormatError(
      `objective ${objective} is not supported; Presage converts ${Object.keys(OBJECTIVES).join(', ')}`,
    );
  }
  const numFeature = integer(params.num_feature, 'learner_model_param.num_feature');
  const numClass = integer(params.num_class ?? '0', 'learner_model_param.num_class');
  const numTarget = integer(params.num_target ?? '1', 'learner_model_param.num_target');
  if (numTarget > 1)
    throw new BoosterFormatError(`multi-target models (num_target ${numTarget}) are not supported`);
  const multiClass = transform === 'softmax' || transform === 'argmax';
  if (multiClass && numClass < 2)
    throw new BoosterFormatError(`${objective} needs num_class ≥ 2, got ${numClass}`);
  const numGroups = multiClass ? numClass : 1;
  const trees = readTrees(
    object(learner.gradient_booster, 'learner.gradient_booster'),
    numFeature,
    numGroups,
  );
  const featureNames = Array.isArray(learner.feature_names) ? learner.feature_names.map(String) : [];
  return {
    objective,
    transform,
    numFeature,
    numGroups,
    baseMargins: baseMargins(params.base_score, transform, numGroups),
    trees,
    featureNames,
  };
}

function baseMargins(value: unknown, transform: OutputTransform, groups: number): number[] {
  // "5E-1"; XGBoost 3 writes a vector "[5E-1]" (one per target or class).
  const scores = string(value, 'learner_model_param.base_score')
    .replace(/^\[|\]$/g, '')
    .split(',')
    .map((part) => Number(part.trim()));
  if (scores.length !== 1 && scores.length !== groups) {
    throw new BoosterFormatError(`base_score has ${scores.length} values for ${groups} outputs`);
  }
  return Array.from({ length: groups }, (_, k) => {
    const score = scores[scores.length === 1 ? 0 : k]!;
    if (!Number.isFinite(score)) throw new BoosterFormatError(`base_score ${String(value)} is not a number`);
    if (transform !== 'sigmoid') return score;
    // Logistic objectives keep base_score as a probability: the trees add to its logit.
    if (!(score > 0 && score < 1))
      throw new BoosterFormatError(`base_score ${score} of a logistic objective must be in (0, 1)`);
    return Math.log(score / (1 - score));
  });
}

function readTrees(booster: Json, numFeature: number, numGroups: number): Tree[] {
  const name = string(booster.name, 'gradient_booster.name');
  if (name !== 'gbtree') {
    throw new BoosterFormatError(
      `the ${name} booster is not supported; Presage converts gbtree models (booster='gbtree')`,
    );
  }
  const model = object(booster.model, 'gradient_booster.model');
  const trees = array(model.trees, 'gradient_booster.model.trees');
  const groups = array(model.tree_info, 'gradient_booster.model.tree_info');
  if (groups.length !== trees.length)
    throw new BoosterFormatError(`tree_info has ${groups.length} entries for ${trees.length} trees`);
  return trees.map((tree, t) => {
    const group = integer(groups[t], `tree_info[${t}]`);
    if (group >= numGroups) throw new BoosterFormatError(`tree ${t} adds to output ${group} of ${numGroups}`);
    return readTree(object(tree, `trees[${t}]`), t, group, numFeature);
  });
}

function readTree(json: Json, t: number, group: number, numFeature: number): Tree {
  const path = `trees[${t}]`;
  const left = numbers(json.left_children, `${path}.left_children`);
  const right = numbers(json.right_children, `${path}.right_children`);
  const feature = numbers(json.split_indices, `${path}.split_indices`);
  const condition = numbers(json.split_conditions, `${path}.split_conditions`);
  const defaultLeft = numbers(json.default_left, `${path}.default_left`).map((flag) => flag !== 0);
  const splitType = json.split_type === undefined ? [] : numbers(json.split_type, `${path}.split_type`);
  const size = left.length;
  if ([right, feature, condition, defaultLeft].some((list) => list.length !== size)) {
    throw new BoosterFormatError(`${path}: the node arrays have different lengths`);
  }
  if (splitType.some((type) => type !== 0)) {
    throw new BoosterFormatError(
      `${path} has categorical splits, which Presage does not convert; one-hot encode categorical features`,
    );
  }
  for (let node = 0; node < size; node++) {
    const isLeaf = left[node] === -1;
    const childOk = (child: number): boolean => Number.isInteger(child) && child > node && child < size;
    if (!isLeaf && !(childOk(left[node]!) && childOk(right[node]!))) {
      throw new BoosterFormatError(`${path}: node ${node} has invalid children`);
    }
    if (!isLeaf && !(feature[node]! >= 0 && feature[node]! < numFeature)) {
      throw new BoosterFormatError(
        `${path}: node ${node} splits on feature ${feature[node]} of ${numFeature}`,
      );
    }
  }
  return { group, left, right, feature, condition, defaultLeft };
}

function object(value: unknown, what: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new BoosterFormatError(`${what} is missing or not an object`);
  return value as Json;
}

function array(value: unknown, what: string): unknown[] {
  if (!Array.isArray(value)) throw new BoosterFormatError(`${what} is missing or not a list`);
  return value;
}

function numbers(value: unknown, what: string): number[] {
  const list = array(value, what);
  if (!list.every((item) => typeof item === 'number' && Number.isFinite(item)))
    throw new BoosterFormatError(`${what} must hold numbers only`);
  return list as number[];
}

function string(value: unknown, what: string): string {
  if (typeof value !== 'string') throw new BoosterFormatError(`${what} is missing or not a string`);
  return value;
}

/** XGBoost writes integer parameters as strings ("10"). */
function integer(value: unknown, what: string): number {
  const number = typeof value === 'string' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number) || number < 0)
    throw new BoosterFormatError(`${what} must be a non-negative integer, got ${JSON.stringify(value)}`);
  return number;
}
