import { Migration } from '@mikro-orm/migrations';

export class Migration20261201004508 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "audit_entry" ("id" varchar(36) not null, "at" timestamptz not null, "actor_id" varchar(100) not null, "roles" varchar(200) not null, "service" varchar(40) not null, "action" varchar(100) not null, "subject_type" varchar(60) null, "subject_id" varchar(100) null, "summary" varchar(500) not null, constraint "audit_entry_pkey" primary key ("id"));`);
    this.addSql(`create index "audit_entry_at_id_index" on "audit_entry" ("at", "id");`);

    this.addSql(`create table "audit_entry_scope" ("entry_id" varchar(36) not null, "organisation_id" varchar(36) not null, "path" varchar(1000) not null, constraint "audit_entry_scope_pkey" primary key ("entry_id", "organisation_id"));`);
    this.addSql(`create index "audit_entry_scope_organisation_id_index" on "audit_entry_scope" ("organisation_id");`);
    this.addSql(`create index "audit_entry_scope_path_index" on "audit_entry_scope" ("path");`);

    this.addSql(`alter table "organisation" add column "deactivated_at" timestamptz null, add column "deactivation_reason" varchar(2000) null;`);

    this.addSql(`alter table "pairing" add column "until" varchar(10) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "audit_entry" cascade;`);

    this.addSql(`drop table if exists "audit_entry_scope" cascade;`);

    this.addSql(`alter table "organisation" drop column "deactivated_at", drop column "deactivation_reason";`);

    this.addSql(`alter table "pairing" drop column "until";`);
  }

}
