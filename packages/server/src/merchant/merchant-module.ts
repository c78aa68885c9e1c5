import type { MerchantCoupon, MerchantGoods } from '@livesell/core';
import {
  ADD_GOODS_FIELD,
  COUPON_ISSUE_EVENT,
  type CouponClaimAnnouncement,
  type CouponIssueAnnouncement,
  CUSTOM_DATA,
  encodeExplaining,
  type PurchaseAnnouncement,
} from '@livesell/core/protocol';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ALL_METHODS, bearerUser, errorBody, type HttpError, toHttpError } from '../http';
import type { LiveServerContext, LiveServerModule, LiveServerModuleFactory, RoomInfo } from '../module';
import { demoGoods, demoImageSvg } from './demo-data';
import { badRequest, MerchantError } from './merchant-error';
import { MerchantStore } from './merchant-store';
import { OrderLimiter, type OrderLimits } from './order-limits';
import * as v from './validate';

export interface MerchantModuleOptions {
  /** URL prefix of every endpoint. Default `/v4/merchant`. */
  prefix?: string;
  /** The server clock (coupon expiry, `serverTime`). Default `Date.now`. */
  now?: () => number;
  /** Origins allowed besides localhost / 127.0.0.1 / [::1] on any port. */
  corsOrigins?: readonly (string | RegExp)[];
  /** Rooms that get the demo goods at start (idempotent). */
  demoRooms?: readonly string[];
  /** Per-user and per-product order limits (defaults in `DEFAULT_ORDER_LIMITS`). */
  orderLimits?: OrderLimits;
}

interface Request {
  req: FastifyRequest;
  res: FastifyReply;
  url: URL;
  method: string;
  /** The JSON object body (`{}` when none was sent). */
  body: v.Body;
  /** Path segments after the prefix, URL-decoded. */
  parts: string[];
}

/** The largest request body the merchant API reads (bytes); larger ones are 413 `PAYLOAD_TOO_LARGE`. */
export const MAX_BODY_BYTES = 32 * 1024;

const MAX_COUPON_SECONDS = 30 * 24 * 3600;

/**
 * The merchant API: goods, the explaining item, coupons, claims and orders for a live room, over
 * JSON HTTP. State lives in SQLite; the room learns about changes from the server itself
 * (`add_goods` group field, server custom messages), so clients can trust them.
 */
export function createMerchantModule(options: MerchantModuleOptions = {}): LiveServerModuleFactory {
  return async (ctx) => new MerchantApi(ctx, options).module();
}

/** The module with default options, as `defaultModules` loads it. */
export const merchantModule: LiveServerModuleFactory = createMerchantModule();

class MerchantApi {
  private readonly prefix: string;
  private readonly now: () => number;
  private readonly store: MerchantStore;
  private readonly orderLimiter: OrderLimiter;

  constructor(
    private readonly ctx: LiveServerContext,
    private readonly options: MerchantModuleOptions,
  ) {
    this.prefix = (options.prefix ?? '/v4/merchant').replace(/\/+$/, '');
    this.now = options.now ?? Date.now;
    this.store = new MerchantStore(ctx.db, this.now, (roomID) => ctx.roomPhase(roomID));
    this.orderLimiter = new OrderLimiter(ctx.db, this.now, options.orderLimits);
    for (const roomID of options.demoRooms ?? []) this.seedDemo(roomID);
  }

  module(): LiveServerModule {
    return {
      name: 'merchant',
      info: { merchantUrl: `${this.ctx.httpUrl.replace(/\/+$/, '')}${this.prefix}` },
      routes: (app) => this.routes(app),
    };
  }

  /** Every merchant path on the server's HTTP app: one body limit, the merchant's error shape. */
  private async routes(app: FastifyInstance): Promise<void> {
    if (this.options.corsOrigins?.length) this.ctx.allowOrigins(this.options.corsOrigins);
    await app.register(async (scope) => {
      scope.setErrorHandler((error, _request, reply) => {
        const e = toHttpError(error, (m) => this.ctx.log(m), 'merchant');
        // The merchant API documents a non-object body as INVALID_ARGUMENT.
        this.sendError(reply, e.code === 'INVALID_BODY' ? badRequest(e.message) : e);
      });
      const handler = async (request: FastifyRequest, reply: FastifyReply) => {
        const url = new URL(request.url, this.ctx.httpUrl);
        let parts: string[];
        try {
          parts = url.pathname
            .slice(this.prefix.length)
            .split('/')
            .filter(Boolean)
            .map((p) => decodeURIComponent(p));
        } catch {
          throw new MerchantError(400, 'INVALID_PATH', 'Malformed URL path');
        }
        const body = (request.body ?? {}) as v.Body;
        await this.route({ req: request, res: reply, url, method: request.method, parts, body });
      };
      const methods = [...ALL_METHODS];
      scope.route({ method: methods, url: this.prefix, bodyLimit: MAX_BODY_BYTES, handler });
      scope.route({ method: methods, url: `${this.prefix}/*`, bodyLimit: MAX_BODY_BYTES, handler });
    });
  }

