import type { Knex } from '@presage/db';
import { AUTOSCALER_SCHEMA } from './migrations';

/** A stored scaling decision; the id orders them (newest last). */
export interface DecisionRecord {
  id: string;
  version: string;
  time: Date;
  readyReplicas: number;
  previousReplicas: number;
  desiredReplicas: number;
  mode: string;
  stableConcurrency: number;
  panicConcurrency: number;
  targetConcurrency: number;
  minNodes: number;
  maxNodes: number;
  reason: string;
}

export type NewDecision = Omit<DecisionRecord, 'id'>;

interface DecisionRow {
  id: string;
  version: string;
  time: Date;
  ready_replicas: number;
  previous_replicas: number;
  desired_replicas: number;
  mode: string;
  stable_concurrency: number;
  panic_concurrency: number;
  target_concurrency: number;
  min_nodes: number;
  max_nodes: number;
  reason: string;
}

const table = (knex: Knex) => knex.withSchema(AUTOSCALER_SCHEMA).table<DecisionRow>('scaling_decisions');

export async function insertDecisions(knex: Knex, decisions: NewDecision[]): Promise<void> {
  if (decisions.length === 0) return;
  await table(knex).insert(
    decisions.map((d) => ({
      version: d.version,
      time: d.time,
      ready_replicas: d.readyReplicas,
      previous_replicas: d.previousReplicas,
      desired_replicas: d.desiredReplicas,
      mode: d.mode,
      stable_concurrency: d.stableConcurrency,
      panic_concurrency: d.panicConcurrency,
      target_concurrency: d.targetConcurrency,
      min_nodes: d.minNodes,
      max_nodes: d.maxNodes,
      reason: d.reason,
    })),
  );
}

/** A version's decisions newest first, those older than `beforeId` when given. */
export async function listDecisions(
  knex: Knex,
  version: string,
  beforeId: string | undefined,
  limit: number,
): Promise<DecisionRecord[]> {
  const query = table(knex).where({ version }).orderBy('id', 'desc').limit(limit);
  if (beforeId !== undefined) void query.andWhere('id', '<', beforeId);
  const rows = (await query) as DecisionRow[];
  return rows.map((row) => ({
    id: String(row.id),
    version: row.version,
    time: row.time,
    readyReplicas: row.ready_replicas,
    previousReplicas: row.previous_replicas,
    desiredReplicas: row.desired_replicas,
    mode: row.mode,
    stableConcurrency: Number(row.stable_concurrency),
    panicConcurrency: Number(row.panic_concurrency),
    targetConcurrency: Number(row.target_concurrency),
    minNodes: row.min_nodes,
    maxNodes: row.max_nodes,
    reason: row.reason,
  }));
}

/** Deletes decisions older than `olderThan` and all but the newest `keepPerVersion` of each version. */
export async function pruneDecisions(
  knex: Knex,
  options: { olderThan: Date; keepPerVersion: number },
): Promise<number> {
  const old = await table(knex).where('time', '<', options.olderThan).delete();
  const ranked = knex
    .withSchema(AUTOSCALER_SCHEMA)
    .from('scaling_decisions')
    .select('id', knex.raw('row_number() over (partition by version order by id desc) as rank'));
  const excess = await table(knex)
    .whereIn('id', knex.select('id').from(ranked.as('ranked')).where('rank', '>', options.keepPerVersion))
    .delete();
  return old + excess;
}
