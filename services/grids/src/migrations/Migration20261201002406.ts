import { Migration } from '@mikro-orm/migrations';

export class Migration20261201002406 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "person_placement" ("person_id" varchar(36) not null, "organisation_ids" text not null, "as_of" timestamptz not null, constraint "person_placement_pkey" primary key ("person_id"));`);

    this.addSql(`create unique index "compound_management_open_unique" on "compound_management" ("compound_id") where "until" is null;`);

    this.addSql(`create unique index "grid_staff_open_unique" on "grid_staff" ("grid_id", "person_id", "role") where "until" is null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "person_placement" cascade;`);

    this.addSql(`drop index "compound_management_open_unique";`);

    this.addSql(`drop index "grid_staff_open_unique";`);
  }

}
