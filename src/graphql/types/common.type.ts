/** Small object types shared by several features. */
import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ simpleResolvers: true, description: 'A label in Chinese (as printed in the official tables) and English.' })
export class Label {
  @Field(() => String)
  zh: string;

  @Field(() => String)
  en: string;
}

@ObjectType({ simpleResolvers: true, description: 'Cursor pagination state (Relay style).' })
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage: boolean;

  @Field(() => String, { nullable: true, description: 'Pass as `after` to read the next page; null when the page is empty.' })
  endCursor: string | null;
}

@ObjectType({ simpleResolvers: true })
export class YearRange {
  @Field(() => Int)
  from: number;

  @Field(() => Int, { nullable: true, description: 'Null: still in use.' })
  to: number | null;
}
