// The scale-from-zero benchmark's first baseline: loading a model alone, in a fresh process so nothing is
// cached in-process — import onnxruntime-node, InferenceSession.create of the model.onnx with the session
// options of Presage's ONNX runtime (intraOp 1, interOp 1, all graph optimisations) and one run of the
// instance given (batch 1, float32, one input and one output).
//
//   node --import tsx tools/bench/model-load.ts --model <dir> --instance '<JSON list of numbers>'
//
// Prints one JSON line: {"importSeconds", "createSeconds", "runSeconds", "prediction"}.
import path from 'node:path';

function seconds(since: bigint): number {
  return Number(process.hrtime.bigint() - since) / 1e9;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const take = (flag: string) => {
    const at = args.indexOf(flag);
    if (at < 0 || args[at + 1] === undefined) throw new Error(`${flag} is required`);
    return args[at + 1]!;
  };
  const dir = take('--model');
  const instance = JSON.parse(take('--instance')) as number[];
  const importing = process.hrtime.bigint();
  // Imported here, not at the top, so the time of loading the native binding is its own number.
  const ort = await import('onnxruntime-node');
  const importSeconds = seconds(importing);
  const creating = process.hrtime.bigint();
  const session = await ort.InferenceSession.create(path.join(dir, 'model.onnx'), {
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
    graphOptimizationLevel: 'all',
  });
  const createSeconds = seconds(creating);
  const running = process.hrtime.bigint();
  const input = new ort.Tensor('float32', Float32Array.from(instance), [1, instance.length]);
  const result = await session.run({ [session.inputNames[0]!]: input });
  const prediction = Array.from(result[session.outputNames[0]!]!.data as Float32Array);
  const runSeconds = seconds(running);
  console.log(JSON.stringify({ importSeconds, createSeconds, runSeconds, prediction }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
