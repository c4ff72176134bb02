import { Migration } from '@mikro-orm/migrations';

export class Migration20261201062832 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "compound_node" add column "sequence" int null;`);

    this.addSql(`alter table "grid_node" add column "sequence" int null;`);

    this.addSql(`alter table "household" add column "version" int not null default 1;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "compound_node" drop column "sequence";`);

    this.addSql(`alter table "grid_node" drop column "sequence";`);

    this.addSql(`alter table "household" drop column "version";`);
  }

}
