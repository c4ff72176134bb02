import { Migration } from '@mikro-orm/migrations';

export class Migration20261122154522 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "compound" ("id" varchar(36) not null, "name" varchar(100) not null, "community_id" varchar(36) not null, "management_mode" varchar(20) not null, "property_firm_id" varchar(36) null, "as_of" timestamptz not null, constraint "compound_pkey" primary key ("id"));`);
    this.addSql(`create index "compound_community_id_index" on "compound" ("community_id");`);
    this.addSql(`create index "compound_property_firm_id_index" on "compound" ("property_firm_id");`);

    this.addSql(`create table "firm_month" ("firm_id" varchar(36) not null, "month" varchar(7) not null, "ticket_count" int not null default 0, "accepted_on_time" int not null default 0, "resolved_on_time" int not null default 0, "ratings" int not null default 0, "good_ratings" int not null default 0, "bad_ratings" int not null default 0, "inspections" int not null default 0, "inspection_score_sum" double precision not null default 0, "overdue_rectifications" int not null default 0, "finalised" jsonb null, constraint "firm_month_pkey" primary key ("firm_id", "month"));`);
    this.addSql(`create index "firm_month_month_index" on "firm_month" ("month");`);

    this.addSql(`create table "firm_state" ("firm_id" varchar(36) not null, "replacement_recommended" boolean not null default false, "current_grade" varchar(10) null, "current_grade_month" varchar(7) null, constraint "firm_state_pkey" primary key ("firm_id"));`);

    this.addSql(`create table "inspection" ("id" varchar(36) not null, "firm_id" varchar(36) not null, "compound_id" varchar(36) not null, "community_id" varchar(36) not null, "at" timestamptz not null, "month" varchar(7) not null, "score" double precision not null, "items" jsonb not null, "inspector_id" varchar(100) not null, "created_at" timestamptz not null, constraint "inspection_pkey" primary key ("id"));`);
    this.addSql(`create index "inspection_compound_id_index" on "inspection" ("compound_id");`);
    this.addSql(`create index "inspection_firm_id_month_index" on "inspection" ("firm_id", "month");`);

    this.addSql(`create table "org_node" ("id" varchar(36) not null, "name" varchar(100) not null, "kind" varchar(40) not null, "parent_id" varchar(36) null, "path" varchar(1000) not null, "updated_at" timestamptz not null, constraint "org_node_pkey" primary key ("id"));`);
    this.addSql(`create index "org_node_kind_index" on "org_node" ("kind");`);
    this.addSql(`create index "org_node_parent_id_index" on "org_node" ("parent_id");`);
    this.addSql(`create index "org_node_path_index" on "org_node" ("path");`);

    this.addSql(`create table "outbox_event" ("seq" serial primary key, "id" uuid not null, "type" varchar(200) not null, "version" int not null, "source" varchar(100) not null, "payload" jsonb not null, "occurred_at" timestamptz(3) not null, "correlation_id" varchar(200) null, "published_at" timestamptz(3) null, "attempts" int not null default 0, "last_error" text null);`);
    this.addSql(`alter table "outbox_event" add constraint "outbox_event_id_unique" unique ("id");`);
    this.addSql(`create index "outbox_event_pending_idx" on "outbox_event" ("published_at", "seq");`);

    this.addSql(`create table "processed_event" ("consumer" varchar(100) not null, "event_id" uuid not null, "processed_at" timestamptz(3) not null, constraint "processed_event_pkey" primary key ("consumer", "event_id"));`);

    this.addSql(`create table "rate_counter" ("dimension" varchar(10) not null, "scope_id" varchar(36) not null, "month" varchar(7) not null, "tickets" int not null default 0, "dispatched" int not null default 0, "accepted_on_time" int not null default 0, "resolved" int not null default 0, "rated" int not null default 0, "satisfied" int not null default 0, constraint "rate_counter_pkey" primary key ("dimension", "scope_id", "month"));`);

    this.addSql(`create table "rectification" ("id" varchar(36) not null, "firm_id" varchar(36) not null, "reason" varchar(30) not null, "status" varchar(20) not null, "period" varchar(7) null, "issued_at" timestamptz not null, "due_at" timestamptz not null, "response" text null, "responded_at" timestamptz null, "verification_note" text null, "verified_at" timestamptz null, "overdue_at" timestamptz null, "overdue_month" varchar(7) null, constraint "rectification_pkey" primary key ("id"));`);
    this.addSql(`create index "rectification_firm_id_overdue_month_index" on "rectification" ("firm_id", "overdue_month");`);
    this.addSql(`create index "rectification_status_due_at_index" on "rectification" ("status", "due_at");`);
    this.addSql(`create index "rectification_firm_id_issued_at_index" on "rectification" ("firm_id", "issued_at");`);

    this.addSql(`create table "ticket_fact" ("id" varchar(36) not null, "code" varchar(40) not null, "version" int not null, "status" varchar(20) not null, "community_id" varchar(36) not null, "assignee_id" varchar(36) null, "submitted_at" timestamptz not null, "response_due_at" timestamptz null, "resolution_due_at" timestamptz null, "resolved_at" timestamptz null, "resolved_by_id" varchar(36) null, "rating_score" int null, "rated_at" timestamptz null, "rated_month" varchar(7) null, "dispatches" jsonb not null, "accepted_on_time_by" jsonb not null, constraint "ticket_fact_pkey" primary key ("id"));`);
    this.addSql(`create index "ticket_fact_resolved_by_id_rated_month_index" on "ticket_fact" ("resolved_by_id", "rated_month");`);
    this.addSql(`create index "ticket_fact_resolved_by_id_rated_at_index" on "ticket_fact" ("resolved_by_id", "rated_at");`);
  }

}
