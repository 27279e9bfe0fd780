// The baseline for tools/bench: what a user would write instead of deploying to Presage — one process,
// node:http and onnxruntime-node, answering the AI Platform body for single-input, single-output float32
// models. Deliberately the simplest correct code: no validation beyond what it needs, no batching, no pool.
//
// It also serves the same predictions over gRPC, as the minimal grpc-js server a user would write with
// @grpc/proto-loader: presage.v1.OnlinePredictionService/Predict, `name` projects/<any>/models/<model>.
//
//   node --import tsx tools/bench/baseline-server.ts --port 0 --grpc-port 0 --model linear=/path/dir --model mlp=/path/dir
//
// Prints `baseline listening on http://127.0.0.1:<port> grpc 127.0.0.1:<port>` once every model is loaded;
// SIGTERM/SIGINT stop it.
import http from 'node:http';
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { OnlinePredictionService, serviceDefinition } from '@presage/proto';
import * as ort from 'onnxruntime-node';

/** A loaded model: its session, and its one input's name and per-instance width. */
export interface BaselineModel {
  session: ort.InferenceSession;
  input: string;
  output: string;
  width: number;
}

export async function loadBaselineModel(dir: string): Promise<BaselineModel> {
  const session = await ort.InferenceSession.create(path.join(dir, 'model.onnx'), {
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
  });
  const input = session.inputNames[0]!;
  const output = session.outputNames[0]!;
  const meta = session.inputMetadata.find((m) => m.name === input);
  const width = meta?.isTensor ? Number(meta.shape[1]) : NaN;
  if (!Number.isInteger(width)) throw new Error(`${dir}: input ${input} has no fixed second dim`);
  return { session, input, output, width };
}

/** Runs `instances` (each a list of `width` numbers) as one batch; one prediction (a list) per instance. */
export async function predict(model: BaselineModel, instances: number[][]): Promise<number[][]> {
  const data = new Float32Array(instances.length * model.width);
  instances.forEach((instance, i) => data.set(instance, i * model.width));
  const feeds = { [model.input]: new ort.Tensor('float32', data, [instances.length, model.width]) };
  const result = await model.session.run(feeds);
  const out = result[model.output]!;
  const values = Array.from(out.data as Float32Array);
  const per = values.length / instances.length;
  return instances.map((_, i) => values.slice(i * per, (i + 1) * per));
}

export function createBaselineServer(models: Map<string, BaselineModel>): http.Server {
  return http.createServer((req, res) => {
    const answer = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const match = /^\/v1\/models\/([^/:]+):predict$/.exec(req.url ?? '');
    const model = match ? models.get(match[1]!) : undefined;
    if (req.method !== 'POST' || model === undefined) {
      req.resume();
      answer(404, { error: 'not found' });
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      let instances: number[][];
      try {
        instances = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { instances: number[][] })
          .instances;
      } catch {
        answer(400, { error: 'body must be JSON' });
        return;
      }
      predict(model, instances).then(
        (predictions) => answer(200, { predictions }),
        (error: unknown) => answer(400, { error: String(error) }),
      );
    });
  });
}

interface PredictCall {
  name: string;
  httpBody: { data: Buffer } | null;
}

/** OnlinePredictionService/Predict over gRPC: the same models, the body and answer in HttpBody. */
export function createBaselineGrpcServer(models: Map<string, BaselineModel>): grpc.Server {
  const server = new grpc.Server();
  server.addService(serviceDefinition(OnlinePredictionService), {
    Predict: (call: grpc.ServerUnaryCall<PredictCall, unknown>, callback: grpc.sendUnaryData<unknown>) => {
      const model = models.get(call.request.name.split('/').pop() ?? '');
      if (!model) return callback({ code: grpc.status.NOT_FOUND, details: 'no such model' });
      let instances: number[][];
      try {
        instances = (
          JSON.parse(call.request.httpBody?.data.toString('utf8') ?? '') as { instances: number[][] }
        ).instances;
      } catch {
        return callback({ code: grpc.status.INVALID_ARGUMENT, details: 'body must be JSON' });
      }
      predict(model, instances).then(
        (predictions) =>
          callback(null, {
            contentType: 'application/json',
            data: Buffer.from(JSON.stringify({ predictions })),
          }),
        (error: unknown) => callback({ code: grpc.status.INVALID_ARGUMENT, details: String(error) }),
      );
    },
  });
  return server;
}

function parseArgs(argv: string[]): { port: number; grpcPort: number; models: Map<string, string> } {
  let port = 0;
  let grpcPort = 0;
  const models = new Map<string, string>();
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1] ?? ''];
    if (flag === '--port') port = Number(value);
    else if (flag === '--grpc-port') grpcPort = Number(value);
    else if (flag === '--model' && value.includes('=')) {
      const at = value.indexOf('=');
      models.set(value.slice(0, at), value.slice(at + 1));
    } else
      throw new Error(
        `Unknown argument ${flag}; use --port <n>, --grpc-port <n> and --model <name>=<dir> (repeatable)`,
      );
  }
  if (models.size === 0) throw new Error('Give at least one --model <name>=<dir>');
  return { port, grpcPort, models };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const models = new Map<string, BaselineModel>();
  for (const [name, dir] of args.models) models.set(name, await loadBaselineModel(dir));
  const server = createBaselineServer(models);
  const grpcServer = createBaselineGrpcServer(models);
  const grpcPort = await new Promise<number>((resolve, reject) =>
    grpcServer.bindAsync(
      `127.0.0.1:${args.grpcPort}`,
      grpc.ServerCredentials.createInsecure(),
      (error, bound) => (error ? reject(error) : resolve(bound)),
    ),
  );
  server.listen(args.port, '127.0.0.1', () => {
    const address = server.address() as { port: number };
    console.log(`baseline listening on http://127.0.0.1:${address.port} grpc 127.0.0.1:${grpcPort}`);
  });
  const stop = () => {
    grpcServer.forceShutdown();
    server.close(() => process.exit(0));
    server.closeAllConnections();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
