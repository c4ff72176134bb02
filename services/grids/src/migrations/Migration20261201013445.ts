import { Migration } from '@mikro-orm/migrations';

export class Migration20261201013445 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "grid" add column "retired_at" timestamptz null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "grid" drop column "retired_at";`);
  }

}
