export { buildFixture, expectedPredictions, fixtureModelBytes, FIXTURE_NAMES } from './build-fixture';
export type { Fixture, FixtureName, TensorSignature } from './build-fixture';
export { expectClose } from './expect-close';
export { encodeModel, floatTensor, int64Tensor, IR_VERSION, signatureOf } from './onnx-graph';
export type { AttributeValue, Dtype, GraphSpec, NodeSpec, ValueSpec } from './onnx-graph';
export { createPrng, uniformFloat32 } from './prng';
export { buildTfjsFixture, TFJS_FIXTURE_NAMES, writeTfjsMlp } from './tfjs-fixtures';
export type { TfjsFixture, TfjsFixtureName } from './tfjs-fixtures';
