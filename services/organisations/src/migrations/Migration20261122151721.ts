import { Migration } from '@mikro-orm/migrations';

export class Migration20261122151721 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "alliance" ("id" varchar(36) not null, "name" varchar(100) not null, "lead_organisation_id" varchar(36) not null, "created_at" timestamptz not null, constraint "alliance_pkey" primary key ("id"));`);
    this.addSql(`create index "alliance_lead_organisation_id_index" on "alliance" ("lead_organisation_id");`);

    this.addSql(`create table "alliance_member" ("alliance_id" varchar(36) not null, "organisation_id" varchar(36) not null, "position" int not null, constraint "alliance_member_pkey" primary key ("alliance_id", "organisation_id"));`);

    this.addSql(`create table "appointment" ("id" varchar(36) not null, "person_id" varchar(36) not null, "organisation_id" varchar(36) not null, "role" varchar(30) not null, "since" varchar(10) not null, "until" varchar(10) null, "created_at" timestamptz not null, constraint "appointment_pkey" primary key ("id"));`);
    this.addSql(`create index "appointment_person_id_until_index" on "appointment" ("person_id", "until");`);
    this.addSql(`create index "appointment_organisation_id_until_index" on "appointment" ("organisation_id", "until");`);

    this.addSql(`create table "joint_meeting" ("id" varchar(36) not null, "alliance_id" varchar(36) not null, "scheduled_at" timestamptz not null, "agenda" text not null, "resolutions" jsonb not null, "created_at" timestamptz not null, constraint "joint_meeting_pkey" primary key ("id"));`);
    this.addSql(`create index "joint_meeting_alliance_id_scheduled_at_index" on "joint_meeting" ("alliance_id", "scheduled_at");`);

    this.addSql(`create table "organisation" ("id" varchar(36) not null, "name" varchar(100) not null, "kind" varchar(40) not null, "parent_id" varchar(36) null, "path" varchar(1000) not null, "credit_code" varchar(18) null, "contact_phone" varchar(20) null, "address" varchar(200) null, "created_at" timestamptz not null, constraint "organisation_pkey" primary key ("id"));`);
    this.addSql(`create index "organisation_kind_index" on "organisation" ("kind");`);
    this.addSql(`create index "organisation_path_index" on "organisation" ("path");`);
    this.addSql(`alter table "organisation" add constraint "organisation_credit_code_unique" unique ("credit_code");`);
    this.addSql(`create index "organisation_parent_id_name_index" on "organisation" ("parent_id", "name");`);

    this.addSql(`create table "outbox_event" ("seq" serial primary key, "id" uuid not null, "type" varchar(200) not null, "version" int not null, "source" varchar(100) not null, "payload" jsonb not null, "occurred_at" timestamptz(3) not null, "correlation_id" varchar(200) null, "published_at" timestamptz(3) null, "attempts" int not null default 0, "last_error" text null);`);
    this.addSql(`alter table "outbox_event" add constraint "outbox_event_id_unique" unique ("id");`);
    this.addSql(`create index "outbox_event_pending_idx" on "outbox_event" ("published_at", "seq");`);

    this.addSql(`create table "pairing" ("id" varchar(36) not null, "department_id" varchar(36) not null, "community_id" varchar(36) not null, "since" varchar(10) not null, "created_at" timestamptz not null, constraint "pairing_pkey" primary key ("id"));`);
    this.addSql(`create index "pairing_department_id_index" on "pairing" ("department_id");`);
    this.addSql(`create index "pairing_community_id_index" on "pairing" ("community_id");`);

    this.addSql(`create table "person_affiliation" ("person_id" varchar(36) not null, "organisation_id" varchar(36) not null, "source" varchar(20) not null, constraint "person_affiliation_pkey" primary key ("person_id", "organisation_id"));`);
    this.addSql(`create index "person_affiliation_organisation_id_index" on "person_affiliation" ("organisation_id");`);

    this.addSql(`create table "person" ("id" varchar(36) not null, "name" varchar(100) not null, "phone" varchar(20) not null, "party_member" boolean not null, "created_at" timestamptz not null, constraint "person_pkey" primary key ("id"));`);
    this.addSql(`alter table "person" add constraint "person_phone_unique" unique ("phone");`);

    this.addSql(`create table "processed_event" ("consumer" varchar(100) not null, "event_id" uuid not null, "processed_at" timestamptz(3) not null, constraint "processed_event_pkey" primary key ("consumer", "event_id"));`);
  }

}
