import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';

@InputType()
export class ImportHouseholdsInput {
  @Field(() => ID)
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
  @Field(() => Int)
  line!: number;

  @Field(() => String, { nullable: true })
  column!: string | null;

  @Field()
  message!: string;
}

@ObjectType('ImportHouseholdsPayload', { description: 'With any error nothing was written (all or nothing).' })
export class ImportHouseholdsPayload {
  @Field()
  dryRun!: boolean;

  @Field(() => Int, { description: 'Data rows read (the header not counted).' })
  rows!: number;

  @Field(() => Int)
  householdsCreated!: number;

  @Field(() => Int, { description: 'Existing households whose data (area, members) changed.' })
  householdsUpdated!: number;

  @Field(() => Int)
  peopleCreated!: number;

  @Field(() => [ImportErrorType], { description: 'Every bad row (up to 1,000), by line.' })
  errors!: ImportErrorType[];
}
