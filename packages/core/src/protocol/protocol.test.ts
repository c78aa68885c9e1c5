import { describe, expect, expectTypeOf, it } from 'vitest';
import { BY_TIM_CODE } from '../live-sell/tim-error';
import { TIM_ERROR } from '../tim/types';
import { TIM_ERROR as SHARED_TIM_ERROR } from './codes';
import type { LocalOp, LocalPushName } from './frames';
import { MAX_FIELD_VALUE_BYTES, MAX_MESSAGE_BYTES } from './limits';
import { LOCAL_OPS, type LOCAL_PUSHES } from './vocabulary';

describe('the shared protocol module', () => {
  it('lists exactly the ops and pushes the frames type', () => {
    expectTypeOf<(typeof LOCAL_OPS)[number]>().toEqualTypeOf<LocalOp>();
    expectTypeOf<(typeof LOCAL_PUSHES)[number]>().toEqualTypeOf<LocalPushName>();
    expect(new Set(LOCAL_OPS).size).toBe(LOCAL_OPS.length);
  });

  it('keeps TIM_ERROR where it was public', () => {
    expect(TIM_ERROR).toBe(SHARED_TIM_ERROR);
    expect(TIM_ERROR.NOT_LOGGED_IN).toBe(2024);
    expect(TIM_ERROR.OWNER_CANNOT_QUIT).toBe(10009);
    expect(TIM_ERROR.ROOM_COUNT_LIMIT).toBe(10036);
  });

  it("maps only TIM_ERROR's codes to the kit's error codes (the map spells them as literals)", () => {
    const known = new Set<number>(Object.values(TIM_ERROR));
    const keys = Object.keys(BY_TIM_CODE).map(Number);
    expect(keys.filter((code) => !known.has(code))).toEqual([]);
    expect(keys.length).toBeGreaterThan(20);
  });

  it("holds Tencent IM's documented limits", () => {
    expect(MAX_MESSAGE_BYTES).toBe(12 * 1024);
    expect(MAX_FIELD_VALUE_BYTES).toBe(512);
  });
});