  private sendError(reply: FastifyReply, error: HttpError): void {
    const serverTime = this.now();
    reply
      .code(error.status)
      .header('cache-control', 'no-store')
      .header('x-server-time', String(serverTime))
      .send({ ...errorBody(error), serverTime });
  }

  private async route(r: Request): Promise<void> {
    const [head, roomID, collection, itemID, action, ...rest] = r.parts;
    if (head === 'time' && r.parts.length === 1) return this.allow(r, ['GET'], () => this.ok(r, {}));
    if (head === 'assets' && r.parts.length === 2) return this.allow(r, ['GET'], () => this.asset(r, roomID!));
    if (head !== 'rooms' || roomID === undefined || collection === undefined || rest.length) throw this.notFound(r);
    const room = v.roomID(roomID);

    if (collection === 'goods' && itemID === undefined) {
      return this.allow(r, ['GET', 'POST'], () =>
        r.method === 'GET' ? this.listGoods(r, room) : this.createGoods(r, room),
      );
    }
    if (collection === 'goods' && itemID !== undefined && action === undefined) {
      return this.allow(r, ['PATCH'], () => this.updateGoods(r, room, v.id(itemID, 'goodsID')));
    }
    if (collection === 'explaining' && itemID === undefined) {
      return this.allow(r, ['GET', 'PUT'], () =>
        r.method === 'GET' ? this.getExplaining(r, room) : this.setExplaining(r, room),
      );
    }
    if (collection === 'coupons' && itemID === undefined) {
      return this.allow(r, ['GET', 'POST'], () =>
        r.method === 'GET' ? this.listCoupons(r, room) : this.issueCoupon(r, room),
      );
    }
    if (collection === 'coupons' && itemID !== undefined && action === 'claim') {
      return this.allow(r, ['POST'], () => this.claim(r, room, v.id(itemID, 'couponID')));
    }
    if (collection === 'orders' && itemID === undefined) {
      return this.allow(r, ['GET', 'POST'], () => (r.method === 'GET' ? this.listOrders(r, room) : this.buy(r, room)));
    }
    if (collection === 'purchases' && itemID === undefined) {
      return this.allow(r, ['GET'], () => this.recentPurchases(r, room));
    }
    if (collection === 'sales' && itemID === undefined) {
      return this.allow(r, ['GET', 'PUT'], () =>
        r.method === 'GET' ? this.getSales(r, room) : this.setSales(r, room),
      );
    }
    if (collection === 'transitions' && itemID === undefined) {
      return this.allow(r, ['GET'], () => this.transitions(r, room));
    }
    if (collection === 'demo' && itemID === undefined) return this.allow(r, ['POST'], () => this.seed(r, room));
    throw this.notFound(r);
  }

  private async allow(r: Request, methods: string[], run: () => Promise<void> | void): Promise<void> {
    if (!methods.includes(r.method)) {
      r.res.header('allow', [...methods, 'OPTIONS'].join(', '));
      throw new MerchantError(
        405,
        'METHOD_NOT_ALLOWED',
        `${r.method} is not allowed here; use ${methods.join(' or ')}`,
      );
    }
    await run();
  }

