import { Migration } from '@mikro-orm/migrations';

export class Migration20261201001744 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "compound_node" ("id" varchar(36) not null, "name" varchar(100) not null, "community_id" varchar(36) not null, "updated_at" timestamptz not null, constraint "compound_node_pkey" primary key ("id"));`);
    this.addSql(`create index "compound_node_community_id_name_index" on "compound_node" ("community_id", "name");`);

    this.addSql(`create table "grid_node" ("id" varchar(36) not null, "code" varchar(40) not null, "community_id" varchar(36) not null, "compound_id" varchar(36) null, "retired_at" timestamptz null, "updated_at" timestamptz not null, constraint "grid_node_pkey" primary key ("id"));`);
    this.addSql(`create index "grid_node_compound_id_index" on "grid_node" ("compound_id");`);

    this.addSql(`create table "household" ("id" varchar(36) not null, "compound_id" varchar(36) not null, "community_id" varchar(36) not null, "building" varchar(20) not null, "unit" varchar(20) null, "unit_key" varchar(20) not null, "room" varchar(20) not null, "area_hundredths" int not null, "grid_id" varchar(36) null, "created_at" timestamptz not null, constraint "household_pkey" primary key ("id"));`);
    this.addSql(`create index "household_community_id_index" on "household" ("community_id");`);
    this.addSql(`create index "household_compound_id_created_at_id_index" on "household" ("compound_id", "created_at", "id");`);
    this.addSql(`alter table "household" add constraint "household_compound_id_building_unit_key_room_unique" unique ("compound_id", "building", "unit_key", "room");`);

    this.addSql(`create table "household_member" ("id" varchar(36) not null, "household_id" varchar(36) not null, "person_id" varchar(36) not null, "relation" varchar(20) not null, "since" varchar(10) not null, "until" varchar(10) null, "created_at" timestamptz not null, constraint "household_member_pkey" primary key ("id"));`);
    this.addSql(`create index "household_member_person_id_until_index" on "household_member" ("person_id", "until");`);
    this.addSql(`create index "household_member_household_id_until_index" on "household_member" ("household_id", "until");`);

    this.addSql(`alter table "person" add column "phone_tail" varchar(4) not null default '';`);
    // People registered before the search existed get their tail now.
    this.addSql(`update "person" set "phone_tail" = right("phone", 4);`);
    this.addSql(`create index "person_phone_tail_index" on "person" ("phone_tail");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "compound_node" cascade;`);

    this.addSql(`drop table if exists "grid_node" cascade;`);

    this.addSql(`drop table if exists "household" cascade;`);

    this.addSql(`drop table if exists "household_member" cascade;`);

    this.addSql(`drop index "person_phone_tail_index";`);
    this.addSql(`alter table "person" drop column "phone_tail";`);
  }

}
