import { Migration } from '@mikro-orm/migrations';

export class Migration20261201003953 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "compound" ("id" varchar(36) not null, "name" varchar(100) not null, "community_id" varchar(36) not null, "community_path" varchar(1000) not null, "management_mode" varchar(20) not null, "property_firm_id" varchar(36) null, "party_organisation_id" varchar(36) null, "owners_committee_id" varchar(36) null, "as_of" timestamptz not null, constraint "compound_pkey" primary key ("id"));`);
    this.addSql(`create index "compound_community_id_index" on "compound" ("community_id");`);

    this.addSql(`create table "compound_firm_term" ("compound_id" varchar(36) not null, "from_month" varchar(7) not null, "property_firm_id" varchar(36) null, constraint "compound_firm_term_pkey" primary key ("compound_id", "from_month"));`);
    this.addSql(`create index "compound_firm_term_property_firm_id_from_month_index" on "compound_firm_term" ("property_firm_id", "from_month");`);

    this.addSql(`create table "proposal_elector" ("proposal_id" varchar(36) not null, "household_id" varchar(36) not null, "area_hundredths" int not null, constraint "proposal_elector_pkey" primary key ("proposal_id", "household_id"));`);

    this.addSql(`create table "fee_compound" ("compound_id" varchar(36) not null, "first_month" varchar(7) not null, "billed_through" varchar(7) null, constraint "fee_compound_pkey" primary key ("compound_id"));`);
    this.addSql(`create index "fee_compound_billed_through_index" on "fee_compound" ("billed_through");`);

    this.addSql(`create table "fee_month" ("household_id" varchar(36) not null, "month" varchar(7) not null, "compound_id" varchar(36) not null, "due_cents" int not null, "billed" boolean not null, "payment_id" varchar(36) null, "paid_cents" int not null default 0, constraint "fee_month_pkey" primary key ("household_id", "month"));`);
    this.addSql(`create index "fee_month_compound_id_month_index" on "fee_month" ("compound_id", "month");`);

    this.addSql(`create table "fee_payment" ("id" varchar(36) not null, "household_id" varchar(36) not null, "compound_id" varchar(36) not null, "from_month" varchar(7) not null, "months" int not null, "amount_cents" int not null, "public_fund_cents" int not null, "recorded_by" varchar(36) not null, "received_at" timestamptz not null, constraint "fee_payment_pkey" primary key ("id"));`);
    this.addSql(`create index "fee_payment_household_id_received_at_index" on "fee_payment" ("household_id", "received_at");`);

    this.addSql(`create table "fee_rate" ("compound_id" varchar(36) not null, "from_month" varchar(7) not null, "cents_per_sqm_month" int not null, "public_fund_share_bp" int not null, "proposal_id" varchar(36) null, "set_at" timestamptz not null, constraint "fee_rate_pkey" primary key ("compound_id", "from_month"));`);

    this.addSql(`create table "household" ("id" varchar(36) not null, "compound_id" varchar(36) not null, "community_id" varchar(36) not null, "building" varchar(50) not null, "unit" varchar(50) null, "room" varchar(50) not null, "area_hundredths" int not null, "registered_at" timestamptz not null, "as_of" timestamptz not null, constraint "household_pkey" primary key ("id"));`);
    this.addSql(`create index "household_compound_id_registered_at_index" on "household" ("compound_id", "registered_at");`);

    this.addSql(`create table "household_member" ("household_id" varchar(36) not null, "person_id" varchar(36) not null, "relation" varchar(10) not null, "since" varchar(10) not null, "until" varchar(10) null, "as_of" timestamptz not null, constraint "household_member_pkey" primary key ("household_id", "person_id"));`);
    this.addSql(`create index "household_member_person_id_until_index" on "household_member" ("person_id", "until");`);

    this.addSql(`create table "org_node" ("id" varchar(36) not null, "name" varchar(100) not null, "kind" varchar(40) not null, "parent_id" varchar(36) null, "path" varchar(1000) not null, "updated_at" timestamptz not null, constraint "org_node_pkey" primary key ("id"));`);
    this.addSql(`create index "org_node_kind_index" on "org_node" ("kind");`);
    this.addSql(`create index "org_node_parent_id_index" on "org_node" ("parent_id");`);
    this.addSql(`create index "org_node_path_index" on "org_node" ("path");`);

    this.addSql(`create table "outbox_event" ("seq" serial primary key, "id" uuid not null, "type" varchar(200) not null, "version" int not null, "source" varchar(100) not null, "payload" jsonb not null, "occurred_at" timestamptz(3) not null, "correlation_id" varchar(200) null, "published_at" timestamptz(3) null, "attempts" int not null default 0, "last_error" text null);`);
    this.addSql(`alter table "outbox_event" add constraint "outbox_event_id_unique" unique ("id");`);
    this.addSql(`create index "outbox_event_pending_idx" on "outbox_event" ("published_at", "seq");`);

    this.addSql(`create table "processed_event" ("consumer" varchar(100) not null, "event_id" uuid not null, "processed_at" timestamptz(3) not null, constraint "processed_event_pkey" primary key ("consumer", "event_id"));`);

    this.addSql(`create table "proposal" ("id" varchar(36) not null, "compound_id" varchar(36) not null, "kind" varchar(30) not null, "title" varchar(100) not null, "description" text null, "threshold" varchar(10) not null, "status" varchar(20) not null, "amount_cents" bigint null, "property_firm_id" varchar(36) null, "cents_per_sqm_month" int null, "drafted_by" varchar(36) not null, "created_at" timestamptz not null, "voting_closes_at" timestamptz null, "electorate_households" int null, "electorate_area" bigint null, "result" jsonb null, "decided_at" timestamptz null, "spent_cents" bigint not null default 0, constraint "proposal_pkey" primary key ("id"));`);
    this.addSql(`create index "proposal_status_voting_closes_at_index" on "proposal" ("status", "voting_closes_at");`);
    this.addSql(`create index "proposal_compound_id_created_at_id_index" on "proposal" ("compound_id", "created_at", "id");`);

    this.addSql(`create table "proposal_review" ("proposal_id" varchar(36) not null, "stage" varchar(10) not null, "approved" boolean not null, "note" varchar(2000) not null, "reviewer_id" varchar(36) not null, "at" timestamptz not null, constraint "proposal_review_pkey" primary key ("proposal_id", "stage"));`);

    this.addSql(`create table "public_fund" ("compound_id" varchar(36) not null, "credited_cents" bigint not null, "spent_cents" bigint not null, constraint "public_fund_pkey" primary key ("compound_id"));`);

    this.addSql(`create table "public_fund_entry" ("id" varchar(36) not null, "compound_id" varchar(36) not null, "kind" varchar(10) not null, "amount_cents" int not null, "purpose" varchar(200) null, "proposal_id" varchar(36) null, "payment_id" varchar(36) null, "recorded_by" varchar(36) null, "created_at" timestamptz not null, constraint "public_fund_entry_pkey" primary key ("id"));`);
    this.addSql(`create index "public_fund_entry_compound_id_created_at_id_index" on "public_fund_entry" ("compound_id", "created_at", "id");`);

    this.addSql(`create table "proposal_vote" ("proposal_id" varchar(36) not null, "household_id" varchar(36) not null, "choice" varchar(10) not null, "voter_id" varchar(36) not null, "at" timestamptz not null, constraint "proposal_vote_pkey" primary key ("proposal_id", "household_id"));`);
  }

}
