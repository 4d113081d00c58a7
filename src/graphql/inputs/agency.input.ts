/** Arguments and inputs of the agency queries and mutations. */
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import type { AgencyKind } from '../../domain/checks/types';
import { AgencyKindEnum } from '../enums';

@ArgsType()
export class AgenciesArgs {
  @Field(() => AgencyKindEnum, { nullable: true })
  kind?: AgencyKind | null;

  @Field(() => String, { nullable: true, description: 'Part of the name or of an alias.' })
  nameContains?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only direct children of this agency (in `year`, or in any year).' })
  parentCode?: string | null;

  @Field(() => Int, { nullable: true })
  year?: number | null;

  @Field(() => Int, { nullable: true, description: 'Page size: default 50, at most 500.' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'A cursor of the previous page.' })
  after?: string | null;
}

@InputType()
export class UpsertAgencyInput {
  @Field(() => ID)
  code: string;

  @Field(() => String)
  name: string;

  @Field(() => AgencyKindEnum)
  kind: AgencyKind;

  @Field(() => [String], { nullable: true, description: 'Other names; former names are kept in nameHistory.' })
  aliases?: string[] | null;

  @Field(() => Int, { nullable: true, description: 'First report year a new name applies to.' })
  nameFromYear?: number | null;
}
