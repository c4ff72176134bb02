import { Migration } from '@mikro-orm/migrations';

export class Migration20261201062924 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "firm_compound" add column "sequence" int null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "firm_compound" drop column "sequence";`);
  }

}
