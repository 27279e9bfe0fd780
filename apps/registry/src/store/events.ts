import type { Knex } from '@presage/db';
import type { DeploymentEventRecord } from '../domain/records';
import { REGISTRY_SCHEMA } from './migrations';

interface EventRow {
  id: string;
  version_id: string;
  type: string;
  time: Date;
  actor: string;
  message: string;
  replicas: number;
}

export type NewDeploymentEvent = Omit<DeploymentEventRecord, 'id'>;

const events = (db: Knex) => db.withSchema(REGISTRY_SCHEMA).table('deployment_events');

export async function insertEvent(db: Knex, event: NewDeploymentEvent): Promise<DeploymentEventRecord> {
  const [row] = (await events(db)
    .insert({
      version_id: event.versionId,
      type: event.type,
      time: event.time,
      actor: event.actor,
      message: event.message,
      replicas: event.replicas,
    })
    .returning('*')) as unknown[];
  return toEvent(row as EventRow);
}

/** A version's events, oldest first. */
export async function listEvents(
  db: Knex,
  versionId: string,
  afterId: string | undefined,
  limit: number,
): Promise<DeploymentEventRecord[]> {
  const query = events(db).where({ version_id: versionId });
  if (afterId) void query.where('id', '>', afterId);
  const rows = (await query.orderBy('id').limit(limit)) as EventRow[];
  return rows.map(toEvent);
}

function toEvent(row: EventRow): DeploymentEventRecord {
  return {
    id: String(row.id),
    versionId: String(row.version_id),
    type: row.type,
    time: row.time,
    actor: row.actor,
    message: row.message,
    replicas: row.replicas,
  };
}
