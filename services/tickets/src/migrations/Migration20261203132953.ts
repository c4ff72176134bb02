import { Migration } from '@mikro-orm/migrations';

export class Migration20261203132953 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "ticket_assignee_count" ("assignee_id" varchar(36) not null, "status" varchar(20) not null, "n" int not null, constraint "ticket_assignee_count_pkey" primary key ("assignee_id", "status"));`);

    // Hand-added: the work queues' counts of the tickets already there, as the write path would have made them.
    this.addSql(`insert into "ticket_assignee_count" ("assignee_id", "status", "n")
      select "assignee_id", "status", count(*) from "ticket" where "assignee_id" is not null group by 1, 2;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "ticket_assignee_count" cascade;`);
  }

}
