import { Migration } from '@mikro-orm/migrations';

export class Migration20261201062934 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "compound" add column "sequence" int null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "compound" drop column "sequence";`);
  }

}
