import type { Knex, Migration } from '@presage/db';

/** The channel every committed change of a version (or of its operations) is announced on. */
export const VERSION_CHANGES_CHANNEL = 'presage_registry_version_changes';

/**
 * Triggers that announce, with NOTIFY, the name of every version whose row or operation a transaction
 * changes. Postgres delivers a notification only when its transaction commits, once per name however
 * often the transaction touched it, and to every registry process listening: one place that sees every
 * change, whichever handler made it.
 */
export const versionChangeTrigger: Migration = {
  name: '0002_version_change_notifications',
  async up(knex: Knex) {
    await knex.raw(`
      create or replace function registry.announce_version_change() returns trigger
      language plpgsql as $$
      declare
        changed record;
      begin
        if tg_op = 'DELETE' then changed := old; else changed := new; end if;
        perform pg_notify('${VERSION_CHANGES_CHANNEL}',
          'projects/' || changed.project || '/models/' || changed.model || '/versions/' || changed.name);
        return null;
      end $$`);
    await knex.raw(`
      create or replace function registry.announce_operation_change() returns trigger
      language plpgsql as $$
      declare
        version_name text;
      begin
        select 'projects/' || project || '/models/' || model || '/versions/' || name into version_name
          from registry.versions where id = new.version_id;
        if version_name is not null then
          perform pg_notify('${VERSION_CHANGES_CHANNEL}', version_name);
        end if;
        return null;
      end $$`);
    await knex.raw(`
      create trigger versions_announce_change after insert or update or delete on registry.versions
      for each row execute function registry.announce_version_change()`);
    await knex.raw(`
      create trigger operations_announce_change after insert or update on registry.operations
      for each row execute function registry.announce_operation_change()`);
  },
  async down(knex: Knex) {
    await knex.raw('drop trigger if exists operations_announce_change on registry.operations');
    await knex.raw('drop trigger if exists versions_announce_change on registry.versions');
    await knex.raw('drop function if exists registry.announce_operation_change()');
    await knex.raw('drop function if exists registry.announce_version_change()');
  },
};
