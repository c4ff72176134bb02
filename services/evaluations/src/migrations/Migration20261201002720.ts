import { Migration } from '@mikro-orm/migrations';

export class Migration20261201002720 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`drop index "outbox_event_pending_idx";`);

    this.addSql(`create index "outbox_event_unpublished_idx" on "outbox_event" ("seq") where "published_at" is null;`);
    this.addSql(`create index "outbox_event_published_idx" on "outbox_event" ("published_at");`);

    this.addSql(`create index "processed_event_at_idx" on "processed_event" ("processed_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "outbox_event_unpublished_idx";`);
    this.addSql(`drop index "outbox_event_published_idx";`);

    this.addSql(`create index "outbox_event_pending_idx" on "outbox_event" ("published_at", "seq");`);

    this.addSql(`drop index "processed_event_at_idx";`);
  }

}
