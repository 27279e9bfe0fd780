/** What the access log says of one prediction (models with onlinePredictionLogging). */
export interface AccessFacts {
  /** When the gateway received the request, ms since the epoch. */
  time: number;
  /** `projects/{p}/models/{m}/versions/{v}`: the version that served it. */
  version: string;
  /** The HTTP status answered (gRPC callers: its HTTP equivalent). */
  status: number;
  /** Request to answer. */
  seconds: number;
  bytesIn: number;
  bytesOut: number;
  /** The authenticated member; undefined when anonymous. */
  actor: string | undefined;
}

/** One JSON access-log line, newline-terminated: never the bodies. */
export function accessLine(facts: AccessFacts): string {
  const at = facts.version.indexOf('/versions/');
  const line = {
    time: new Date(facts.time).toISOString(),
    type: 'prediction_access',
    model: at >= 0 ? facts.version.slice(0, at) : facts.version,
    version: at >= 0 ? facts.version.slice(at + '/versions/'.length) : '',
    status: facts.status,
    latencyMs: Math.round(facts.seconds * 1e6) / 1e3,
    bytesIn: facts.bytesIn,
    bytesOut: facts.bytesOut,
    actor: facts.actor ?? 'anonymous',
  };
  return `${JSON.stringify(line)}\n`;
}
