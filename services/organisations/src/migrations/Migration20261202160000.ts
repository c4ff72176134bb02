import { Migration } from '@mikro-orm/migrations';

/**
 * What the service last announced of each person (PersonPlaced), so that
 * only a changed placement is announced; and a reporter's ticket
 * affiliations collapsed to one per community they reported in (`reported`),
 * which is what they meant (a ticket's reporter stays in its community's
 * scope): a person's rows no longer grow with every ticket they report.
 * No announcement is backfilled: a person without one is announced at the
 * next event that places them, as a first placement.
 */
export class Migration20261202160000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "person_placement" ("person_id" varchar(36) not null, "organisation_ids" text not null, "as_of" timestamptz not null, constraint "person_placement_pkey" primary key ("person_id"));`);
    this.addSql(`insert into "person_affiliation" ("person_id", "organisation_id", "ref", "source", "until")
      select distinct "person_id", "organisation_id", 'reported', 'TICKET', null::varchar from "person_affiliation" where "ref" like 'ticket:%'
      on conflict do nothing;`);
    this.addSql(`delete from "person_affiliation" where "ref" like 'ticket:%';`);
  }

  override async down(): Promise<void> {
    // The per-ticket rows are not restored: `reported` places the same people in the same communities.
    this.addSql(`drop table if exists "person_placement" cascade;`);
  }
}
