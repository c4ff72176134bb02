import {
  getNamedType,
  isLeafType,
  isObjectType,
  Kind,
  parse,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/** What one selection reads of one object type: its fields by response key, and the nested objects' selections. */
export interface SelectionShape {
  type: string;
  /** The type has an `id` field: a nested object of it is an entity of its own (a dependency), else a part of its parent. */
  identified: boolean;
  selectsId: boolean;
  nested: { key: string; shape: SelectionShape }[];
}

/** An entity fetch the cache may answer: the selection of each entity type it asks for. */
export type EntityShape = ReadonlyMap<string, SelectionShape>;

/**
 * The shape of a subgraph fetch when the cache may answer it, else null: a
 * query whose only root field is `_entities`, reading only public fields
 * (`publicFields`) of object types, through inline fragments without
 * directives. Everything else (mutations, root fields, interfaces, fragments
 * spreads, `@include`) is fetched as it is.
 */
export function entityShapeOf(query: string, schema: GraphQLSchema, publicFields: Readonly<Record<string, readonly string[]>>): EntityShape | null {
  let operation: OperationDefinitionNode | undefined;
  try {
    const doc = parse(query);
    if (doc.definitions.length !== 1 || doc.definitions[0].kind !== Kind.OPERATION_DEFINITION) return null;
    operation = doc.definitions[0];
  } catch {
    return null;
  }
  if (operation.operation !== 'query' || operation.selectionSet.selections.length !== 1) return null;
  const root = operation.selectionSet.selections[0];
  if (root.kind !== Kind.FIELD || root.name.value !== '_entities' || root.alias || root.directives?.length || !root.selectionSet) return null;

  const shapes = new Map<string, SelectionShape>();
  for (const selection of root.selectionSet.selections) {
    if (selection.kind === Kind.FIELD && selection.name.value === '__typename' && !selection.directives?.length) continue;
    if (selection.kind !== Kind.INLINE_FRAGMENT || !selection.typeCondition || selection.directives?.length) return null;
    const type = schema.getType(selection.typeCondition.name.value);
    if (!isObjectType(type) || shapes.has(type.name)) return null;
    const shape = shapeOf(type, selection.selectionSet, schema, publicFields);
    if (!shape) return null;
    shapes.set(type.name, shape);
  }
  return shapes.size ? shapes : null;
}

function shapeOf(
  type: GraphQLObjectType,
  set: SelectionSetNode,
  schema: GraphQLSchema,
  publicFields: Readonly<Record<string, readonly string[]>>,
): SelectionShape | null {
  const allowed = publicFields[type.name];
  if (!allowed) return null;
  const fields = type.getFields();
  const shape: SelectionShape = { type: type.name, identified: 'id' in fields, selectsId: false, nested: [] };
  for (const selection of set.selections) {
    if (selection.directives?.length) return null;
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      // The gateway inlines fragments of the same type; anything else could select by runtime type.
      if (selection.typeCondition && selection.typeCondition.name.value !== type.name) return null;
      const inner = shapeOf(type, selection.selectionSet, schema, publicFields);
      if (!inner) return null;
      shape.selectsId ||= inner.selectsId;
      shape.nested.push(...inner.nested);
      continue;
    }
    if (selection.kind !== Kind.FIELD) return null;
    const name = selection.name.value;
    if (name === '__typename') continue;
    if (!allowed.includes(name) || !fields[name]) return null;
    const fieldType = getNamedType(fields[name].type);
    if (isLeafType(fieldType)) {
      if (name === 'id' && !selection.alias) shape.selectsId = true;
      continue;
    }
    if (!isObjectType(fieldType) || !selection.selectionSet) return null;
    const nested = shapeOf(fieldType, selection.selectionSet, schema, publicFields);
    if (!nested) return null;
    shape.nested.push({ key: selection.alias?.value ?? name, shape: nested });
  }
  return shape;
}

/**
 * The events that would change a cached entity: `Type:id` for the entity and
 * every nested object of a type with an id (`Type:*`, any of that type, when
 * the selection does not read the nested object's id). Nested objects without
 * an id (an organisation's assessment) are part of the entity that holds them.
 */
export function dependenciesOf(rootKey: string, entity: unknown, shape: SelectionShape): Set<string> {
  const out = new Set<string>([rootKey]);
  const walk = (value: unknown, s: SelectionShape) => {
    for (const { key, shape: child } of s.nested) {
      const v = (value as Record<string, unknown>)[key];
      for (const item of Array.isArray(v) ? v : [v]) {
        if (item === null || typeof item !== 'object') continue;
        if (child.identified) {
          const id = (item as Record<string, unknown>).id;
          out.add(child.selectsId && typeof id === 'string' ? `${child.type}:${id}` : `${child.type}:*`);
        }
        walk(item, child);
      }
    }
  };
  walk(entity, shape);
  return out;
}
