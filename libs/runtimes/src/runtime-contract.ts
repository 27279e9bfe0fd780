import type { ModelRuntime, ModelSignature } from './model-runtime';
import { ModelLoadError, ModelRunError } from './model-runtime';
import type { Tensor } from './tensor';

/** A model on disk and what running it must give. */
export interface ContractFixture {
  name: string;
  /** The artifact directory. */
  dir: string;
  /** The signature load() must report. */
  signature: ModelSignature;
  /** A batch to run: tensors keyed by input name, batch dimension first. */
  feeds: Record<string, Tensor>;
  /** Asserts the outputs of `feeds` are right (values, within float tolerance); throws otherwise. */
  check(outputs: Record<string, Tensor>): void;
}

export interface RuntimeContractOptions {
  runtime: () => ModelRuntime;
  /** Names of the fixtures, known when the suite is defined. */
  fixtureNames: readonly string[];
  /** Builds one fixture (called in beforeAll). */
  fixture(name: string): Promise<ContractFixture>;
  /** The file the runtime looks for, as named in its error messages, e.g. 'model.onnx'. */
  artifactFile: string;
  /** A directory that holds no model at all. */
  emptyDir(): Promise<string>;
  /** A directory whose `artifactFile` is garbage. */
  corruptDir(): Promise<string>;
}

/**
 * The behaviour every model runtime must have, as a Jest suite: call it from a runtime's spec. Loads
 * each fixture, checks its signature and outputs (also under concurrent runs), closes it, and checks
 * the messages of missing and corrupt artifacts and of a failed run.
 */
export function describeRuntimeContract(options: RuntimeContractOptions): void {
  const runtime = options.runtime();

  describe.each(options.fixtureNames.map((name) => [name]))(`${runtime.name} runtime on %s`, (name) => {
    let fixture: ContractFixture;
    beforeAll(async () => {
      fixture = await options.fixture(name);
    });

    it('loads the model and reports its signature', async () => {
      const model = await runtime.load(fixture.dir);
      try {
        expect(model.runtime).toBe(runtime.name);
        expect(model.signature).toEqual(fixture.signature);
      } finally {
        await model.close();
      }
    });

    it('runs a batch and answers every output with the batch dimension first', async () => {
      const model = await runtime.load(fixture.dir);
      try {
        const outputs = await model.run(fixture.feeds);
        const batch = Object.values(fixture.feeds)[0]?.shape[0];
        expect(Object.keys(outputs).sort()).toEqual(model.signature.outputs.map((o) => o.name).sort());
        for (const spec of model.signature.outputs) {
          expect(outputs[spec.name]?.dtype).toBe(spec.dtype);
          expect(outputs[spec.name]?.shape[0]).toBe(batch);
        }
        fixture.check(outputs);
      } finally {
        await model.close();
      }
    });

    it('gives the same answers to concurrent runs', async () => {
      const model = await runtime.load(fixture.dir);
      try {
        const results = await Promise.all(Array.from({ length: 8 }, () => model.run(fixture.feeds)));
        for (const outputs of results) fixture.check(outputs);
      } finally {
        await model.close();
      }
    });

    it('rejects a run with a wrongly shaped feed with a ModelRunError', async () => {
      const model = await runtime.load(fixture.dir);
      try {
        const [inputName, feed] = Object.entries(fixture.feeds)[0]!;
        const wrong = { ...fixture.feeds, [inputName]: { ...feed, shape: [...feed.shape, 1, 2] } as Tensor };
        await expect(model.run(wrong)).rejects.toBeInstanceOf(ModelRunError);
      } finally {
        await model.close();
      }
    });
  });

  describe(`${runtime.name} runtime load failures`, () => {
    it(`names the directory that holds no ${options.artifactFile}`, async () => {
      const dir = await options.emptyDir();
      const failure = runtime.load(dir);
      await expect(failure).rejects.toBeInstanceOf(ModelLoadError);
      await expect(failure).rejects.toThrow(`No ${options.artifactFile} in ${dir}: `);
    });

    it(`names a directory that does not exist`, async () => {
      const dir = `${await options.emptyDir()}/does-not-exist`;
      await expect(runtime.load(dir)).rejects.toThrow(`No ${options.artifactFile} in ${dir}: `);
    });

    it(`says a corrupt ${options.artifactFile} is not a valid model, with the runtime's reason`, async () => {
      const dir = await options.corruptDir();
      const failure = runtime.load(dir);
      await expect(failure).rejects.toBeInstanceOf(ModelLoadError);
      await expect(failure).rejects.toThrow(
        new RegExp(`^${escape(`${dir}/${options.artifactFile}`)} is not a valid .* model: .+`),
      );
    });
  });
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
