/** A service's settings that cannot be used: every problem found, each naming its variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';

  constructor(
    /** Whose settings, e.g. `gateway`: the message starts `Invalid gateway configuration:`. */
    readonly subject: string,
    readonly problems: readonly string[],
  ) {
    super(`Invalid ${subject} configuration:\n  ${problems.join('\n  ')}`);
  }
}
