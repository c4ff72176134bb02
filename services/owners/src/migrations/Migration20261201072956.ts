import { Migration } from '@mikro-orm/migrations';
import { REBUILD_TALLIES_SQL } from '../fee/tally.service';

export class Migration20261201072956 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "fee_household_tally" ("household_id" varchar(36) not null, "period_key" varchar(7) not null, "compound_id" varchar(36) not null, "billed_months" int not null, "paid_months" int not null, constraint "fee_household_tally_pkey" primary key ("household_id", "period_key"));`);

    this.addSql(`create table "fee_tally" ("compound_id" varchar(36) not null, "period_key" varchar(7) not null, "billed_households" int not null, "paid_households" int not null, "due_cents" bigint not null, "collected_cents" bigint not null, constraint "fee_tally_pkey" primary key ("compound_id", "period_key"));`);

    // feeCollection's tallies of the bills already there (the same statements as the seed's rebuild).
    for (const sql of REBUILD_TALLIES_SQL) this.addSql(sql);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "fee_household_tally" cascade;`);

    this.addSql(`drop table if exists "fee_tally" cascade;`);
  }

}
