import { Migration } from '@mikro-orm/migrations';

export class Migration20261201032833 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "firm_compound" add column "as_of" timestamptz(3) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "firm_compound" drop column "as_of";`);
  }

}
