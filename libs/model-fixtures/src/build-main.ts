// Writes every fixture model: node --import tsx libs/model-fixtures/src/build-main.ts <outDir>
import { resolve } from 'node:path';
import { errorStack } from '@presage/errors';
import { buildFixture, FIXTURE_NAMES } from './build-fixture';

async function main(argv: string[]): Promise<void> {
  const outDir = argv[0];
  if (outDir === undefined || argv.length !== 1) {
    process.stderr.write('usage: node --import tsx libs/model-fixtures/src/build-main.ts <outDir>\n');
    process.exitCode = 2;
    return;
  }
  for (const name of FIXTURE_NAMES) {
    const fixture = await buildFixture(name, resolve(outDir));
    process.stdout.write(`${fixture.dir}/model.onnx\n`);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${errorStack(error)}\n`);
  process.exitCode = 1;
});
