import { Migration } from '@mikro-orm/migrations';

export class Migration20261201000600 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "compound_management" add column "proposal_id" varchar(36) null, add column "replaced_firm_under_review" boolean not null default false;`);
    this.addSql(`create index "compound_management_proposal_id_index" on "compound_management" ("proposal_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "compound_management_proposal_id_index";`);
    this.addSql(`alter table "compound_management" drop column "proposal_id", drop column "replaced_firm_under_review";`);
  }

}
