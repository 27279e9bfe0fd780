import fs from 'node:fs/promises';
import { UsageError } from './cli-errors';
import { loadClientConfig } from './client/client-config';
import type { ClientConfig } from './client/client-config';
import { RestClient } from './client/rest-client';
import { FORMATS, OutputPrinter } from './output/format-output';
import type { OutputFormat } from './output/format-output';
import { progressMode } from './progress/progress-display';
import type { ProgressMode } from './progress/progress-display';

/** What the CLI reads and writes: the process's, or a test's. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  stderrIsTty: boolean;
  stdinIsTty: boolean;
  /** All of stdin, for a `-` file. */
  readStdin: () => Promise<string>;
  /** One line typed at a prompt. */
  prompt: (question: string) => Promise<string>;
  env: NodeJS.ProcessEnv;
  /** The repository root (the platform's entries are relative to it). */
  repoRoot: string;
}

/** The global flags, as commander parsed them. */
export interface GlobalOptions {
  project?: string;
  endpoint?: string;
  format?: string;
  /** --progress (true), --no-progress (false), neither (undefined: by whether stderr is a TTY). */
  progress?: boolean;
  quiet?: boolean;
}

/** What an API command needs: its client, project, output and progress settings. */
export class CommandContext {
  readonly format: OutputFormat;
  readonly printer: OutputPrinter;
  readonly progress: ProgressMode;
  private clientConfig: ClientConfig | undefined;
  private restClient: RestClient | undefined;

  constructor(
    readonly io: CliIo,
    private readonly globals: GlobalOptions,
  ) {
    const format = globals.format ?? 'table';
    if (!(FORMATS as readonly string[]).includes(format))
      throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, got "${format}"`);
    this.format = format as OutputFormat;
    this.printer = new OutputPrinter(this.format, io.stdout, io.stderr);
    this.progress = progressMode(globals.progress, io.stderrIsTty);
  }

  get config(): ClientConfig {
    return (this.clientConfig ??= loadClientConfig(
      { endpoint: this.globals.endpoint, project: this.globals.project },
      this.io.env,
    ));
  }

  get project(): string {
    return this.config.project;
  }

  get client(): RestClient {
    return (this.restClient ??= new RestClient(this.config));
  }

  /** A file's text; `-` reads stdin. */
  async readInput(file: string, flag: string): Promise<string> {
    if (file === '-') return this.io.readStdin();
    try {
      return await fs.readFile(file, 'utf8');
    } catch (error) {
      throw new UsageError(`cannot read ${flag} ${file}: ${(error as Error).message}`);
    }
  }

  /**
   * Asks before something that cannot be undone, as gcloud does: only when stdin is a TTY and not
   * `--quiet`. A refusal is a usage error (exit 2) that changed nothing.
   */
  async confirm(what: string): Promise<void> {
    if (this.globals.quiet || !this.io.stdinIsTty) return;
    const answer = await this.io.prompt(`${what}\n\nDo you want to continue (Y/n)?  `);
    if (/^n/i.test(answer.trim())) throw new UsageError('aborted by user: nothing was changed');
  }
}
