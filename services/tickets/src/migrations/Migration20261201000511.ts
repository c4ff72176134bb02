import { Migration } from '@mikro-orm/migrations';

export class Migration20261201000511 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "ticket_count" ("scope_id" varchar(36) not null, "month" varchar(7) not null, "status" varchar(20) not null, "category" varchar(40) not null, "escalation_level" varchar(20) not null, "n" int not null, constraint "ticket_count_pkey" primary key ("scope_id", "month", "status", "category", "escalation_level"));`);

    // Hand-added: the counters of the tickets already there (one row per scope node on their path, plus '*'), as the write path would have made them.
    this.addSql(`insert into "ticket_count" ("scope_id", "month", "status", "category", "escalation_level", "n")
      select s.scope_id, to_char(t.created_at at time zone 'Asia/Shanghai', 'YYYY-MM'), t.status, t.category, t.escalation_level, count(*)
      from "ticket" t cross join lateral (select '*' as scope_id union all select unnest(string_to_array(trim(both '/' from t.scope_path), '/'))) s
      group by 1, 2, 3, 4, 5;`);

    this.addSql(`create index "ticket_community_changes_idx" on "ticket" ("community_id", "updated_at", "id");`);
    this.addSql(`create index "ticket_changes_idx" on "ticket" ("updated_at", "id");`);
    this.addSql(`create index "ticket_resolution_unannounced_idx" on "ticket" ("resolution_due_at") where "status" in ('DISPATCHED', 'ACCEPTED') and "resolution_overdue_announced_at" is null;`);
    this.addSql(`create index "ticket_response_unannounced_idx" on "ticket" ("response_due_at") where "status" = 'DISPATCHED' and "response_overdue_announced_at" is null;`);
    this.addSql(`create index "ticket_open_community_list_idx" on "ticket" ("community_id", "created_at", "id") where "status" in ('DISPATCHED', 'ACCEPTED');`);
    this.addSql(`create index "ticket_open_list_idx" on "ticket" ("created_at", "id") where "status" in ('DISPATCHED', 'ACCEPTED');`);
    this.addSql(`create index "ticket_assignee_status_list_idx" on "ticket" ("assignee_id", "status", "created_at", "id");`);
    this.addSql(`create index "ticket_community_status_list_idx" on "ticket" ("community_id", "status", "created_at", "id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "ticket_count" cascade;`);

    this.addSql(`drop index "ticket_community_changes_idx";`);
    this.addSql(`drop index "ticket_changes_idx";`);
    this.addSql(`drop index "ticket_resolution_unannounced_idx";`);
    this.addSql(`drop index "ticket_response_unannounced_idx";`);
    this.addSql(`drop index "ticket_open_community_list_idx";`);
    this.addSql(`drop index "ticket_open_list_idx";`);
    this.addSql(`drop index "ticket_assignee_status_list_idx";`);
    this.addSql(`drop index "ticket_community_status_list_idx";`);
  }

}
