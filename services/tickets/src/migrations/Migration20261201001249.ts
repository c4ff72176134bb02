import { Migration } from '@mikro-orm/migrations';

export class Migration20261201001249 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "ticket_attachment" ("id" varchar(36) not null, "ticket_id" varchar(36) not null, "stage" varchar(20) not null, "state" varchar(10) not null, "file_name" varchar(200) not null, "content_type" varchar(40) not null, "byte_size" int not null, "sha256" varchar(64) not null, "uploaded_by_id" varchar(100) not null, "requested_at" timestamptz not null, "expires_at" timestamptz not null, "uploaded_at" timestamptz null, constraint "ticket_attachment_pkey" primary key ("id"));`);
    this.addSql(`create index "ticket_attachment_ticket_idx" on "ticket_attachment" ("ticket_id", "stage", "state");`);

    this.addSql(`create table "ticket_comment" ("id" varchar(36) not null, "ticket_id" varchar(36) not null, "author_id" varchar(100) not null, "body" text not null, "internal" boolean not null, "at" timestamptz not null, constraint "ticket_comment_pkey" primary key ("id"));`);
    this.addSql(`create index "ticket_comment_ticket_idx" on "ticket_comment" ("ticket_id", "at", "id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "ticket_attachment" cascade;`);

    this.addSql(`drop table if exists "ticket_comment" cascade;`);
  }

}
