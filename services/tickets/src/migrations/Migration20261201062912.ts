import { Migration } from '@mikro-orm/migrations';

export class Migration20261201062912 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "grid_node" add column "sequence" int null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "grid_node" drop column "sequence";`);
  }

}
