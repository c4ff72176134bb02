import { Migration } from '@mikro-orm/migrations';

export class Migration20261122151725 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "org_node" ("id" varchar(36) not null, "name" varchar(100) not null, "kind" varchar(40) not null, "parent_id" varchar(36) null, "path" varchar(1000) not null, "updated_at" timestamptz not null, constraint "org_node_pkey" primary key ("id"));`);
    this.addSql(`create index "org_node_kind_index" on "org_node" ("kind");`);
    this.addSql(`create index "org_node_parent_id_index" on "org_node" ("parent_id");`);
    this.addSql(`create index "org_node_path_index" on "org_node" ("path");`);

    this.addSql(`create table "outbox_event" ("seq" serial primary key, "id" uuid not null, "type" varchar(200) not null, "version" int not null, "source" varchar(100) not null, "payload" jsonb not null, "occurred_at" timestamptz(3) not null, "correlation_id" varchar(200) null, "published_at" timestamptz(3) null, "attempts" int not null default 0, "last_error" text null);`);
    this.addSql(`alter table "outbox_event" add constraint "outbox_event_id_unique" unique ("id");`);
    this.addSql(`create index "outbox_event_pending_idx" on "outbox_event" ("published_at", "seq");`);

    this.addSql(`create table "processed_event" ("consumer" varchar(100) not null, "event_id" uuid not null, "processed_at" timestamptz(3) not null, constraint "processed_event_pkey" primary key ("consumer", "event_id"));`);
  }

}
