import { Migration } from '@mikro-orm/migrations';

export class Migration20261201070300 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "ended_grid_assignment" ("assignment_id" varchar(36) not null, "ended_at" timestamptz not null, constraint "ended_grid_assignment_pkey" primary key ("assignment_id"));`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "ended_grid_assignment" cascade;`);
  }

}
