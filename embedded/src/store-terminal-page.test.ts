import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { postGraphQL, testToken } from '@zhongtai/subgraph-kit';
import { browserForTests, launchChromium } from './testing/browser.js';
import { until } from './testing/until.js';
import { type MainProcess, startMainProcess } from './testing/main-process.js';

/**
 * The store terminal as a clerk uses it: `npm start` (demo brand), headless Chromium on a tablet-sized
 * screen, only what the page shows. A demo member found by phone, points redeemed (also with the answer
 * lost on the way back, then retried: one entry), too many refused, points awarded, a ticket answered.
 * Screenshots land in `test-results/` (store-terminal-points.png, store-terminal-ticket.png).
 */
const SCREENSHOT_DIR = new URL('../../test-results/', import.meta.url).pathname;
const PHONE = '13910007919'; // a demo member who joined at store-sh-001 (README)
const STORE = 'store-sh-001';
const browser = browserForTests();
const suite = browser.executablePath ? describe : describe.skip;

let main: MainProcess;
let chromium: Browser;
let page: Page;
let hq: string;
let clerk: string;
const pageErrors: string[] = [];

/** the API's own view of a balance, to compare with the screen */
async function balanceOf(memberId: string): Promise<number> {
  const r = await postGraphQL<{ member: { points: { balance: number } } }>(
    main.url,
    'query($id: ID!) { member(id: $id) { points { balance } } }',
    { id: memberId },
    hq,
  );
  return r.data!.member.points.balance;
}

/** waits until the element shows that text (a string: exactly it) */
const shows = (testId: string, want: string | RegExp) =>
  page
    .getByTestId(testId)
    .filter({ hasText: typeof want === 'string' ? new RegExp(`^${want}$`) : want })
    .waitFor({ timeout: 10_000 });
const zh = (n: number) => n.toLocaleString('zh-CN');
const onScreen = async (testId: string) => (await page.getByTestId(testId).textContent())!.trim();
const points = (text: string) => Number(text.replace(/[^\d]/g, ''));

