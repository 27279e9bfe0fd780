export interface BannerFacts {
  elapsedMs: number;
  /** Each service's gRPC address and Prometheus endpoint. */
  services: ReadonlyArray<{ name: string; address: string; metricsUrl?: string }>;
  home: string;
  /** Where the embedded Postgres keeps its data; undefined when DATABASE_URL is used. */
  embeddedDataDir: string | undefined;
  databaseUrl: string;
  /** The gateway's REST root, e.g. http://127.0.0.1:8080. */
  restUrl?: string;
}

/** The lines `presage up` prints once every service is healthy. */
export function formatBanner(facts: BannerFacts): string {
  const width = Math.max(8, ...facts.services.map((service) => service.name.length));
  const row = (label: string, text: string): string => `  ${label.padEnd(width)}  ${text}`;
  const postgres = facts.embeddedDataDir
    ? `embedded, ${redact(facts.databaseUrl)}, data in ${facts.embeddedDataDir}`
    : `external (DATABASE_URL), ${redact(facts.databaseUrl)}`;
  return [
    '',
    `Presage is up (${(facts.elapsedMs / 1000).toFixed(1)} s)`,
    ...facts.services.map((service) =>
      row(
        service.name,
        `gRPC on ${service.address}${service.metricsUrl ? `, metrics ${service.metricsUrl}` : ''}`,
      ),
    ),
    ...(facts.restUrl ? [row('REST', `${facts.restUrl}/v1/...  (AI Platform v1 API)`)] : []),
    row('postgres', postgres),
    row('state', facts.home),
    'Press Ctrl-C to stop.',
    '',
  ].join('\n');
}

/** The URL without its password. */
function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}
