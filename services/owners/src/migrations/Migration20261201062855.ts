import { Migration } from '@mikro-orm/migrations';

export class Migration20261201062855 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "compound" add column "sequence" int null;`);

    this.addSql(`alter table "compound_firm_term" add column "sequence" int null;`);

    this.addSql(`alter table "household" add column "sequence" int null;`);

    this.addSql(`alter table "household_member" add column "sequence" int null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "compound" drop column "sequence";`);

    this.addSql(`alter table "compound_firm_term" drop column "sequence";`);

    this.addSql(`alter table "household" drop column "sequence";`);

    this.addSql(`alter table "household_member" drop column "sequence";`);
  }

}
