/** Small object types shared by several features. */
import { Field, Int, ObjectType } from 'type-graphql';
import type { TableId, Unit } from '../../domain/catalogue';
import { TableIdEnum, UnitEnum } from '../enums';

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

/**
 * Where a cell sits in the official tables and how it reads: the fields catalogue cells and report
 * cells share. Never returned itself, so it is not emitted as a type of its own.
 */
@ObjectType()
export abstract class CellPlace {
  @Field(() => TableIdEnum)
  table: TableId;

  @Field(() => String)
  row: string;

  @Field(() => String)
  column: string;

  @Field(() => UnitEnum)
  unit: Unit;

  @Field(() => Label)
  rowLabel: Label;

  @Field(() => Label)
  columnLabel: Label;

  @Field(() => Label, { nullable: true })
  group: Label | null;
}
