import type { LoadOptions, LoadedModel, ModelRuntime, ModelSignature } from './model-runtime';
import { ModelLoadError, ModelRunError } from './model-runtime';
import type { Tensor } from './tensor';

/** A model on disk and what running it must give. */
export interface ContractFixture {
  name: string;
  /** The artifact directory. */
  dir: string;
  /** The signature load() must report. */
  signature: ModelSignature;
  /** What load() gets besides the directory (a custom routine's class and packages). */
  loadOptions?: LoadOptions;
  /** Tensor models: a batch to run, tensors keyed by input name, batch dimension first… */
  feeds?: Record<string, Tensor>;
  /** …and the check of its outputs (values, within float tolerance); throws when wrong. */
  check?(outputs: Record<string, Tensor>): void;
  /** Models that take JSON instances (predictInstances): a request, its options, and the check of the predictions. */
  instances?: {
    instances: unknown[];
    options: Record<string, unknown>;
    check: (predictions: unknown[]) => void;
  };
  /** For instance models: options under which the model's own code fails, answered as a ModelRunError. */
  failingOptions?: Record<string, unknown>;
}

/** A load that must fail, and the message it must give. */
export interface BrokenLoad {
  label: string;
  dir: string;
  options?: LoadOptions;
  message: RegExp;
}

export interface RuntimeContractOptions {
  runtime: () => ModelRuntime;
  /** Names of the fixtures, known when the suite is defined. */
  fixtureNames: readonly string[];
  /** Builds one fixture (called in beforeAll). */
  fixture(name: string): Promise<ContractFixture>;
  /** The file the runtime looks for, as named in its error messages, e.g. 'model.onnx' (file-based runtimes). */
  artifactFile?: string;
  /** A directory that holds no model at all. */
  emptyDir?: () => Promise<string>;
  /** A directory whose `artifactFile` is garbage. */
  corruptDir?: () => Promise<string>;
  /** Further loads that must fail with a ModelLoadError saying what to fix. */
  brokenLoads?(): Promise<BrokenLoad[]>;
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
      const model = await runtime.load(fixture.dir, fixture.loadOptions);
      try {
        expect(model.runtime).toBe(runtime.name);
        expect(model.signature).toEqual(fixture.signature);
      } finally {
        await model.close();
      }
    });

    it('runs a batch and answers every output with the batch dimension first', async () => {
      const model = await runtime.load(fixture.dir, fixture.loadOptions);
      try {
        if (fixture.instances) {
          const predictions = await predictInstancesOf(model)(
            fixture.instances.instances,
            fixture.instances.options,
          );
          expect(predictions).toHaveLength(fixture.instances.instances.length);
          fixture.instances.check(predictions);
          return;
        }
        const outputs = await model.run(fixture.feeds!);
        const batch = Object.values(fixture.feeds!)[0]?.shape[0];
        expect(Object.keys(outputs).sort()).toEqual(model.signature.outputs.map((o) => o.name).sort());
        for (const spec of model.signature.outputs) {
          expect(outputs[spec.name]?.dtype).toBe(spec.dtype);
          expect(outputs[spec.name]?.shape[0]).toBe(batch);
        }
        fixture.check!(outputs);
      } finally {
        await model.close();
      }
    });

    it('gives the same answers to concurrent runs', async () => {
      const model = await runtime.load(fixture.dir, fixture.loadOptions);
      try {
        if (fixture.instances) {
          const { instances, options: requestOptions, check } = fixture.instances;
          const predict = predictInstancesOf(model);
          const results = await Promise.all(
            Array.from({ length: 8 }, () => predict(instances, requestOptions)),
          );
          for (const predictions of results) check(predictions);
          return;
        }
        const results = await Promise.all(Array.from({ length: 8 }, () => model.run(fixture.feeds!)));
        for (const outputs of results) fixture.check!(outputs);
      } finally {
        await model.close();
      }
    });

    it('rejects a bad request with a ModelRunError and keeps working', async () => {
      const model = await runtime.load(fixture.dir, fixture.loadOptions);
      try {
        if (fixture.instances) {
          const { instances, options: requestOptions, check } = fixture.instances;
          const predict = predictInstancesOf(model);
          await expect(predict(instances, fixture.failingOptions ?? {})).rejects.toBeInstanceOf(
            ModelRunError,
          );
          check(await predict(instances, requestOptions));
          return;
        }
        const [inputName, feed] = Object.entries(fixture.feeds!)[0]!;
        const wrong = { ...fixture.feeds, [inputName]: { ...feed, shape: [...feed.shape, 1, 2] } as Tensor };
        await expect(model.run(wrong)).rejects.toBeInstanceOf(ModelRunError);
        fixture.check!(await model.run(fixture.feeds!));
      } finally {
        await model.close();
      }
    });
  });

  describe(`${runtime.name} runtime load failures`, () => {
    const { artifactFile, emptyDir, corruptDir } = options;
    if (options.brokenLoads) {
      it('says what to fix when a model cannot load', async () => {
        for (const broken of await options.brokenLoads!()) {
          const failure = runtime.load(broken.dir, broken.options);
          await expect(failure).rejects.toBeInstanceOf(ModelLoadError);
          await expect(failure).rejects.toThrow(broken.message);
        }
      });
    }
    if (!artifactFile || !emptyDir || !corruptDir) return;

    it(`names the directory that holds no ${artifactFile}`, async () => {
      const dir = await emptyDir();
      const failure = runtime.load(dir);
      await expect(failure).rejects.toBeInstanceOf(ModelLoadError);
      await expect(failure).rejects.toThrow(`No ${artifactFile} in ${dir}: `);
    });

    it(`names a directory that does not exist`, async () => {
      const dir = `${await emptyDir()}/does-not-exist`;
      await expect(runtime.load(dir)).rejects.toThrow(`No ${artifactFile} in ${dir}: `);
    });

    it(`says a corrupt ${artifactFile} is not a valid model, with the runtime's reason`, async () => {
      const dir = await corruptDir();
      const failure = runtime.load(dir);
      await expect(failure).rejects.toBeInstanceOf(ModelLoadError);
      await expect(failure).rejects.toThrow(
        new RegExp(`^${escape(`${dir}/${artifactFile}`)} is not a valid .* model: .+`),
      );
    });
  });
}

function predictInstancesOf(model: LoadedModel): NonNullable<LoadedModel['predictInstances']> {
  if (!model.predictInstances) throw new Error(`the ${model.runtime} model does not take JSON instances`);
  return model.predictInstances.bind(model);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
