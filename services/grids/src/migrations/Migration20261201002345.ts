import { Migration } from '@mikro-orm/migrations';

export class Migration20261201002345 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "outbox_event" add column "causation_id" varchar(200) null, add column "traceparent" varchar(64) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "outbox_event" drop column "causation_id", drop column "traceparent";`);
  }

}
