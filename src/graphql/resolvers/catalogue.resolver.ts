/** The catalogue of formats, cells and rules, for clients that build forms and labels from it. */
import { Arg, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { cellsOf, FORMATS, RULES, type FormatId, type RuleDef } from '../../domain/catalogue';
import { AGENCY_KIND_LABELS, AGENCY_KINDS } from '../../domain/checks/types';
import { FormatIdEnum } from '../enums';
import { Catalogue, CatalogueCell, CatalogueRule } from '../types/catalogue.type';

const CATALOGUE = Object.freeze({
  formats: FORMATS,
  rules: RULES,
  agencyKinds: Object.freeze(AGENCY_KINDS.map((kind) => Object.freeze({ kind, label: AGENCY_KIND_LABELS[kind] }))),
});

@Resolver(() => Catalogue)
export class CatalogueResolver {
  @Query(() => Catalogue)
  catalogue(): typeof CATALOGUE {
    return CATALOGUE;
  }

  @FieldResolver(() => [CatalogueCell], { description: 'Every cell of a format, in the order of the official tables.' })
  cells(@Arg('format', () => FormatIdEnum) format: FormatId) {
    return cellsOf(format);
  }
}

@Resolver(() => CatalogueRule)
export class CatalogueRuleResolver {
  @FieldResolver(() => [String], { description: 'The cells the rule reads in a format (empty when the rule does not apply to it).' })
  cells(@Root() rule: RuleDef, @Arg('format', () => FormatIdEnum) format: FormatId): readonly string[] {
    return rule.formats.includes(format) ? rule.cells(format) : [];
  }
}
