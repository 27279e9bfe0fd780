import type { Attributes, Counter, Histogram, Meter } from '@opentelemetry/api';
import type { Logger } from '@presage/log';
import { LATENCY_BUCKETS_S } from '@presage/telemetry';
import { compareAnswers } from './prediction-agreement';

/** A model's `shadow`: where its copies go and how many. */
export interface ShadowTarget {
  /** `projects/{p}/models/{m}/versions/{v}`. */
  version: string;
  /** Share of model-level predictions copied, 0 to 100. */
  percent: number;
}

/**
 * Sends one copy to a ready replica of `version` (never waiting for one to start): its answer, undefined
 * when no replica is ready, a rejection when the replica failed or took longer than `deadlineMs`.
 */
export type ShadowSend = (
  version: string,
  body: Buffer,
  deadlineMs: number,
) => Promise<{ httpStatus: number; body: Buffer } | undefined>;

export interface ShadowTrafficOptions {
  send: ShadowSend;
  meter: Meter;
  logger: Logger;
  /** Copies in flight at once; a copy beyond it is dropped (and counted). @default 32 */
  maxInFlight?: number;
  /** How long a copy may take before it is abandoned as an error. @default 5000 */
  timeoutMs?: number;
  /** @default Math.random */
  random?: () => number;
}

/** The outcome attribute of `presage.shadow.requests`. */
export type ShadowOutcome = 'ok' | 'error' | 'dropped';

/** Attribute sets kept per shadow version; beyond it, versions share one overflow set. */
const MAX_VERSIONS = 500;

/**
 * Shadow traffic: after a model-level prediction was answered, a share of them is sent again to the
 * model's shadow version, in the background. The copy never delays or fails the caller's answer: at most
 * `maxInFlight` copies are out at once (more are dropped), each is abandoned after `timeoutMs`, and what
 * the shadow answers is only measured — `presage.shadow.requests` by outcome, `presage.shadow.duration`,
 * and `presage.shadow.agreement` (predictions agreeing with the primary's, or not) — per shadow version.
 */
export class ShadowTraffic {
  private inFlight = 0;
  private readonly maxInFlight: number;
  private readonly timeoutMs: number;
  private readonly random: () => number;
  private readonly requests: Counter;
  private readonly duration: Histogram;
  private readonly agreement: Counter;
  private readonly labels = new Map<string, ShadowLabels>();
  private readonly overflow = new ShadowLabels(undefined);

  constructor(private readonly options: ShadowTrafficOptions) {
    this.maxInFlight = options.maxInFlight ?? 32;
    this.timeoutMs = options.timeoutMs ?? 5_000;
    this.random = options.random ?? Math.random;
    const { meter } = options;
    this.requests = meter.createCounter('presage.shadow.requests', {
      description:
        'Copies of model-level predictions sent to the shadow version, by outcome (ok, error, dropped)',
    });
    this.duration = meter.createHistogram('presage.shadow.duration', {
      unit: 's',
      description: 'Time from sending a copy to the shadow version until it answered (ok and error outcomes)',
      advice: { explicitBucketBoundaries: [...LATENCY_BUCKETS_S] },
    });
    this.agreement = meter.createCounter('presage.shadow.agreement', {
      description:
        "The shadow's predictions compared with the primary's one by one: agree or disagree (exact for strings and integers, |a-b| <= 1e-6 + 1e-4*|b| for other numbers)",
    });
  }

  /** Copies in flight now. */
  get pending(): number {
    return this.inFlight;
  }

  /**
   * Sends this request's copy to the shadow when it falls in the shadow's share; returns at once.
   * `primary` is the primary version's answer, compared with the shadow's.
   */
  maybeCopy(target: ShadowTarget, primaryVersion: string, body: Buffer, primary: Buffer): void {
    if (target.version === primaryVersion || this.random() * 100 >= target.percent) return;
    const labels = this.labelsOf(target.version);
    if (this.inFlight >= this.maxInFlight) {
      this.requests.add(1, labels.dropped);
      return;
    }
    this.inFlight++;
    void this.copy(target.version, labels, body, primary).finally(() => this.inFlight--);
  }

  private async copy(version: string, labels: ShadowLabels, body: Buffer, primary: Buffer): Promise<void> {
    const started = performance.now();
    let outcome: ShadowOutcome = 'error';
    try {
      const answer = await this.options.send(version, body, this.timeoutMs);
      if (!answer) {
        outcome = 'dropped';
        return;
      }
      const compared = answer.httpStatus === 200 ? compareAnswers(primary, answer.body) : undefined;
      if (compared) {
        outcome = 'ok';
        if (compared.agree > 0) this.agreement.add(compared.agree, labels.agree);
        if (compared.disagree > 0) this.agreement.add(compared.disagree, labels.disagree);
      }
    } catch (error) {
      this.options.logger.debug('shadow copy failed', { version, error: String(error) });
    } finally {
      if (outcome !== 'dropped') this.duration.record((performance.now() - started) / 1000, labels.version);
      this.requests.add(1, labels[outcome]);
    }
  }

  private labelsOf(version: string): ShadowLabels {
    let labels = this.labels.get(version);
    if (labels) return labels;
    if (this.labels.size >= MAX_VERSIONS) return this.overflow;
    labels = new ShadowLabels(version);
    this.labels.set(version, labels);
    return labels;
  }
}

/** The attribute sets of one shadow version, made once. */
class ShadowLabels {
  readonly version: Attributes;
  readonly ok: Attributes;
  readonly error: Attributes;
  readonly dropped: Attributes;
  readonly agree: Attributes;
  readonly disagree: Attributes;

  /** `version` undefined: the set versions share beyond MAX_VERSIONS. */
  constructor(version: string | undefined) {
    this.version = version === undefined ? { 'otel.metric.overflow': true } : { 'presage.version': version };
    this.ok = { ...this.version, 'presage.shadow.outcome': 'ok' };
    this.error = { ...this.version, 'presage.shadow.outcome': 'error' };
    this.dropped = { ...this.version, 'presage.shadow.outcome': 'dropped' };
    this.agree = { ...this.version, 'presage.shadow.agreement': 'agree' };
    this.disagree = { ...this.version, 'presage.shadow.agreement': 'disagree' };
  }
}