  private ok(r: Request, body: object, status = 200): void {
    const serverTime = this.now();
    r.res
      .code(status)
      .header('content-type', 'application/json; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('x-server-time', String(serverTime))
      .send(JSON.stringify({ ...body, serverTime }));
  }

  private notFound(r: Request): MerchantError {
    return new MerchantError(404, 'NOT_FOUND', `No merchant endpoint ${r.method} ${r.url.pathname}`);
  }

  // --- identity -------------------------------------------------------------------------------

  /** `Authorization: Bearer <userID>:<userSig>`, verified like an IM login. Undefined when absent. */
  private identify(r: Request): string | undefined {
    return bearerUser(r.req.headers.authorization, this.ctx.authenticate, 'UNAUTHENTICATED');
  }

  private requireUser(r: Request): string {
    const userID = this.identify(r);
    if (userID === undefined) {
      r.res.header('www-authenticate', 'Bearer');
      throw new MerchantError(401, 'UNAUTHENTICATED', 'Sign in: send "Authorization: Bearer <userID>:<userSig>"');
    }
    return userID;
  }

  private async room(roomID: string): Promise<RoomInfo> {
    const room = await this.ctx.admin.getRoom(roomID);
    if (!room) throw new MerchantError(404, 'ROOM_NOT_FOUND', `No live room "${roomID}"`);
    return room;
  }

  private isHost(room: RoomInfo, userID: string | undefined): boolean {
    return (
      userID !== undefined &&
      (userID === this.ctx.adminUserID || userID === room.ownerID || room.admins.includes(userID))
    );
  }

  private async requireHost(r: Request, roomID: string): Promise<RoomInfo> {
    const userID = this.requireUser(r);
    const room = await this.room(roomID);
    if (!this.isHost(room, userID)) {
      throw new MerchantError(403, 'FORBIDDEN', 'Only the room owner, a room admin or the server admin may do this');
    }
    return room;
  }

  // --- goods ----------------------------------------------------------------------------------

  private resolveImage(image: string): string {
    return image.startsWith('/') ? new URL(image, this.ctx.httpUrl).href : image;
  }

  private present(goods: MerchantGoods): MerchantGoods {
    return { ...goods, image: this.resolveImage(goods.image) };
  }

  private async listGoods(r: Request, roomID: string): Promise<void> {
    const userID = this.identify(r);
    const room = await this.room(roomID);
    const all = r.url.searchParams.get('status') === 'all';
    if (all && !this.isHost(room, userID)) {
      throw new MerchantError(403, 'FORBIDDEN', 'Only the host sees goods that are off the shelf');
    }
    const goods = this.store.listGoods(roomID, all).map((g) => this.present(g));
    this.ok(r, { goods, explaining: this.store.getExplaining(roomID) });
  }

  private goodsInput(body: v.Body, partial: boolean) {
    v.allowOnly(body, partial ? GOODS_PATCH_FIELDS : GOODS_FIELDS);
    const optional = partial as true;
    const input = {
      title: v.text(body, 'title', 60, optional),
      price: v.int(body, 'price', 0, v.MAX_MONEY, optional),
      originalPrice: body.originalPrice === null ? null : v.int(body, 'originalPrice', 0, v.MAX_MONEY, true),
      image: v.image(body, 'image'),
      stock: v.int(body, 'stock', 0, v.MAX_STOCK, optional),
      status: v.oneOf(body, 'status', ['on', 'off'] as const),
      position: v.int(body, 'position', -1_000_000, 1_000_000, true),
    };
    if (partial && Object.values(input).every((value) => value === undefined)) {
      throw new MerchantError(
        400,
        'INVALID_ARGUMENT',
        `Nothing to update; send any of ${GOODS_PATCH_FIELDS.join(', ')}`,
      );
    }
    return input;
  }

  private async createGoods(r: Request, roomID: string): Promise<void> {
    await this.requireHost(r, roomID);
    const body = r.body;
    const input = this.goodsInput(body, false);
    const id = body.id === undefined ? undefined : v.id(body.id, 'id');
    const goods = this.store.createGoods(roomID, {
      ...input,
      id,
      title: input.title!,
      price: input.price!,
      stock: input.stock!,
    });
    this.ok(r, { goods: this.present(goods) }, 201);
  }

  private async updateGoods(r: Request, roomID: string, goodsID: string): Promise<void> {
    await this.requireHost(r, roomID);
    const patch = this.goodsInput(r.body, true);
    const goods = this.store.updateGoods(roomID, goodsID, patch);
    // The pinned card must not show a stale price or a product taken off the shelf.
    if (this.store.getExplaining(roomID)?.goodsID === goodsID) {
      if (goods.status === 'off') await this.writeExplaining(roomID, null);
      else if (patch.title !== undefined || patch.price !== undefined || patch.image !== undefined) {
        await this.writeExplaining(roomID, goodsID);
      }
    }
    this.ok(r, { goods: this.present(goods), explaining: this.store.getExplaining(roomID) });
  }

  private getExplaining(r: Request, roomID: string): void {
    this.ok(r, { explaining: this.store.getExplaining(roomID) });
  }

  private async setExplaining(r: Request, roomID: string): Promise<void> {
    await this.requireHost(r, roomID);
    const body = r.body;
    v.allowOnly(body, ['goodsID']);
    if (body.goodsID === undefined)
      throw new MerchantError(400, 'INVALID_ARGUMENT', '"goodsID" is required (null clears)');
    const goodsID = body.goodsID === null ? null : v.id(body.goodsID, 'goodsID');
    if (goodsID !== null && this.store.getGoods(roomID, goodsID)?.status === 'off') {
      throw new MerchantError(409, 'GOODS_UNAVAILABLE', 'Put the product on the shelf before explaining it');
    }
    const value = await this.writeExplaining(roomID, goodsID);
    this.ok(r, { explaining: this.store.getExplaining(roomID), value });
  }

  /** Records the new explaining item, then writes `add_goods` so the room gets an op-6 tip. */
  private async writeExplaining(roomID: string, goodsID: string | null): Promise<string> {
    const { version } = this.store.setExplaining(roomID, goodsID);
    const goods = goodsID === null ? undefined : this.store.getGoods(roomID, goodsID);
    const value = goods
      ? encodeExplaining({
          id: goods.id,
          v: version,
          t: goods.title,
          p: goods.price,
          i: this.resolveImage(goods.image),
        })
      : '';
    try {
      await this.ctx.admin.updateRoom({ groupID: roomID, customFields: { [ADD_GOODS_FIELD]: value } });
    } catch (error) {
      throw new MerchantError(502, 'ROOM_UPDATE_FAILED', `Saved, but the room was not told: ${errorText(error)}`);
    }
    return value;
  }

  // --- coupons --------------------------------------------------------------------------------

  private async listCoupons(r: Request, roomID: string): Promise<void> {
    const userID = this.identify(r);
    await this.room(roomID);
    const coupons = this.store.listCoupons(roomID, r.url.searchParams.get('status') === 'all', userID);
    this.ok(r, { coupons });
  }

  private async issueCoupon(r: Request, roomID: string): Promise<void> {
    await this.requireHost(r, roomID);
    const body = r.body;
    v.allowOnly(body, ['title', 'amount', 'threshold', 'stock', 'expiresAt', 'durationSeconds']);
    const amount = v.int(body, 'amount', 1, v.MAX_MONEY);
    const now = this.now();
    let expiresAt: number;
    if (body.expiresAt !== undefined && body.durationSeconds !== undefined) {
      throw new MerchantError(400, 'INVALID_ARGUMENT', 'Send "expiresAt" or "durationSeconds", not both');
    } else if (body.expiresAt !== undefined) {
      expiresAt = v.int(body, 'expiresAt', now + 1000, now + MAX_COUPON_SECONDS * 1000);
    } else {
      expiresAt = now + v.int(body, 'durationSeconds', 1, MAX_COUPON_SECONDS) * 1000;
    }
    const coupon = this.store.issueCoupon(roomID, {
      title: v.text(body, 'title', 60, true) ?? `¥${(amount / 100).toFixed(amount % 100 ? 2 : 0)} off`,
      amount,
      threshold: v.int(body, 'threshold', 0, v.MAX_MONEY, true) ?? 0,
      stock: v.int(body, 'stock', 1, v.MAX_STOCK),
      expiresAt,
    });
    const announcement: CouponIssueAnnouncement = {
      couponID: coupon.id,
      title: coupon.title,
      amount: coupon.amount,
      threshold: coupon.threshold,
      stock: coupon.stock,
      remaining: coupon.remaining,
      expiresAt: coupon.expiresAt,
      serverTime: this.now(),
    };
    const announced = await this.announce(roomID, COUPON_ISSUE_EVENT, announcement);
    this.ok(r, { coupon, announced }, 201);
  }

  /**
   * The name announced to the room: the buyer's IM profile nick (set by their own client, the same
   * name their chat shows), else the capped `nick` of the request, else the userID.
   */
  private async displayName(userID: string, body: Record<string, unknown>): Promise<string> {
    const profile = await this.ctx.admin.getProfile(userID).catch(() => undefined);
    return profile?.nick || (v.nick(body) ?? userID);
  }

  private async claim(r: Request, roomID: string, couponID: string): Promise<void> {
    const userID = this.requireUser(r);
    await this.room(roomID);
    const body = r.body;
    v.allowOnly(body, ['requestID', 'nick']);
    const requestID = v.requestID(body, header(r.req, 'idempotency-key'));
    const result = this.store.claimCoupon(roomID, couponID, userID, requestID);
    let announced = false;
    if (!result.replayed) {
      const announcement: CouponClaimAnnouncement = {
        couponID,
        claimID: result.claim.id,
        userID,
        nick: await this.displayName(userID, body),
        remaining: result.coupon.remaining,
        serverTime: this.now(),
      };
      announced = await this.announce(roomID, 'USE_COUPON', announcement, { mergeKey: `USE_COUPON:${couponID}` });
    }
    this.ok(r, { claim: result.claim, coupon: withClaimed(result.coupon), replayed: result.replayed, announced });
  }

  // --- orders ---------------------------------------------------------------------------------

  private async buy(r: Request, roomID: string): Promise<void> {
    const userID = this.requireUser(r);
    await this.room(roomID);
    const body = r.body;
    v.allowOnly(body, ['goodsID', 'quantity', 'couponID', 'requestID', 'nick', 'via']);
    if (body.via !== undefined && body.via !== 'live' && body.via !== 'replay') {
      throw new MerchantError(400, 'INVALID_ARGUMENT', '"via" must be "live" or "replay"');
    }
    const input = {
      via: body.via === 'replay' ? ('replay' as const) : undefined,
      goodsID: v.id(body.goodsID, 'goodsID'),
      quantity: v.int(body, 'quantity', 1, 99, true) ?? 1,
      couponID: body.couponID === undefined ? undefined : v.id(body.couponID, 'couponID'),
      requestID: v.requestID(body, header(r.req, 'idempotency-key')),
    };
    // Check, take stock and record in one synchronous step: no other order interleaves.
    this.orderLimiter.check(roomID, userID, input.goodsID, input.quantity, input.requestID);
    const result = this.store.buy(roomID, userID, input);
    if (!result.replayed) this.orderLimiter.record(roomID, userID, input.goodsID);
    let announced = false;
    // A purchase from a replay is not news in a show that has ended: the room is not told.
    if (!result.replayed && result.via === 'live') {
      const announcement: PurchaseAnnouncement = {
        orderID: result.order.id,
        goodsID: result.order.goodsID,
        title: result.order.title,
        quantity: result.order.quantity,
        userID,
        nick: await this.displayName(userID, body),
        stock: result.goods.stock,
        serverTime: this.now(),
      };
      announced = await this.announce(roomID, CUSTOM_DATA.BUY_GOODS, announcement, {
        mergeKey: `${CUSTOM_DATA.BUY_GOODS}:${announcement.goodsID}`,
        sum: ['quantity'],
      });
    }
    this.ok(
      r,
      { order: result.order, goods: this.present(result.goods), replayed: result.replayed, announced, via: result.via },
      result.replayed ? 200 : 201,
    );
  }

  private async listOrders(r: Request, roomID: string): Promise<void> {
    const userID = this.requireUser(r);
    const room = await this.room(roomID);
    const limit = Number(r.url.searchParams.get('limit') ?? 50);
    if (!Number.isInteger(limit) || limit < 1 || limit > 500) {
      throw new MerchantError(400, 'INVALID_ARGUMENT', '"limit" must be an integer from 1 to 500');
    }
    // The host sees the room's orders; a viewer sees their own.
    const orders = this.store.listOrders(roomID, this.isHost(room, userID) ? undefined : userID, limit);
    this.ok(r, { orders });
  }

  /** The last purchases as announced to the room (what a late joiner's ticker shows). Public. */
  private async recentPurchases(r: Request, roomID: string): Promise<void> {
    await this.room(roomID);
    const limit = Number(r.url.searchParams.get('limit') ?? 5);
    if (!Number.isInteger(limit) || limit < 1 || limit > 20) {
      throw new MerchantError(400, 'INVALID_ARGUMENT', '"limit" must be an integer from 1 to 20');
    }
    const orders = this.store.listOrders(roomID, undefined, limit).reverse();
    const nicks = new Map<string, string>();
    for (const o of orders) {
      if (!nicks.has(o.userID)) {
        const profile = await this.ctx.admin.getProfile(o.userID).catch(() => undefined);
        nicks.set(o.userID, profile?.nick || o.userID);
      }
    }
    const purchases: PurchaseAnnouncement[] = orders.map((o) => ({
      orderID: o.id,
      goodsID: o.goodsID,
      title: o.title,
      quantity: o.quantity,
      userID: o.userID,
      nick: nicks.get(o.userID) ?? o.userID,
      stock: this.store.getGoods(roomID, o.goodsID)?.stock ?? 0,
      serverTime: o.createdAt,
    }));
    this.ok(r, { purchases });
  }

  private async getSales(r: Request, roomID: string): Promise<void> {
    await this.room(roomID);
    this.ok(r, { phase: this.ctx.roomPhase(roomID), ...this.store.salesRules(roomID) });
  }

  /**
   * Host: whether a paused show keeps selling (`{ "sellWhilePaused": false }` stops it) and whether
   * the replay of an ended show takes orders (`{ "sellOnReplay": false }` stops it).
   */
  private async setSales(r: Request, roomID: string): Promise<void> {
    await this.requireHost(r, roomID);
    const body = r.body;
    v.allowOnly(body, ['sellWhilePaused', 'sellOnReplay']);
    for (const key of ['sellWhilePaused', 'sellOnReplay'] as const) {
      if (body[key] !== undefined && typeof body[key] !== 'boolean') {
        throw new MerchantError(400, 'INVALID_ARGUMENT', `"${key}" must be true or false`);
      }
    }
    if (body.sellWhilePaused === undefined && body.sellOnReplay === undefined) {
      throw new MerchantError(400, 'INVALID_ARGUMENT', 'Send "sellWhilePaused" and/or "sellOnReplay"');
    }
    const rules = this.store.setSalesRules(roomID, {
      ...(body.sellWhilePaused === undefined ? {} : { sellWhilePaused: body.sellWhilePaused as boolean }),
      ...(body.sellOnReplay === undefined ? {} : { sellOnReplay: body.sellOnReplay as boolean }),
    });
    this.ok(r, { phase: this.ctx.roomPhase(roomID), ...rules });
  }

  /** The room's status changes with their times (the replay timeline). Public, like the status itself. */
  private async transitions(r: Request, roomID: string): Promise<void> {
    await this.room(roomID);
    this.ok(r, { transitions: this.ctx.roomTransitions(roomID) });
  }

  // --- demo -----------------------------------------------------------------------------------

  private seedDemo(roomID: string): MerchantGoods[] {
    for (const goods of demoGoods(`${this.prefix}/assets`)) {
      if (!this.store.getGoods(roomID, goods.id!)) this.store.createGoods(roomID, goods);
    }
    return this.store.listGoods(roomID, true);
  }

  private async seed(r: Request, roomID: string): Promise<void> {
    await this.requireHost(r, roomID);
    const goods = this.seedDemo(roomID).map((g) => this.present(g));
    this.ok(r, { goods, explaining: this.store.getExplaining(roomID) });
  }

  private asset(r: Request, name: string): void {
    const svg = name.endsWith('.svg') ? demoImageSvg(name.slice(0, -4)) : undefined;
    if (!svg) throw this.notFound(r);
    r.res.code(200).header('content-type', 'image/svg+xml').header('cache-control', 'public, max-age=86400').send(svg);
  }

  // --- room announcements ---------------------------------------------------------------------

  /**
   * Sends as the server (High priority) through the room's 40 msgs/s budget: a burst merges into
   * one announcement per key ("+12 bought"). The answer does not wait for a busy room's budget.
   * A failure is logged, never undoes the committed change.
   */
  private async announce(
    roomID: string,
    data: string,
    payload: object,
    merge: { mergeKey?: string; sum?: readonly string[] } = {},
  ): Promise<boolean> {
    try {
      const sent = this.ctx.admin.sendCustomMessage({
        groupID: roomID,
        data,
        extension: JSON.stringify(payload),
        priority: 'High',
        announcement: merge,
      });
      sent.catch((error: unknown) =>
        this.ctx.log(`merchant: could not announce ${data} to ${roomID}: ${errorText(error)}`),
      );
      // Validation errors come back at once; a send waiting for the room's budget is not awaited.
      await Promise.race([sent, Promise.resolve()]);
      return true;
    } catch (error) {
      this.ctx.log(`merchant: could not announce ${data} to ${roomID}: ${errorText(error)}`);
      return false;
    }
  }
}

const GOODS_PATCH_FIELDS = ['title', 'price', 'originalPrice', 'image', 'stock', 'status', 'position'];
const GOODS_FIELDS = ['id', ...GOODS_PATCH_FIELDS];

const withClaimed = (coupon: MerchantCoupon): MerchantCoupon => ({ ...coupon, claimed: true });

function header(req: FastifyRequest, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function errorText(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (error && typeof error === 'object' && 'message' in error) return String(error.message);
  return String(error);
}
