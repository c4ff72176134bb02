import { Migration } from '@mikro-orm/migrations';

export class Migration20261201013447 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "ticket_follow_up" ("id" varchar(36) not null, "ticket_id" varchar(36) not null, "at" timestamptz not null, "reached" boolean not null, "score" smallint null, "note" text null, "recorded_by_id" varchar(100) not null, constraint "ticket_follow_up_pkey" primary key ("id"));`);
    this.addSql(`create index "ticket_follow_up_ticket_idx" on "ticket_follow_up" ("ticket_id", "at", "id");`);

    this.addSql(`alter table "grid_node" add column "retired_at" timestamptz null;`);

    this.addSql(`alter table "service_item" add column "retired_at" timestamptz null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "ticket_follow_up" cascade;`);

    this.addSql(`alter table "grid_node" drop column "retired_at";`);

    this.addSql(`alter table "service_item" drop column "retired_at";`);
  }

}
