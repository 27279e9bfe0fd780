import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startRegistry } from './registry-harness';
import type { RegistryHarness } from './registry-harness';

const ROOT = path.resolve(__dirname, '../../..');
const hasPythonGrpc =
  spawnSync('/usr/bin/python3', ['-c', 'import grpc, grpc_tools, google.protobuf'], { stdio: 'ignore' })
    .status === 0 && spawnSync('protoc', ['--version'], { stdio: 'ignore' }).status === 0;
if (!hasPythonGrpc && process.env['CI'] !== 'true') {
  console.log('python client test skipped: install protobuf-compiler python3-grpc-tools python3-grpcio');
}
const describeWithPython = hasPythonGrpc || process.env['CI'] === 'true' ? describe : describe.skip;

describeWithPython('a Python gRPC client', () => {
  let registry: RegistryHarness;
  let generated: string;

  beforeAll(async () => {
    generated = fs.mkdtempSync(path.join(os.tmpdir(), 'presage-py-'));
    const gen = spawnSync('bash', [path.join(ROOT, 'tools/scripts/proto-cross-check.sh')], {
      env: { ...process.env, PRESAGE_PROTO_OUT: generated },
      encoding: 'utf8',
    });
    if (gen.status !== 0) throw new Error(`code generation failed:\n${gen.stdout}${gen.stderr}`);
    registry = await startRegistry();
  });
  afterAll(async () => {
    await registry?.stop();
    fs.rmSync(generated, { recursive: true, force: true });
  });

  it('creates and reads models and decodes BadRequest field violations from generated stubs', async () => {
    // Asynchronously: the registry answers from this process's event loop.
    const child = spawn(
      '/usr/bin/python3',
      [path.join(__dirname, 'python/registry_client.py'), registry.address],
      {
        env: { ...process.env, PYTHONPATH: path.join(generated, 'python') },
        timeout: 30_000,
      },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(output).toContain('python client ok');
    expect(code).toBe(0);
  });
});
