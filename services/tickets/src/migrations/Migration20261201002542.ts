import { Migration } from '@mikro-orm/migrations';

export class Migration20261201002542 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "person_placement" ("person_id" varchar(36) not null, "organisation_ids" text not null, "as_of" timestamptz not null, constraint "person_placement_pkey" primary key ("person_id"));`);

    this.addSql(`alter table "ticket" add column "rating_via" varchar(10) null, add column "ratable" boolean not null default true;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "person_placement" cascade;`);

    this.addSql(`alter table "ticket" drop column "rating_via", drop column "ratable";`);
  }

}
