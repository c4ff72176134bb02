import type { EntityManager } from '@mikro-orm/core';
import { defineEvent, type EventEnvelope } from '../contracts/envelope';
import { applyInOrder, type BatchHandler } from './batch';

const A = defineEvent<{ n: number }>()('test.thing.a', 1, 'a');
const B = defineEvent<{ n: number }>()('test.thing.b', 1, 'b');
const envelope = (type: string, n: number, version = 1) => ({ id: `e${n}`, type, version, payload: { n } }) as unknown as EventEnvelope;

describe('applyInOrder: runs to batch handlers, the rest one by one, in order', () => {
  const em = {} as EntityManager;
  const log: string[] = [];
  const handlers = {
    [A.type]: async (_em: EntityManager, e: EventEnvelope) => void log.push(`one ${e.id}`),
    [B.type]: async (_em: EntityManager, e: EventEnvelope) => void log.push(`one ${e.id}`),
  };
  const batch: BatchHandler = { definitions: [A], apply: async (_em, events) => void log.push(`batch ${events.map((e) => e.id).join(',')}`) };
  beforeEach(() => (log.length = 0));

  it('hands each maximal run of accepted events to the batch handler (events nobody consumes do not end a run) and keeps the order with the others', async () => {
    await applyInOrder(em, [envelope(A.type, 1), envelope(A.type, 2), envelope(B.type, 3), envelope(A.type, 4), envelope('test.thing.unknown', 5), envelope(A.type, 6)], handlers, [batch]);
    expect(log).toEqual(['batch e1,e2', 'one e3', 'batch e4,e6']);
  });

  it('gives an event of another version to its one-event handler (which ignores versions it was not written for)', async () => {
    await applyInOrder(em, [envelope(A.type, 1), envelope(A.type, 2, 2), envelope(A.type, 3)], handlers, [batch]);
    expect(log).toEqual(['batch e1', 'one e2', 'batch e3']);
  });

  it('without batch handlers, is the one-event handlers in order', async () => {
    await applyInOrder(em, [envelope(A.type, 1), envelope(B.type, 2)], handlers);
    expect(log).toEqual(['one e1', 'one e2']);
  });
});
