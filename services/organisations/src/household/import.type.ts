import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';

@InputType({ description: 'A community’s household register as CSV.' })
export class ImportHouseholdsInput {
  @Field(() => ID, { description: 'A COMMUNITY of the caller’s scope (FORBIDDEN outside it, NOT_FOUND if unknown); every row’s compound must belong to it.' })
  communityId!: string;

  @Field({
    description:
      'UTF-8 CSV, header `compound,building,unit,room,areaSqm,ownerName,ownerPhone,partyMember,relation` (the last four may be left out), one row per member; at most 5,000 rows and 1 MB.',
  })
  csv!: string;

  @Field({ defaultValue: false, description: 'Check every row and count what would change; write nothing.' })
  dryRun!: boolean;
}

@ObjectType('ImportError', { description: 'A bad row: `line` counts the header as 1, `column` is the header name (null for the row as a whole).' })
export class ImportErrorType {
  @Field(() => Int, { description: 'The CSV line, the header being line 1.' })
  line!: number;

  @Field(() => String, { nullable: true, description: 'The header name of the bad value; null for the row as a whole.' })
  column!: string | null;

  @Field({ description: 'What is wrong with it (never the phone number itself).' })
  message!: string;
}

@ObjectType('ImportHouseholdsPayload', { description: 'With any error nothing was written (all or nothing).' })
export class ImportHouseholdsPayload {
  @Field({ description: 'True when nothing was written because it was a dry run.' })
  dryRun!: boolean;

  @Field(() => Int, { description: 'Data rows read (the header not counted).' })
  rows!: number;

  @Field(() => Int, { description: 'Households the import created (or would create, in a dry run).' })
  householdsCreated!: number;

  @Field(() => Int, { description: 'Existing households whose data (area, members) changed.' })
  householdsUpdated!: number;

  @Field(() => Int, { description: 'People the import registered (or would register); a known phone reuses its person.' })
  peopleCreated!: number;

  @Field(() => [ImportErrorType], { description: 'Every bad row (up to 1,000), by line.' })
  errors!: ImportErrorType[];
}
