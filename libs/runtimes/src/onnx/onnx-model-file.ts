/** The file of an ONNX model, apart from the runtime (which loads onnxruntime-node). */
export const ONNX_MODEL_FILE = 'model.onnx';
