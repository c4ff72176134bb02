import {
  Kind,
  OperationTypeNode,
  print,
  valueFromASTUntyped,
  type DocumentNode,
  type FieldNode,
  type OperationDefinitionNode,
  type VariableDefinitionNode,
} from 'graphql';

/** The variable that carries a new notification's id into the rewritten query. */
export const LIVE_NOTIFICATION_VARIABLE = '__liveNotificationId';

/** The response key of the reporter probe added to a ticket stream's opening check. */
export const LIVE_REPORTER_ALIAS = '_liveReporter';

export type LivePlan =
  | { kind: 'once' }
  | { kind: 'notifications'; query: string }
  /** `checkQuery`: the query plus `_liveReporter: reporter { id }`, run once as the caller when the stream opens. */
  | { kind: 'ticket'; query: string; checkQuery: string; ticketId: string };

const name = (value: string) => ({ kind: Kind.NAME, value }) as const;

/**
 * How a subscription is served: its selection becomes a query of the same
 * shape, run through the gateway's own planning on each event, so a
 * `ticketUpdated` payload may select fields of every subgraph. The response
 * key stays the subscription's field name (an alias), so clients see
 * `{ ticketUpdated: … }`. Queries and mutations sent to the stream run once.
 * Expects a document that validated against the API schema.
 */
export function planLiveOperation(document: DocumentNode, operationName: string | null | undefined, variables: Record<string, unknown>): LivePlan {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const op = operationName ? operations.find((o) => o.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
  if (!op) throw new Error(operationName ? `Unknown operation ${operationName}` : 'Name the operation to run');
  if (op.operation !== OperationTypeNode.SUBSCRIPTION) return { kind: 'once' };
  const field = op.selectionSet.selections[0] as FieldNode;
  if (op.selectionSet.selections.length !== 1 || field.kind !== Kind.FIELD) throw new Error('A subscription selects one field');
  const alias = field.alias ?? name(field.name.value);
  let root: FieldNode;
  let variableDefinitions: readonly VariableDefinitionNode[] = op.variableDefinitions ?? [];
  let ticketId: string | null = null;
  if (field.name.value === 'notificationAdded') {
    root = {
      ...field,
      alias,
      name: name('notification'),
      arguments: [{ kind: Kind.ARGUMENT, name: name('id'), value: { kind: Kind.VARIABLE, name: name(LIVE_NOTIFICATION_VARIABLE) } }],
    };
    variableDefinitions = [
      ...variableDefinitions,
      {
        kind: Kind.VARIABLE_DEFINITION,
        variable: { kind: Kind.VARIABLE, name: name(LIVE_NOTIFICATION_VARIABLE) },
        type: { kind: Kind.NON_NULL_TYPE, type: { kind: Kind.NAMED_TYPE, name: name('ID') } },
      },
    ];
  } else if (field.name.value === 'ticketUpdated') {
    const arg = field.arguments?.find((a) => a.name.value === 'id');
    const value = arg ? valueFromASTUntyped(arg.value, variables) : null;
    if (typeof value !== 'string' || !value) throw new Error('ticketUpdated needs an id');
    ticketId = value;
    root = { ...field, alias, name: name('ticket') };
  } else {
    throw new Error(`Unknown subscription field ${field.name.value}`);
  }
  const text = (selected: FieldNode) => {
    const query: OperationDefinitionNode = {
      ...op,
      operation: OperationTypeNode.QUERY,
      variableDefinitions,
      selectionSet: { ...op.selectionSet, selections: [selected] },
    };
    return print({ ...document, definitions: [query, ...document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION)] });
  };
  if (!ticketId) return { kind: 'notifications', query: text(root) };
  // The reporter sees itself as reporter; nobody else learns from the probe more than a query of it would say.
  const probe: FieldNode = {
    kind: Kind.FIELD,
    alias: name(LIVE_REPORTER_ALIAS),
    name: name('reporter'),
    selectionSet: { kind: Kind.SELECTION_SET, selections: [{ kind: Kind.FIELD, name: name('id') }] },
  };
  const withProbe: FieldNode = { ...root, selectionSet: root.selectionSet && { ...root.selectionSet, selections: [...root.selectionSet.selections, probe] } };
  return { kind: 'ticket', query: text(root), checkQuery: text(withProbe), ticketId };
}
