/** Structured JSON logs, one object a line on stderr, with the service name on every line. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** A logger whose lines all carry `fields`. */
  child(fields: LogFields): Logger;
  /** Whether lines of `level` are written: hot paths test it before building a line's fields. */
  enabled(level: LogLevel): boolean;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface LoggerOptions {
  /** @default process.env.PRESAGE_LOG_LEVEL ?? 'info' */
  level?: LogLevel;
  /** @default process.stderr.write */
  write?: (line: string) => void;
}

export function createLogger(service: string, options: LoggerOptions = {}): Logger {
  const envLevel = process.env['PRESAGE_LOG_LEVEL'];
  const level: LogLevel = options.level ?? (envLevel && envLevel in ORDER ? (envLevel as LogLevel) : 'info');
  const write = options.write ?? ((line: string) => process.stderr.write(line));
  return build({ service }, ORDER[level], write);
}

function build(base: LogFields, threshold: number, write: (line: string) => void): Logger {
  const emit = (level: LogLevel, message: string, fields?: LogFields): void => {
    if (ORDER[level] < threshold) return;
    const line = { time: new Date().toISOString(), level, ...base, message, ...serialise(fields) };
    write(`${JSON.stringify(line)}\n`);
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
    child: (fields) => build({ ...base, ...fields }, threshold, write),
    enabled: (level) => ORDER[level] >= threshold,
  };
}

/** Errors become their name, message, stack and cause chain; everything else passes through. */
function serialise(fields: LogFields | undefined): LogFields {
  if (!fields) return {};
  const out: LogFields = {};
  for (const [key, value] of Object.entries(fields))
    out[key] = value instanceof Error ? describeError(value) : value;
  return out;
}

function describeError(error: Error): LogFields {
  return {
    name: error.name,
    message: error.message,
    stack: error.stack,
    ...(error.cause instanceof Error ? { cause: describeError(error.cause) } : {}),
  };
}
