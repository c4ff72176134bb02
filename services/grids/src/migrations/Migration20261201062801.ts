import { Migration } from '@mikro-orm/migrations';

export class Migration20261201062801 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "compound" add column "version" int not null default 1;`);

    this.addSql(`alter table "grid" add column "version" int not null default 1;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "compound" drop column "version";`);

    this.addSql(`alter table "grid" drop column "version";`);
  }

}
