import { Migration } from '@mikro-orm/migrations';

export class Migration20261201002240 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create unique index "appointment_open_unique" on "appointment" ("person_id", "organisation_id", "role") where "until" is null;`);

    this.addSql(`alter table "person_affiliation" drop constraint "person_affiliation_pkey";`);

    // Rows of the first release: one per person and organisation; a registration keeps its ref, others stay as they were (never ended).
    this.addSql(`alter table "person_affiliation" add column "ref" varchar(60) not null default 'first-release', add column "until" varchar(10) null;`);
    this.addSql(`update "person_affiliation" set "ref" = 'registered' where "source" = 'REGISTERED';`);
    this.addSql(`alter table "person_affiliation" alter column "ref" drop default;`);
    this.addSql(`create index "person_affiliation_person_id_ref_index" on "person_affiliation" ("person_id", "ref");`);
    this.addSql(`alter table "person_affiliation" add constraint "person_affiliation_pkey" primary key ("person_id", "organisation_id", "ref");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "appointment_open_unique";`);

    this.addSql(`drop index "person_affiliation_person_id_ref_index";`);
    this.addSql(`alter table "person_affiliation" drop constraint "person_affiliation_pkey";`);
    this.addSql(`alter table "person_affiliation" drop column "ref", drop column "until";`);

    this.addSql(`alter table "person_affiliation" add constraint "person_affiliation_pkey" primary key ("person_id", "organisation_id");`);
  }

}
