import { Migration } from '@mikro-orm/migrations';

export class Migration20261201000745 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "firm_compound" ("compound_id" varchar(36) not null, "firm_id" varchar(36) null, "community_id" varchar(36) not null, constraint "firm_compound_pkey" primary key ("compound_id"));`);
    this.addSql(`create index "firm_compound_firm_id_index" on "firm_compound" ("firm_id");`);

    this.addSql(`create table "inbox_counter" ("recipient" varchar(80) not null, "total" int not null, constraint "inbox_counter_pkey" primary key ("recipient"));`);

    this.addSql(`create table "notification" ("id" varchar(36) not null, "recipient" varchar(80) not null, "kind" varchar(40) not null, "title" varchar(100) not null, "body" varchar(500) not null, "ticket_id" varchar(36) null, "proposal_id" varchar(36) null, "organisation_id" varchar(36) null, "event_id" varchar(36) not null, "created_at" timestamptz not null, constraint "notification_pkey" primary key ("id"));`);
    this.addSql(`create index "notification_recipient_created_at_id_index" on "notification" ("recipient", "created_at", "id");`);
    this.addSql(`alter table "notification" add constraint "notification_event_id_recipient_kind_unique" unique ("event_id", "recipient", "kind");`);

    this.addSql(`create table "notification_read" ("person_id" varchar(64) not null, "notification_id" varchar(36) not null, "recipient" varchar(80) not null, "read_at" timestamptz not null, constraint "notification_read_pkey" primary key ("person_id", "notification_id"));`);

    this.addSql(`create table "org_node" ("id" varchar(36) not null, "name" varchar(100) not null, "kind" varchar(40) not null, "parent_id" varchar(36) null, "path" varchar(1000) not null, "updated_at" timestamptz not null, constraint "org_node_pkey" primary key ("id"));`);
    this.addSql(`create index "org_node_kind_index" on "org_node" ("kind");`);
    this.addSql(`create index "org_node_parent_id_index" on "org_node" ("parent_id");`);
    this.addSql(`create index "org_node_path_index" on "org_node" ("path");`);

    this.addSql(`create table "outbox_event" ("seq" serial primary key, "id" uuid not null, "type" varchar(200) not null, "version" int not null, "source" varchar(100) not null, "payload" jsonb not null, "occurred_at" timestamptz(3) not null, "correlation_id" varchar(200) null, "published_at" timestamptz(3) null, "attempts" int not null default 0, "last_error" text null);`);
    this.addSql(`alter table "outbox_event" add constraint "outbox_event_id_unique" unique ("id");`);
    this.addSql(`create index "outbox_event_pending_idx" on "outbox_event" ("published_at", "seq");`);

    this.addSql(`create table "processed_event" ("consumer" varchar(100) not null, "event_id" uuid not null, "processed_at" timestamptz(3) not null, constraint "processed_event_pkey" primary key ("consumer", "event_id"));`);

    this.addSql(`create table "read_counter" ("person_id" varchar(64) not null, "recipient" varchar(80) not null, "read_count" int not null, constraint "read_counter_pkey" primary key ("person_id", "recipient"));`);

    this.addSql(`create table "webhook_delivery" ("id" varchar(36) not null, "webhook_id" varchar(36) not null, "notification_id" varchar(36) not null, "body" text not null, "status" varchar(16) not null, "attempts" int not null, "last_status" int null, "last_error" varchar(200) null, "delivered_at" timestamptz null, "next_attempt_at" timestamptz null, "created_at" timestamptz not null, constraint "webhook_delivery_pkey" primary key ("id"));`);
    this.addSql(`create index "webhook_delivery_webhook_id_created_at_id_index" on "webhook_delivery" ("webhook_id", "created_at", "id");`);
    this.addSql(`create index "webhook_delivery_status_next_attempt_at_index" on "webhook_delivery" ("status", "next_attempt_at");`);

    this.addSql(`create table "webhook" ("id" varchar(36) not null, "organisation_id" varchar(36) not null, "url" varchar(2000) not null, "secret" varchar(256) not null, "kinds" jsonb not null, "active" boolean not null, "created_by_id" varchar(64) not null, "created_at" timestamptz not null, constraint "webhook_pkey" primary key ("id"));`);
    this.addSql(`create index "webhook_organisation_id_active_index" on "webhook" ("organisation_id", "active");`);
  }

}
