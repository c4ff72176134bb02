import { Migration } from '@mikro-orm/migrations';

export class Migration20261203110000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index "ticket_fact_bad_rating_idx" on "ticket_fact" ("resolved_by_id", "rated_at") where "rating_score" <= 2;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "ticket_fact_bad_rating_idx";`);
  }

}
