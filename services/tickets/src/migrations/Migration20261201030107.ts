import { Migration } from '@mikro-orm/migrations';

export class Migration20261201030107 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "org_node" add column "deactivated_at" timestamptz null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "org_node" drop column "deactivated_at";`);
  }

}
