/**
 * Custom scalars of the API. `Decimal` carries money exactly: a decimal string of 万元 (FORMATS.md
 * "amounts are decimal strings in 万元"), never a float, so that "42.21" stays "42.21".
 */
import { GraphQLScalarType, Kind } from 'graphql';

const DECIMAL_TEXT = /^-?\d+(\.\d+)?$/;

function parseDecimal(value: unknown): string {
  if (typeof value === 'string' && DECIMAL_TEXT.test(value)) return value;
  throw new TypeError(`Decimal: expected a decimal string such as "42.21", received ${JSON.stringify(value)}`);
}

export const DecimalScalar = new GraphQLScalarType({
  name: 'Decimal',
  description: 'An exact decimal number written as a string ("42.21"); money is in 万元 (10,000 yuan).',
  serialize: parseDecimal,
  parseValue: parseDecimal,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw new TypeError(`Decimal: expected a string literal such as "42.21", received a ${ast.kind}`);
    return parseDecimal(ast.value);
  },
});
