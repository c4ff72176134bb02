import { Migration } from '@mikro-orm/migrations';

export class Migration20261122160050 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "deliberation" ("id" varchar(36) not null, "format" varchar(30) not null, "topic" varchar(100) not null, "community_id" varchar(36) not null, "grid_id" varchar(36) null, "scheduled_at" timestamptz not null, "status" varchar(20) not null, "outcome" text null, "held_at" timestamptz null, "scheduled_by_id" varchar(100) not null, "created_at" timestamptz not null, constraint "deliberation_pkey" primary key ("id"));`);
    this.addSql(`create index "deliberation_community_idx" on "deliberation" ("community_id", "scheduled_at");`);

    this.addSql(`create table "deliberation_ticket" ("deliberation_id" varchar(36) not null, "ticket_id" varchar(36) not null, "position" int not null, constraint "deliberation_ticket_pkey" primary key ("deliberation_id", "ticket_id"));`);
    this.addSql(`create index "deliberation_ticket_ticket_idx" on "deliberation_ticket" ("ticket_id");`);

    this.addSql(`create table "grid_node" ("id" varchar(36) not null, "code" varchar(40) not null, "name" varchar(100) not null, "level" varchar(20) not null, "community_id" varchar(36) not null, "compound_id" varchar(36) null, "parent_id" varchar(36) null, "updated_at" timestamptz not null, constraint "grid_node_pkey" primary key ("id"));`);
    this.addSql(`create index "grid_node_community_id_index" on "grid_node" ("community_id");`);

    this.addSql(`create table "org_node" ("id" varchar(36) not null, "name" varchar(100) not null, "kind" varchar(40) not null, "parent_id" varchar(36) null, "path" varchar(1000) not null, "updated_at" timestamptz not null, constraint "org_node_pkey" primary key ("id"));`);
    this.addSql(`create index "org_node_kind_index" on "org_node" ("kind");`);
    this.addSql(`create index "org_node_parent_id_index" on "org_node" ("parent_id");`);
    this.addSql(`create index "org_node_path_index" on "org_node" ("path");`);

    this.addSql(`create table "outbox_event" ("seq" serial primary key, "id" uuid not null, "type" varchar(200) not null, "version" int not null, "source" varchar(100) not null, "payload" jsonb not null, "occurred_at" timestamptz(3) not null, "correlation_id" varchar(200) null, "published_at" timestamptz(3) null, "attempts" int not null default 0, "last_error" text null);`);
    this.addSql(`alter table "outbox_event" add constraint "outbox_event_id_unique" unique ("id");`);
    this.addSql(`create index "outbox_event_pending_idx" on "outbox_event" ("published_at", "seq");`);

    this.addSql(`create table "processed_event" ("consumer" varchar(100) not null, "event_id" uuid not null, "processed_at" timestamptz(3) not null, constraint "processed_event_pkey" primary key ("consumer", "event_id"));`);

    this.addSql(`create table "service_item" ("id" varchar(36) not null, "community_id" varchar(36) not null, "name" varchar(100) not null, "category" varchar(40) not null, "free" boolean not null, "price_cents" int null, "provider_id" varchar(36) not null, "created_at" timestamptz not null, constraint "service_item_pkey" primary key ("id"));`);
    this.addSql(`create index "service_item_menu_idx" on "service_item" ("community_id", "category", "name");`);

    this.addSql(`create table "ticket_code_counter" ("day" varchar(8) not null, "last" int not null, constraint "ticket_code_counter_pkey" primary key ("day"));`);

    this.addSql(`create table "ticket" ("id" varchar(36) not null, "code" varchar(24) not null, "title" varchar(100) not null, "description" text not null, "category" varchar(40) not null, "channel" varchar(40) not null, "priority" varchar(10) not null, "status" varchar(20) not null, "escalation_level" varchar(20) not null, "grid_id" varchar(36) not null, "compound_id" varchar(36) null, "community_id" varchar(36) not null, "scope_path" varchar(1000) not null, "reporter_id" varchar(100) not null, "submitted_by_id" varchar(100) not null, "service_item_id" varchar(36) null, "contact_phone" varchar(20) null, "lat" double precision null, "lng" double precision null, "assignee_id" varchar(36) null, "response_due_at" timestamptz null, "resolution_due_at" timestamptz null, "response_overdue_announced_at" timestamptz null, "resolution_overdue_announced_at" timestamptz null, "last_dispatched_at" timestamptz null, "accepted_at" timestamptz null, "resolved_at" timestamptz null, "resolved_by_id" varchar(36) null, "closed_at" timestamptz null, "cancelled_at" timestamptz null, "reopen_count" int not null, "rating_score" smallint null, "rating_comment" text null, "rated_at" timestamptz null, "version" int not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "ticket_pkey" primary key ("id"));`);
    this.addSql(`alter table "ticket" add constraint "ticket_code_unique" unique ("code");`);
    this.addSql(`create index "ticket_resolved_idx" on "ticket" ("status", "resolved_at");`);
    this.addSql(`create index "ticket_resolution_due_idx" on "ticket" ("status", "resolution_due_at");`);
    this.addSql(`create index "ticket_response_due_idx" on "ticket" ("status", "response_due_at");`);
    this.addSql(`create index "ticket_reporter_list_idx" on "ticket" ("reporter_id", "created_at", "id");`);
    this.addSql(`create index "ticket_level_list_idx" on "ticket" ("escalation_level", "created_at", "id");`);
    this.addSql(`create index "ticket_category_list_idx" on "ticket" ("category", "created_at", "id");`);
    this.addSql(`create index "ticket_status_list_idx" on "ticket" ("status", "created_at", "id");`);
    this.addSql(`create index "ticket_assignee_list_idx" on "ticket" ("assignee_id", "created_at", "id");`);
    this.addSql(`create index "ticket_grid_list_idx" on "ticket" ("grid_id", "created_at", "id");`);
    this.addSql(`create index "ticket_community_list_idx" on "ticket" ("community_id", "created_at", "id");`);
    // Hand-edited: `varchar_pattern_ops` lets the scope filter's prefix LIKE ('/district/street/%') use the index whatever the collation.
    this.addSql(`create index "ticket_scope_path_idx" on "ticket" ("scope_path" varchar_pattern_ops);`);
    this.addSql(`create index "ticket_list_idx" on "ticket" ("created_at", "id");`);

    this.addSql(`create table "ticket_handler" ("ticket_id" varchar(36) not null, "organisation_id" varchar(36) not null, "first_accepted_at" timestamptz not null, constraint "ticket_handler_pkey" primary key ("ticket_id", "organisation_id"));`);
    this.addSql(`create index "ticket_handler_org_idx" on "ticket_handler" ("organisation_id", "ticket_id");`);

    this.addSql(`create table "ticket_timeline_entry" ("id" varchar(36) not null, "ticket_id" varchar(36) not null, "seq" int not null, "at" timestamptz not null, "action" varchar(20) not null, "from_status" varchar(20) null, "to_status" varchar(20) not null, "actor_id" varchar(100) null, "note" text null, constraint "ticket_timeline_entry_pkey" primary key ("id"));`);
    this.addSql(`create index "ticket_timeline_ticket_idx" on "ticket_timeline_entry" ("ticket_id", "seq");`);
  }

}
