/**
 * The cost limit of DESIGN.md §6: before execution, an operation's cost is estimated from its
 * selections (every field costs 1; a list multiplies what is selected under it by its expected
 * size) and refused with TOO_COSTLY above MAX_QUERY_COST. Sizes come from `first` or `codes` when
 * given, else from the typical sizes below; this bounds nested fan-out such as children of
 * children of children, which the depth limit alone lets through.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import {
  getNamedType,
  getNullableType,
  GraphQLError,
  isCompositeType,
  isListType,
  Kind,
  valueFromASTUntyped,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';

/** Expected list sizes by field name when no argument says (agencies × years × cells). */
const TYPICAL_LIST_SIZE: Readonly<Record<string, number>> = {
  children: 50,
  reports: 10,
  revisions: 10,
  cells: 200,
  checks: 60,
};
const DEFAULT_LIST_SIZE = 10;
const DEFAULT_PAGE = 50;

interface CostInput {
  readonly schema: GraphQLSchema;
  readonly fragments: Readonly<Record<string, FragmentDefinitionNode>>;
  readonly variables: Readonly<Record<string, unknown>>;
}

function argument(field: FieldNode, name: string, variables: CostInput['variables']): unknown {
  const arg = field.arguments?.find((a) => a.name.value === name);
  return arg ? valueFromASTUntyped(arg.value, variables) : undefined;
}

/** A connection's `first` prices the lists of its page (nodes, edges). */
function pageSizeOf(field: FieldNode, variables: CostInput['variables']): number | null {
  const first = argument(field, 'first', variables);
  return typeof first === 'number' ? first : null;
}

function listSize(field: FieldNode, variables: CostInput['variables'], pageSize: number | null): number {
  const first = pageSizeOf(field, variables);
  if (first !== null) return first;
  const codes = argument(field, 'codes', variables);
  if (Array.isArray(codes)) return codes.length;
  if (field.name.value === 'nodes' || field.name.value === 'edges') return pageSize ?? DEFAULT_PAGE;
  return TYPICAL_LIST_SIZE[field.name.value] ?? DEFAULT_LIST_SIZE;
}

function selectionCost(
  input: CostInput,
  type: GraphQLCompositeType,
  selectionSet: SelectionSetNode,
  visiting: ReadonlySet<string>,
  pageSize: number | null = null,
): number {
  let cost = 0;
  for (const selection of selectionSet.selections) {
    switch (selection.kind) {
      case Kind.FIELD: {
        if (selection.name.value.startsWith('__') || !('getFields' in type)) {
          cost += 1;
          break;
        }
        const field = type.getFields()[selection.name.value];
        if (!field) break;
        const named = getNamedType(field.type);
        const below =
          selection.selectionSet && isCompositeType(named)
            ? selectionCost(input, named, selection.selectionSet, visiting, pageSizeOf(selection, input.variables))
            : 0;
        const multiplier = isListType(getNullableType(field.type)) ? listSize(selection, input.variables, pageSize) : 1;
        cost += 1 + multiplier * below;
        break;
      }
      case Kind.INLINE_FRAGMENT: {
        const condition = selection.typeCondition ? input.schema.getType(selection.typeCondition.name.value) : type;
        cost += selectionCost(input, condition && isCompositeType(condition) ? condition : type, selection.selectionSet, visiting, pageSize);
        break;
      }
      case Kind.FRAGMENT_SPREAD: {
        const name = selection.name.value;
        const fragment = input.fragments[name];
        if (!fragment || visiting.has(name)) break;
        const condition = input.schema.getType(fragment.typeCondition.name.value);
        cost += selectionCost(input, condition && isCompositeType(condition) ? condition : type, fragment.selectionSet, new Set([...visiting, name]), pageSize);
        break;
      }
      default:
        break;
    }
  }
  return cost;
}

/** Refuses operations whose estimated cost exceeds `maxCost` (extensions: code TOO_COSTLY, cost, maxCost). */
export function costLimitPlugin<TContext extends object>(maxCost: number): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, schema, request }) {
          const rootType = operation ? schema.getRootType(operation.operation) : undefined;
          if (!operation || !rootType) return;
          const fragments = Object.fromEntries(
            document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
          );
          const cost = selectionCost({ schema, fragments, variables: request.variables ?? {} }, rootType, operation.selectionSet, new Set());
          if (cost > maxCost) {
            throw new GraphQLError(`the operation is too costly: estimated ${cost}, the limit is ${maxCost}; ask for fewer agencies, years or cells, or page`, {
              extensions: { code: 'TOO_COSTLY', cost, maxCost, http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}
