import { Migration } from '@mikro-orm/migrations';

export class Migration20261201010357 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "ticket_fact" add column "reporter_id" varchar(100) null, add column "escalation_level" varchar(20) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "ticket_fact" drop column "reporter_id", drop column "escalation_level";`);
  }

}