suite('the store terminal page in Chromium (npm start, demo brand)', () => {
  beforeAll(async () => {
    [main, chromium] = await Promise.all([startMainProcess(), launchChromium(browser.executablePath!)]);
    hq = await testToken({ role: 'HQ' });
    clerk = await testToken({ role: 'CLERK', storeId: STORE });
    // 820 × 1180: a 10.9" tablet held upright
    page = await chromium.newPage({ viewport: { width: 820, height: 1180 }, locale: 'zh-CN' });
    page.on('pageerror', (e) => pageErrors.push(e.message));
  }, 180_000);
  afterAll(async () => {
    await chromium?.close();
    await main?.signal('SIGTERM');
  });

  it('refuses a member’s token at the login form, then logs the clerk in', async () => {
    const base = main.url.replace(/\/graphql$/, '');
    await page.goto(`${base}/store-terminal`);
    await page.getByLabel('店员令牌').fill(await testToken({ role: 'MEMBER', memberId: 'm1' }));
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('alert').filter({ hasText: '仅限店员' }).waitFor();
    await page.getByLabel('店员令牌').fill(clerk);
    await page.getByRole('button', { name: '登录' }).click();
    expect(await onScreen('who')).toBe(`${STORE} · 店员`);
  });

  let memberId = '';
  let start = 0;
  it('finds a demo member by phone (any spelling): masked phone, tier, points, recent orders', async () => {
    memberId = await until('the demo member', async () => {
      const r = await postGraphQL<{ memberByPhone: { id: string } | null }>(
        main.url,
        'query($p: String!) { memberByPhone(phone: $p) { id } }',
        { p: PHONE },
        hq,
      );
      return r.data?.memberByPhone?.id;
    });
    await page.getByLabel('手机号或会员码').fill('139 1000 7919');
    await page.keyboard.press('Enter');
    await page.getByTestId('balance').waitFor();
    expect(await onScreen('member-phone')).toBe('139****7919');
    start = points(await onScreen('balance'));
    expect(start).toBe(await balanceOf(memberId));
    expect(start).toBeGreaterThan(300);
    await expect(
      page.getByRole('region', { name: '最近订单' }).locator('tbody tr').count(),
    ).resolves.toBeGreaterThan(0);
  });

  const redeem = async (amount: string) => {
    await page.getByRole('tab', { name: '积分抵扣' }).click();
    await page.getByLabel('积分', { exact: true }).fill(amount);
    await page.getByRole('button', { name: /抵扣$/ }).click();
  };

  it('redeems points: the answer and the balance on screen agree with the ledger', async () => {
    await redeem('100');
    await shows('points-result', `已抵扣 100 积分，当前余额 ${zh(start - 100)}`);
    await shows('balance', zh(start - 100));
    expect(await balanceOf(memberId)).toBe(start - 100);
  });

  it('an answer lost on the way back is retried with the same key: one redemption, not two', async () => {
    let lost = 0;
    await page.route('**/graphql', async (route) => {
      const body = route.request().postData() ?? '';
      if (lost === 0 && body.includes('StoreTerminalRedeemPoints')) {
        lost++;
        await route.fetch(); // the gateway books it…
        return route.abort('connectionreset'); // …and the terminal never hears back
      }
      return route.continue();
    });
    await redeem('50');
    await shows('points-result', /^网络异常/);
    expect(await balanceOf(memberId)).toBe(start - 150); // it was booked
    await page.getByRole('button', { name: '重试抵扣' }).click();
    await shows('points-result', `已抵扣 50 积分，当前余额 ${zh(start - 150)}`);
    await shows('balance', zh(start - 150));
    expect(await balanceOf(memberId)).toBe(start - 150);
    await page.unroute('**/graphql');
  });

  it('refuses a redemption above the balance, showing INSUFFICIENT_POINTS, and changes nothing', async () => {
    await redeem(String(start * 10));
    await shows('points-result', /^积分不足：可用 [\d,]+ 积分/);
    expect(await balanceOf(memberId)).toBe(start - 150);
    expect(points(await onScreen('balance'))).toBe(start - 150);
  });

  it('awards points', async () => {
    await page.getByRole('tab', { name: '赠送积分' }).click();
    await page.getByLabel('积分', { exact: true }).fill('30');
    await page.getByLabel('备注').fill('生日礼');
    await page.getByRole('button', { name: '确认赠送' }).click();
    await shows('points-result', `已赠送 30 积分，当前余额 ${zh(start - 120)}`);
    await shows('balance', zh(start - 120));
    expect(await balanceOf(memberId)).toBe(start - 120);
    await page.screenshot({ path: `${mkdir()}store-terminal-points.png`, fullPage: true });
  });

  it('finds a member with an open ticket by member code (as a scanner types it) and answers the ticket', async () => {
    const ticket = await until('an open demo ticket at the store', async () => {
      const r = await postGraphQL<{ tickets: { nodes: Array<{ id: string; member: { id: string } }> } }>(
        main.url,
        `{ tickets(storeId: "${STORE}", open: true) { nodes { id member { id } } } }`,
        {},
        clerk,
      );
      return r.data?.tickets.nodes[0];
    });
    await page.getByLabel('手机号或会员码').fill(ticket.member.id);
    await page.keyboard.press('Enter');
    const tickets = page.getByRole('region', { name: '待处理工单' });
    await tickets.getByLabel('回复内容').first().waitFor();
    await tickets.getByLabel('回复内容').first().fill('您好，已为您登记，下次到店补送一份面包。');
    await tickets.getByRole('button', { name: '回复' }).first().click();
    await tickets.getByRole('status').filter({ hasText: '已回复，工单状态：等待顾客回复' }).waitFor();
    const after = await postGraphQL<{ ticket: { status: string; firstResponseAt: string | null } }>(
      main.url,
      'query($id: ID!) { ticket(id: $id) { status firstResponseAt } }',
      { id: ticket.id },
      hq,
    );
    expect(after.data!.ticket).toEqual({
      status: 'WAITING_ON_CUSTOMER',
      firstResponseAt: expect.any(String),
    });
    await page.screenshot({ path: `${mkdir()}store-terminal-ticket.png`, fullPage: true });
  });

  it('logs out back to the login form', async () => {
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.getByLabel('店员令牌').waitFor();
    expect(pageErrors).toEqual([]);
  });
});

function mkdir(): string {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return SCREENSHOT_DIR;
}
