import { DESKTOP, PHONE, settle } from './browser';
import { visibleText } from './demo';
import { walkFile } from './walk-file';

/*
 * 五个指数 (K5) on the demo park's six months of snapshots: the committee worker's ranking, a branch's
 * scores with why they changed, the definitions and publishing a new version — at 390×844 and at
 * 1280×800 (the desktop console); the secretary's own branch page from the phone. Screenshots under
 * .test-results/indexes/, each passing the walk's checks (no raw ids, no overflow, no NaN/undefined).
 */

const walk = walkFile('indexes');
const { open, look } = walk;

for (const [suffix, device] of [
  ['phone', PHONE],
  ['desktop', DESKTOP],
] as const) {
  it(`the committee worker ranks the park's branches, opens one and sees why its score changed (${suffix})`, async () => {
    const problems: string[] = [];
    const { page, errors } = await open('worker', device);
    await page.goto(`${walk.server.baseUrl}/#/packages/indexes/pages/overview/index`);
    await visibleText(page, '星云科技有限公司党支部').first().waitFor();
    problems.push(...(await look(page, errors, `overview-${suffix}`)));

    // The ranking sorted by 活力 (its column marked) and the list reloaded before a row is opened: a row
    // clicked while the list re-renders can be replaced under the click.
    await visibleText(page, '活力').first().click();
    await page.locator('.idx-rank__head .idx-rank__score--on').filter({ visible: true }).waitFor();
    await page.waitForLoadState('networkidle').catch(() => undefined);
    await settle(page);
    await page.locator('.idx-rank__row').filter({ visible: true }).first().click();
    await page.waitForURL(/pages\/branch/, { waitUntil: 'commit' });
    await visibleText(page, '得分构成与变化原因').waitFor();
    await visibleText(page, /活力指数 [\d.]+ 分/).waitFor();
    problems.push(...(await look(page, errors, `branch-${suffix}`)));

    await page.goBack();
    await visibleText(page, '指数口径').first().click();
    await visibleText(page, '调整口径（发布新版本）').first().waitFor();
    problems.push(...(await look(page, errors, `definitions-${suffix}`)));
    expect(problems).toEqual([]);
  });
}

it('a committee worker publishes a new version of an index from this month (desktop)', async () => {
  const { page, errors } = await open('worker', DESKTOP);
  await page.goto(`${walk.server.baseUrl}/#/packages/indexes/pages/overview/index`);
  await visibleText(page, '指数口径').first().click();
  await visibleText(page, '调整口径（发布新版本）').first().click();
  await visibleText(page, '发布新版本').waitFor();
  const problems = await look(page, errors, 'definition-edit-desktop');
  const weight = page.locator('.idx-edit__input').filter({ visible: true }).first().locator('input');
  await weight.fill('60');
  await visibleText(page, '发布新版本').click();
  await visibleText(page, '本党委 第1版').waitFor();
  problems.push(...(await look(page, errors, 'definition-published-desktop')));
  expect(problems).toEqual([]);
});

it("a branch secretary sees their own branch's five scores from the phone", async () => {
  const { page, errors } = await open('secretary', PHONE);
  await page.goto(`${walk.server.baseUrl}/#/packages/indexes/pages/branch/index`);
  await visibleText(page, '十二个月走势').waitFor();
  await visibleText(page, '创新指数').first().waitFor();
  expect(await look(page, errors, 'secretary-branch-phone')).toEqual([]);
});
