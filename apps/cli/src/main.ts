import path from 'node:path';
import readline from 'node:readline/promises';
import { errorMessage } from '@presage/errors';
import type { CliIo } from './command-context';
import { runCli } from './program';

/** The repository root: apps/cli/src (or apps/cli/dist, compiled) → ../../.. */
const REPO_ROOT = path.resolve(__dirname, '../../..');

const io: CliIo = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  stderrIsTty: process.stderr.isTTY === true,
  stdinIsTty: process.stdin.isTTY === true,
  readStdin: async () => {
    let text = '';
    for await (const chunk of process.stdin) text += (chunk as Buffer).toString('utf8');
    return text;
  },
  prompt: async (question) => {
    const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
    try {
      return await rl.question(question);
    } finally {
      rl.close();
    }
  },
  env: process.env,
  repoRoot: REPO_ROOT,
};

runCli(process.argv.slice(2), io).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`presage: ${errorMessage(error)}\n`);
    process.exit(1);
  },
);
