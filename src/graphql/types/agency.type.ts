/** The Agency type and its connection. The resolver root is the storage's `AgencyRecord`. */
import { Field, ID, Int, ObjectType } from 'type-graphql';
import type { AgencyKind } from '../../domain/checks/types';
import { AgencyKindEnum } from '../enums';
import { PageInfo } from './common.type';

@ObjectType({ simpleResolvers: true, description: 'An agency (机关) that publishes an annual report, or a node of the hierarchy.' })
export class Agency {
  @Field(() => ID, { description: 'Stable code: 行政区划代码, 统一社会信用代码 or a slug.' })
  code: string;

  @Field(() => String)
  name: string;

  @Field(() => AgencyKindEnum)
  kind: AgencyKind;

  @Field(() => [String], { description: 'Other names the agency is known by, former names included.' })
  aliases: readonly string[];
}

@ObjectType({ simpleResolvers: true, description: 'A name the agency has had.' })
export class AgencyName {
  @Field(() => String)
  name: string;

  @Field(() => Int, { nullable: true, description: 'First report year the name applies to, when known.' })
  fromYear: number | null;

  @Field(() => Date)
  recordedAt: Date;
}

@ObjectType({ simpleResolvers: true })
export class AgencyEdge {
  @Field(() => String)
  cursor: string;

  @Field(() => Agency)
  node: Agency;
}

@ObjectType({ simpleResolvers: true })
export class AgencyConnection {
  @Field(() => [Agency])
  nodes: readonly Agency[];

  @Field(() => [AgencyEdge])
  edges: readonly AgencyEdge[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;

  @Field(() => Int, { description: 'Agencies matching the filter, over all pages.' })
  totalCount: number;
}

@ObjectType({ simpleResolvers: true, description: 'A dated parent link: child sits under parent for fromYear..toYear (inclusive).' })
export class ParentLink {
  @Field(() => Agency)
  child: Agency;

  @Field(() => Agency)
  parent: Agency;

  @Field(() => Int)
  fromYear: number;

  @Field(() => Int, { nullable: true, description: 'Null: open-ended.' })
  toYear: number | null;
}
