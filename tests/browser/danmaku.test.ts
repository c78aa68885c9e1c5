import { describe, expect, it } from 'vitest';
import { useDemoFixture } from './demo-fixture';

const demo = useDemoFixture();

describe('H5 demo: live danmaku over the local server', () => {
  it('a comment sent in one browser appears in another', async () => {
    const alice = await demo.browser.newPage();
    const bob = await demo.browser.newPage();
    await alice.goto(demo.browser.pageUrl('live/room/index', { roomID: 'demo-room', userID: 'alice', nick: 'Alice' }));
    await bob.goto(demo.browser.pageUrl('live/room/index', { roomID: 'demo-room', userID: 'bob', nick: 'Bob' }));
    await alice.locator('.demo-room[data-state="ready"]').waitFor();
    await bob.locator('.demo-room[data-state="ready"]').waitFor();

    const text = `hello from alice ${Date.now()}`;
    await alice.locator('.ls-danmaku__input input').fill(text);
    await alice.getByRole('button', { name: 'Send' }).click();

    const row = bob.locator('.ls-danmaku__row', { hasText: text });
    await row.waitFor();
    expect(await row.locator('.ls-danmaku__nick').textContent()).toBe('Alice');
    // The sender sees it once, from the sendMessage result.
    await alice.locator('.ls-danmaku__row', { hasText: text }).waitFor();
    expect(await alice.locator('.ls-danmaku__row', { hasText: text }).count()).toBe(1);
  });
});
