import { Migration } from '@mikro-orm/migrations';

export class Migration20261201032741 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create unique index "pairing_open_unique" on "pairing" ("department_id", "community_id") where "until" is null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "pairing_open_unique";`);
  }

}
