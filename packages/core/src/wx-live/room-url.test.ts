import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LIVE_PLAYER_PLUGIN_PAGE, LIVE_SUBSCRIBE_COMPONENT } from './constants';
import { parseLiveReturnParams } from './return-params';
import { buildLiveRoomUrl, type JsonValue, parseCustomParams, parseLiveRoomUrl } from './room-url';

describe('live room URL', () => {
  it('builds the documented paths', () => {
    expect(buildLiveRoomUrl({ roomId: 354 })).toBe(
      'plugin-private://wx2b03c6e691cd7370/pages/live-player-plugin?room_id=354',
    );
    expect(buildLiveRoomUrl({ roomId: 354, entry: 'qrcode' })).toBe(
      'plugin-private://wx2b03c6e691cd7370/pages/live-player-plugin?room_id=354&type=9',
    );
    expect(buildLiveRoomUrl({ roomId: 354, entry: 10 })).toBe(
      'plugin-private://wx2b03c6e691cd7370/pages/live-player-plugin?room_id=354&type=10',
    );
    expect(LIVE_SUBSCRIBE_COMPONENT).toBe('plugin-private://wx2b03c6e691cd7370/components/subscribe/subscribe');
  });

  it('encodes custom params as encodeURIComponent(JSON.stringify(params))', () => {
    const url = buildLiveRoomUrl({ roomId: 1, customParams: { path: 'pages/index/index', pid: 1 } });
    expect(url).toBe(
      `${LIVE_PLAYER_PLUGIN_PAGE}?room_id=1&custom_params=${encodeURIComponent('{"path":"pages/index/index","pid":1}')}`,
    );
  });

  it('rejects bad room ids, entries and params with INVALID_ARGUMENT', () => {
    for (const roomId of [0, -1, 1.5, Number.NaN, 2 ** 53]) {
      expect(() => buildLiveRoomUrl({ roomId })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    }
    expect(() => buildLiveRoomUrl({ roomId: 1, entry: 11 as 9 })).toThrow(/entry/);
    expect(() => buildLiveRoomUrl({ roomId: 1, customParams: [] as unknown as Record<string, JsonValue> })).toThrow(
      /plain object/,
    );
  });

  it('round-trips any room id, entry and JSON params', () => {
    const json = fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<JsonValue>;
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
        fc.constantFrom(undefined, 9 as const, 10 as const),
        fc.option(fc.dictionary(fc.string(), json, { maxKeys: 5 }), { nil: undefined }),
        (roomId, entry, customParams) => {
          const url = buildLiveRoomUrl({ roomId, entry, customParams });
          const parsed = parseLiveRoomUrl(url);
          expect(parsed?.roomId).toBe(roomId);
          expect(parsed?.entry).toBe(entry);
          // JSON has no -0; the round trip is exact up to what JSON itself keeps.
          expect(parsed?.customParams).toEqual(
            customParams === undefined ? undefined : JSON.parse(JSON.stringify(customParams)),
          );
        },
      ),
    );
  });

  it('refuses URLs that are not live room URLs or carry junk', () => {
    expect(parseLiveRoomUrl('/pages/index/index?room_id=1')).toBeUndefined();
    expect(parseLiveRoomUrl(`${LIVE_PLAYER_PLUGIN_PAGE}?room_id=abc`)).toBeUndefined();
    expect(parseLiveRoomUrl(`${LIVE_PLAYER_PLUGIN_PAGE}?room_id=1&type=3&custom_params=%7Bbroken`)).toEqual({
      roomId: 1,
    });
  });
});

describe('return parameters', () => {
  it('reads room_id and custom_params on the goods page, however often WeChat encoded them', () => {
    const params = { path: 'pages/goods/index', pid: 42 };
    const once = encodeURIComponent(JSON.stringify(params));
    for (const raw of [JSON.stringify(params), once, encodeURIComponent(once)]) {
      expect(parseLiveReturnParams({ query: { room_id: '354', custom_params: raw } })).toEqual({
        roomId: 354,
        customParams: params,
      });
    }
  });

  it('reads shareTicket and scene from App.onShow options', () => {
    expect(parseLiveReturnParams({ query: {}, shareTicket: 'abc-123_XYZ', scene: 1044 })).toEqual({
      shareTicket: 'abc-123_XYZ',
      scene: 1044,
    });
  });

  it('drops malformed or hostile values', () => {
    expect(
      parseLiveReturnParams({
        query: { room_id: '1; drop', custom_params: '"just a string"' },
        shareTicket: 'has space <b>',
        scene: '1044',
      }),
    ).toEqual({});
    expect(parseCustomParams('[1,2]')).toBeUndefined();
    expect(parseCustomParams('%E0%A4%A')).toBeUndefined();
    expect(parseLiveReturnParams({})).toEqual({});
  });
});
