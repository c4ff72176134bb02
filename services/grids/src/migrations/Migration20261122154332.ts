import { Migration } from '@mikro-orm/migrations';

export class Migration20261122154332 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "compound" ("id" varchar(36) not null, "name" varchar(100) not null, "community_id" varchar(36) not null, "households" int not null, "address" varchar(200) null, "management_mode" varchar(20) not null, "property_firm_id" varchar(36) null, "party_organisation_id" varchar(36) null, "owners_committee_id" varchar(36) null, "firm_under_review" boolean not null, "created_at" timestamptz not null, constraint "compound_pkey" primary key ("id"));`);
    this.addSql(`create index "compound_property_firm_id_index" on "compound" ("property_firm_id");`);
    this.addSql(`alter table "compound" add constraint "compound_community_id_name_unique" unique ("community_id", "name");`);

    this.addSql(`create table "compound_management" ("id" varchar(36) not null, "compound_id" varchar(36) not null, "management_mode" varchar(20) not null, "property_firm_id" varchar(36) null, "since" timestamptz not null, "until" timestamptz null, constraint "compound_management_pkey" primary key ("id"));`);
    this.addSql(`create index "compound_management_property_firm_id_index" on "compound_management" ("property_firm_id");`);
    this.addSql(`create index "compound_management_compound_id_since_index" on "compound_management" ("compound_id", "since");`);

    this.addSql(`create table "grid_cell" ("lat_cell" int not null, "lng_cell" int not null, "grid_id" varchar(36) not null, constraint "grid_cell_pkey" primary key ("lat_cell", "lng_cell", "grid_id"));`);

    this.addSql(`create table "grid" ("id" varchar(36) not null, "code" varchar(40) not null, "name" varchar(100) not null, "level" varchar(20) not null, "district_id" varchar(36) not null, "community_id" varchar(36) not null, "compound_id" varchar(36) null, "parent_id" varchar(36) null, "path" varchar(120) not null, "households" int not null, "residents" int not null, "boundary" jsonb null, "created_at" timestamptz not null, constraint "grid_pkey" primary key ("id"));`);
    this.addSql(`create index "grid_compound_id_index" on "grid" ("compound_id");`);
    this.addSql(`create index "grid_parent_id_index" on "grid" ("parent_id");`);
    this.addSql(`create index "grid_community_id_parent_id_index" on "grid" ("community_id", "parent_id");`);
    this.addSql(`alter table "grid" add constraint "grid_district_id_code_unique" unique ("district_id", "code");`);

    this.addSql(`create table "grid_staff" ("id" varchar(36) not null, "grid_id" varchar(36) not null, "person_id" varchar(64) not null, "role" varchar(30) not null, "community_id" varchar(36) not null, "since" timestamptz not null, "until" timestamptz null, constraint "grid_staff_pkey" primary key ("id"));`);
    this.addSql(`create index "grid_staff_community_id_index" on "grid_staff" ("community_id");`);
    this.addSql(`create index "grid_staff_grid_id_person_id_index" on "grid_staff" ("grid_id", "person_id");`);

    this.addSql(`create table "org_node" ("id" varchar(36) not null, "name" varchar(100) not null, "kind" varchar(40) not null, "parent_id" varchar(36) null, "path" varchar(1000) not null, "updated_at" timestamptz not null, constraint "org_node_pkey" primary key ("id"));`);
    this.addSql(`create index "org_node_kind_index" on "org_node" ("kind");`);
    this.addSql(`create index "org_node_parent_id_index" on "org_node" ("parent_id");`);
    this.addSql(`create index "org_node_path_index" on "org_node" ("path");`);

    this.addSql(`create table "outbox_event" ("seq" serial primary key, "id" uuid not null, "type" varchar(200) not null, "version" int not null, "source" varchar(100) not null, "payload" jsonb not null, "occurred_at" timestamptz(3) not null, "correlation_id" varchar(200) null, "published_at" timestamptz(3) null, "attempts" int not null default 0, "last_error" text null);`);
    this.addSql(`alter table "outbox_event" add constraint "outbox_event_id_unique" unique ("id");`);
    this.addSql(`create index "outbox_event_pending_idx" on "outbox_event" ("published_at", "seq");`);

    this.addSql(`create table "processed_event" ("consumer" varchar(100) not null, "event_id" uuid not null, "processed_at" timestamptz(3) not null, constraint "processed_event_pkey" primary key ("consumer", "event_id"));`);

    this.addSql(`create table "visit" ("id" varchar(36) not null, "grid_id" varchar(36) not null, "community_id" varchar(36) not null, "visitor_id" varchar(64) not null, "recorded_by_id" varchar(64) not null, "at" timestamptz not null, "households_visited" int not null, "notes" text null, "created_at" timestamptz not null, constraint "visit_pkey" primary key ("id"));`);
    this.addSql(`create index "visit_grid_id_at_index" on "visit" ("grid_id", "at");`);
    this.addSql(`create index "visit_community_id_at_index" on "visit" ("community_id", "at");`);
  }

}
