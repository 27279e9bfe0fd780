import type { Command } from 'commander';
import { ApiCallError } from '../cli-errors';
import type { CommandHost } from '../command-host';
import { modelName, versionName } from '../resource-names';
import { printPredictions, readPredictBody } from './prediction-input';
import type { InstanceFlags } from './prediction-input';

interface PredictFlags extends InstanceFlags {
  model: string;
  version?: string;
  signatureName?: string;
}

/** `presage predict`, as `gcloud ai-platform predict`: an online prediction through the gateway. */
export function registerPredictCommand(program: Command, host: CommandHost): void {
  program
    .command('predict')
    .description('Predict online with a model (its default version, split or alias) or one version.')
    .requiredOption('--model <model>', 'the model id, its full name, or model@alias')
    .option(
      '--version <version>',
      'a version of the model (else the model decides: default version or traffic split)',
    )
    .option('--json-instances <file>', 'one JSON instance per line (- for stdin)')
    .option('--json-request <file>', 'a whole request body, {"instances": [...]} (- for stdin)')
    .option('--text-instances <file>', 'one string instance per line (- for stdin)')
    .option('--signature-name <name>', 'the signature of a TensorFlow model to use')
    .action(
      host.run(async (flags: PredictFlags, command: Command) => {
        const context = host.contextOf(command);
        const { instances, options } = await readPredictBody(context, flags);
        const target = flags.version
          ? versionName(context.project, flags.model, flags.version)
          : modelName(context.project, flags.model);
        const signature = flags.signatureName ? { signature_name: flags.signatureName } : {};
        const answer = await context.client.post(`${target}:predict`, {
          ...options,
          ...signature,
          instances,
        });
        if (!Array.isArray(answer['predictions']))
          throw new ApiCallError(
            'INTERNAL',
            200,
            `the answer holds no predictions: ${JSON.stringify(answer).slice(0, 200)}`,
          );
        printPredictions(context, answer as { predictions: unknown[] });
      }),
    );
}
