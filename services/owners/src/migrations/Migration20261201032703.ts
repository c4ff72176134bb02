import { Migration } from '@mikro-orm/migrations';

export class Migration20261201032703 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "compound_firm_term" add column "as_of" timestamptz(3) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "compound_firm_term" drop column "as_of";`);
  }

}
