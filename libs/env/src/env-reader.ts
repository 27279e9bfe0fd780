import { ConfigError } from './config-error';
import { HOST, isHostPort } from './host-port';

/** Bounds and default of a numeric variable. */
export interface NumberOptions {
  /** The value when the variable is unset or empty (also returned after a problem). */
  default: number;
  /** The least value accepted. @default none (durations: 0) */
  min?: number;
  /** The greatest value accepted. @default none */
  max?: number;
  /** How a problem names a valid value, e.g. 'a number of requests'. @default 'an integer', 'a number' or 'a whole number of milliseconds' */
  what?: string;
}

export interface UrlOptions {
  /** The schemes accepted, without `:`, e.g. ['http', 'https']. */
  protocols: readonly string[];
  /** How a problem names a valid value. @default 'an http:// or https:// URL' for ['http', 'https'] */
  what?: string;
}

const INTEGER = /^-?\d+$/;
const DECIMAL = /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
const TRUE = ['1', 'true'];
const FALSE = ['0', 'false'];

/**
 * The one reader of environment variables: each method reads one variable into a typed value, or
 * records a problem naming the variable and what it must be (then returns the default, so later
 * checks still run). finish() throws one ConfigError listing every problem. An empty variable counts
 * as unset. Readers of shared settings in other libs add to the same `problems`.
 */
export class EnvReader {
  constructor(
    private readonly env: NodeJS.ProcessEnv,
    readonly problems: string[] = [],
  ) {}

  /** The variable's text, or undefined when it is unset or empty. */
  optionalText(name: string): string | undefined {
    const value = this.env[name];
    return value === undefined || value === '' ? undefined : value;
  }

  text(name: string, fallback: string): string {
    return this.optionalText(name) ?? fallback;
  }

  /** The variable's text; `problem` when it is unset or empty. */
  required(name: string, problem: string): string {
    const value = this.optionalText(name);
    if (value === undefined) this.problem(problem);
    return value ?? '';
  }

  /** `host:port` (HOST_PORT). */
  address(name: string, fallback: string): string {
    return this.optionalAddress(name) ?? fallback;
  }

  optionalAddress(name: string): string | undefined {
    const value = this.optionalText(name);
    if (value === undefined || isHostPort(value)) return value;
    this.problem(`${name} must be host:port, got "${value}"`);
    return undefined;
  }

  /** A host name or IP address (HOST). */
  host(name: string, fallback: string): string {
    return this.optionalHost(name) ?? fallback;
  }

  optionalHost(name: string): string | undefined {
    const value = this.optionalText(name);
    if (value === undefined || HOST.test(value)) return value;
    this.problem(`${name} must be a host name or IP address, got "${value}"`);
    return undefined;
  }

  port(name: string, fallback: number): number {
    return this.integer(name, { default: fallback, min: 0, max: 65535, what: 'a port number' });
  }

  integer(name: string, options: NumberOptions): number {
    return this.numeric(name, options, INTEGER, 'an integer');
  }

  /** A decimal number such as `1.5`. */
  number(name: string, options: NumberOptions): number {
    return this.numeric(name, options, DECIMAL, 'a number');
  }

  /** A whole number of milliseconds, never negative. */
  durationMs(name: string, options: NumberOptions): number {
    return this.numeric(name, { min: 0, ...options }, INTEGER, 'a whole number of milliseconds', 0);
  }

  /** One of `choices`, exactly as written. */
  oneOf<T extends string>(name: string, choices: readonly T[], fallback: T): T {
    const value = this.optionalText(name);
    if (value === undefined) return fallback;
    if ((choices as readonly string[]).includes(value)) return value as T;
    this.problem(`${name} must be ${choiceList(choices)}, got "${value}"`);
    return fallback;
  }

  /** `1` or `true`, `0` or `false` (any case). */
  flag(name: string, fallback: boolean): boolean {
    const value = this.optionalText(name);
    if (value === undefined) return fallback;
    if (TRUE.includes(value.toLowerCase())) return true;
    if (FALSE.includes(value.toLowerCase())) return false;
    this.problem(`${name} must be 1 or 0 (true or false), got "${value}"`);
    return fallback;
  }

  /** An absolute URL with one of `options.protocols`; undefined when unset. */
  url(name: string, options: UrlOptions): string | undefined {
    const value = this.optionalText(name);
    if (value === undefined || hasProtocol(value, options.protocols)) return value;
    const what = options.what ?? `an ${options.protocols.map((p) => `${p}://`).join(' or ')} URL`;
    this.problem(`${name} must be ${what}`);
    return undefined;
  }

  /** Records a problem found by the caller (a rule across variables, a format of its own). */
  problem(message: string): void {
    this.problems.push(message);
  }

  /** Records `message` unless `ok`. */
  check(ok: boolean, message: string): void {
    if (!ok) this.problem(message);
  }

  /** Throws a ConfigError listing every problem recorded, if any (`subject`: whose settings, e.g. `gateway`). */
  finish(subject: string): void {
    if (this.problems.length > 0) throw new ConfigError(subject, [...this.problems]);
  }

  private numeric(
    name: string,
    options: NumberOptions,
    pattern: RegExp,
    what: string,
    impliedMin?: number,
  ): number {
    const text = this.optionalText(name);
    if (text === undefined) return options.default;
    const value = Number(text);
    const { min = -Infinity, max = Infinity } = options;
    if (pattern.test(text) && Number.isFinite(value) && value >= min && value <= max) return value;
    const range = rangeText(options.min, options.max, impliedMin);
    this.problem(`${name} must be ${options.what ?? what}${range}, got "${text}"`);
    return options.default;
  }
}

function rangeText(min: number | undefined, max: number | undefined, impliedMin?: number): string {
  if (max !== undefined) return min === undefined ? ` ≤ ${max}` : ` from ${min} to ${max}`;
  return min === undefined || min === impliedMin ? '' : ` ≥ ${min}`;
}

function choiceList(choices: readonly string[]): string {
  if (choices.length === 2) return `${choices[0]} or ${choices[1]}`;
  return `one of ${choices.join(', ')}`;
}

function hasProtocol(value: string, protocols: readonly string[]): boolean {
  try {
    return protocols.includes(new URL(value).protocol.slice(0, -1));
  } catch {
    return false;
  }
}
