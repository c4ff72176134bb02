import { Migration } from '@mikro-orm/migrations';

export class Migration20261201014215 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "dead_letter" ("seq" serial primary key, "consumer" varchar(100) not null, "subject" varchar(300) not null, "event_id" uuid not null, "type" varchar(200) not null, "envelope" jsonb not null, "error" text not null, "delivery_count" int not null, "at" timestamptz(3) not null, "replayed_at" timestamptz(3) null);`);
    this.addSql(`create index "dead_letter_event_id_index" on "dead_letter" ("event_id");`);

    this.addSql(`create table "idempotent_request" ("caller_sub" varchar(200) not null, "key" varchar(200) not null, "request_hash" varchar(64) not null, "response" text null, "created_at" timestamptz(3) not null, constraint "idempotent_request_pkey" primary key ("caller_sub", "key"));`);
    this.addSql(`create index "idempotent_request_created_at_index" on "idempotent_request" ("created_at");`);

    this.addSql(`alter table "org_node" add column "name_version" int not null default -1, add column "place_version" int not null default -1;`);

    this.addSql(`drop index "outbox_event_pending_idx";`);

    this.addSql(`alter table "outbox_event" add column "causation_id" varchar(200) null, add column "traceparent" varchar(64) null;`);
    this.addSql(`create index "outbox_event_unpublished_idx" on "outbox_event" ("seq") where "published_at" is null;`);
    this.addSql(`create index "outbox_event_published_idx" on "outbox_event" ("published_at");`);

    this.addSql(`create index "processed_event_at_idx" on "processed_event" ("processed_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "dead_letter" cascade;`);

    this.addSql(`drop table if exists "idempotent_request" cascade;`);

    this.addSql(`alter table "org_node" drop column "name_version", drop column "place_version";`);

    this.addSql(`drop index "outbox_event_unpublished_idx";`);
    this.addSql(`drop index "outbox_event_published_idx";`);
    this.addSql(`alter table "outbox_event" drop column "causation_id", drop column "traceparent";`);

    this.addSql(`create index "outbox_event_pending_idx" on "outbox_event" ("published_at", "seq");`);

    this.addSql(`drop index "processed_event_at_idx";`);
  }

}
