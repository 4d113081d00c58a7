/**
 * The typed tables of a report (FORMATS.md tables proactive, applications, appeals), generated from
 * the catalogue at module load rather than written by hand: ~50 distinct fields over 20 types,
 * which follow the catalogue when a format is added (STYLE.md principle 2).
 *
 * Shape: `Report.<table>` is an object with one field per row (camelCase of the row code), each an
 * object with one field per column. Rows and columns are the union over all formats; a row or
 * column the report's format lacks is null, as is a blank or absent cell. Counts are `Int`, amounts
 * `Decimal` strings of 万元. Rows of applications share `ApplicantBreakdown`, rows of appeals share
 * `AppealBlock`; each proactive row has a type of its own (its columns differ by row).
 */
import { Field, Int, ObjectType } from 'type-graphql';
import { FORMATS, type TableId, type Unit } from '../../domain/catalogue';
import { DecimalScalar } from '../scalars';

/** `gov_central_procurement` → `govCentralProcurement` */
export const fieldNameOf = (code: string): string => code.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
const typeNameOf = (code: string): string => {
  const field = fieldNameOf(code);
  return field[0].toUpperCase() + field.slice(1);
};

interface TableShape {
  readonly table: TableId;
  readonly typeName: string;
  readonly description: string;
  /** The object type of a row's values; rows sharing a name share the type. */
  readonly rowTypeName: (rowCode: string) => string;
}

export const TABLE_SHAPES: readonly TableShape[] = [
  {
    table: 'proactive',
    typeName: 'ProactiveTable',
    description: '二、主动公开政府信息情况: one field per row of either format; null where the report’s format lacks the row.',
    rowTypeName: (row) => `Proactive${typeNameOf(row)}`,
  },
  {
    table: 'applications',
    typeName: 'ApplicationsTable',
    description: '三、收到和处理政府信息公开申请情况: one field per row, each broken down by applicant type.',
    rowTypeName: () => 'ApplicantBreakdown',
  },
  {
    table: 'appeals',
    typeName: 'AppealsTable',
    description: '四、政府信息公开行政复议、行政诉讼情况: one block per kind of appeal.',
    rowTypeName: () => 'AppealBlock',
  },
];

interface ColumnShape {
  readonly code: string;
  readonly unit: Unit;
  readonly labels: Set<string>;
}
interface RowShape {
  readonly code: string;
  readonly typeName: string;
  readonly labels: Set<string>;
}

/** Rows and columns of a table over all formats, first-seen order; a column changing unit between formats is a catalogue bug. */
function unionOf(shape: TableShape) {
  const rows = new Map<string, RowShape>();
  const columnsByType = new Map<string, Map<string, ColumnShape>>();
  for (const format of FORMATS) {
    const table = format.tables.find((t) => t.id === shape.table);
    if (!table) continue;
    for (const row of table.rows) {
      const typeName = shape.rowTypeName(row.code);
      const rowShape = rows.get(row.code) ?? { code: row.code, typeName, labels: new Set<string>() };
      rowShape.labels.add(row.label.zh);
      rows.set(row.code, rowShape);
      const columns = columnsByType.get(typeName) ?? new Map<string, ColumnShape>();
      columnsByType.set(typeName, columns);
      for (const columnCode of row.columns) {
        const def = table.columns.find((c) => c.code === columnCode)!;
        const known = columns.get(columnCode);
        if (known && known.unit !== def.unit) {
          throw new Error(`catalogue: ${shape.table}.${row.code}.${columnCode} is ${def.unit} in ${format.id} but ${known.unit} elsewhere`);
        }
        const column = known ?? { code: columnCode, unit: def.unit, labels: new Set<string>() };
        column.labels.add(def.label.zh);
        columns.set(columnCode, column);
      }
    }
  }
  return { rows: [...rows.values()], columnsByType };
}

type ClassType = new () => object;

/** Declares a type-graphql object type at run time, exactly as the decorators would at class definition. */
function defineObjectType(
  name: string,
  description: string,
  fields: readonly { readonly name: string; readonly type: () => unknown; readonly description: string }[],
): ClassType {
  const type = { [name]: class {} }[name];
  for (const field of fields) {
    Field(field.type as () => ClassType, { nullable: true, description: field.description })(type.prototype, field.name);
  }
  // Plain property reads: no per-cell middleware wrapper (DESIGN.md §4 "no per-cell resolvers").
  ObjectType(name, { description, simpleResolvers: true })(type);
  return type;
}

const scalarOf = (unit: Unit) => {
  switch (unit) {
    case 'count':
    case 'signed':
      return Int;
    case 'amount':
      return DecimalScalar;
    default:
      throw new Error(`unknown unit ${JSON.stringify(unit satisfies never)}`);
  }
};

const joined = (labels: Set<string>): string => [...labels].join(' / ');

function defineTable(shape: TableShape): ClassType {
  const { rows, columnsByType } = unionOf(shape);
  const rowTypes = new Map<string, ClassType>();
  for (const [typeName, columns] of columnsByType) {
    rowTypes.set(
      typeName,
      defineObjectType(
        typeName,
        `Values of a row of table ${shape.table}; null where blank, absent, or not in the report’s format.`,
        [...columns.values()].map((c) => ({ name: fieldNameOf(c.code), type: () => scalarOf(c.unit), description: `${joined(c.labels)} (${c.code})` })),
      ),
    );
  }
  return defineObjectType(
    shape.typeName,
    shape.description,
    rows.map((r) => ({ name: fieldNameOf(r.code), type: () => rowTypes.get(r.typeName)!, description: `${joined(r.labels)} (${r.code})` })),
  );
}

const TABLE_TYPES: ReadonlyMap<TableId, ClassType> = new Map(TABLE_SHAPES.map((s) => [s.table, defineTable(s)]));

export const ProactiveTable = TABLE_TYPES.get('proactive')!;
export const ApplicationsTable = TABLE_TYPES.get('applications')!;
export const AppealsTable = TABLE_TYPES.get('appeals')!;

/** The values of a table as the API shows them: row field → column field → Int, Decimal text, or null. */
export type TableValues = Readonly<Record<string, Readonly<Record<string, number | string | null>> | null>>;
