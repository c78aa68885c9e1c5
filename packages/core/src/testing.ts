/**
 * `@livesell/core/testing`: test doubles for apps and for the kit's own tests — a manual clock
 * (time moves only when the test says so) and a fake of Tencent's TIM SDK (which tests cannot
 * reach). Never ship these in a page.
 */
export { createManualClock, type ManualClock } from './clock';
export {
  type Answer,
  createFakeTIM,
  FakeTimInstance,
  type FakeTimModule,
  incoming,
} from './live-sell/testing/fake-tim';
