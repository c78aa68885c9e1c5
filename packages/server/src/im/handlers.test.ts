import type { LocalOp, LocalReplyData } from '@livesell/core/protocol';
import { LOCAL_OPS } from '@livesell/core/protocol';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { OP_HANDLERS, type OpHandler, type OpHandlers, type OpRequest } from './handlers';

describe('the op handler table', () => {
  it('has one handler per op of the shared protocol, and nothing else', () => {
    expect(Object.keys(OP_HANDLERS).sort()).toEqual([...LOCAL_OPS].sort());
  });

  it('types each handler by its op: request narrowed, reply data from LocalReplyData', () => {
    expectTypeOf<Parameters<OpHandler<'joinGroup'>>[1]>().toEqualTypeOf<OpRequest<'joinGroup'>>();
    expectTypeOf<OpRequest<'joinGroup'>['groupID']>().toEqualTypeOf<string>();
    expectTypeOf<ReturnType<OpHandler<'ping'>>>().toEqualTypeOf<LocalReplyData['ping']>();
    expectTypeOf<keyof OpHandlers>().toEqualTypeOf<LocalOp>();
  });

  it('refuses, at compile time, a table missing an op or a handler answering the wrong type', () => {
    const { ping: _ping, ...withoutPing } = OP_HANDLERS;
    // @ts-expect-error: 'ping' is missing
    const missing: OpHandlers = withoutPing;
    const wrongReply: OpHandlers = {
      ...OP_HANDLERS,
      // @ts-expect-error: ping answers { time: number }, not a string
      ping: () => 'pong',
    };
    const wrongRequest: OpHandlers = {
      ...OP_HANDLERS,
      // @ts-expect-error: joinGroup's request has no userIDList
      joinGroup: (_ctx, r) => ({ status: 'AlreadyInGroup', n: r.userIDList.length }),
    };
    const unknownOp: OpHandlers = {
      ...OP_HANDLERS,
      // @ts-expect-error: not an op of the protocol
      dance: () => ({}),
    };
    expect([missing, wrongReply, wrongRequest, unknownOp]).toHaveLength(4);
  });
});
