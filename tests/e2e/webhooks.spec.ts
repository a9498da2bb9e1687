// Webhooks in the UI (issue 16, decision 0032): an officer subscribes the programme's accounts system to
// tranche payments from the user menu, copies the secret shown once, sends a test that arrives signed,
// sees an endpoint that fails in the delivery log and retries it once it is mended; on a desktop and
// on a phone, in Romanian, Russian and English.
import { createServer } from 'node:http';
import { createHmac } from 'node:crypto';
import { test, expect, login, shot, checkA11y, switchLanguage } from './fixtures';

test('an officer subscribes a system to events, its test arrives signed, a failed delivery is retried from the log', async ({ page }) => {
  const got: { headers: Record<string, string | string[] | undefined>; body: string }[] = [];
  let failing = true;
  const receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => { got.push({ headers: req.headers, body }); res.writeHead(failing ? 503 : 200); res.end(); });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
  const port = (receiver.address() as { port: number }).port;
  try {
    await page.setViewportSize({ width: 1366, height: 768 });
    await login(page, 'ofiter@socialpact.md');
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: 'Webhook-uri' }).click();
    await expect(page.getByRole('heading', { name: 'Webhook-uri' })).toBeVisible();
    await page.getByRole('button', { name: 'Webhook nou' }).click();
    const dialog = page.getByRole('dialog', { name: 'Webhook nou' });
    await dialog.getByRole('button', { name: 'Salvează' }).click();
    await expect(dialog.getByText('Câmp obligatoriu.').first()).toBeVisible();
    await dialog.getByLabel('Denumire').fill('Contabilitatea programului');
    await dialog.getByLabel('Adresa').fill(`http://127.0.0.1:${port}/socialpact`);
    await dialog.getByRole('checkbox', { name: 'Tranșă plătită' }).check();
    await dialog.getByRole('checkbox', { name: 'Raport aprobat' }).check();
    await shot(page, 'webhooks-01-new');
    await dialog.getByRole('button', { name: 'Salvează' }).click();
    const shown = page.getByTestId('webhook-secret');
    await expect(shown).toBeVisible();
    const secret = (await shown.textContent())!.trim();
    expect(secret).toMatch(/^whsec_/);
    await checkA11y(page);
    await page.getByRole('button', { name: 'Gata' }).click();
    await expect(page.getByText(secret)).toHaveCount(0);
    await page.getByTestId('webhooks-table').getByRole('link', { name: 'Contabilitatea programului' }).click();
    await expect(page.getByRole('heading', { name: 'Contabilitatea programului' })).toBeVisible();

    // The endpoint is down: the test delivery fails and waits for its next attempt.
    await page.getByRole('button', { name: 'Trimite un test' }).click();
    const log = page.getByTestId('deliveries-table');
    await expect(log.getByText('HTTP 503')).toBeVisible({ timeout: 20_000 });
    const sig = String(got[0].headers['x-socialpact-signature']);
    const [, t, v1] = /^t=(\d+),v1=([0-9a-f]+)$/.exec(sig)!;
    expect(v1).toBe(createHmac('sha256', secret).update(`${t}.${got[0].body}`).digest('hex'));
    expect(JSON.parse(got[0].body).type).toBe('ping');
    await shot(page, 'webhooks-02-failed');

    // Mended, a retry delivers it.
    failing = false;
    await log.getByRole('button', { name: 'Reîncearcă' }).first().click();
    await expect(log.getByText('Livrat')).toBeVisible({ timeout: 20_000 });
    await checkA11y(page);
    await shot(page, 'webhooks-03-delivered');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Contabilitatea programului' })).toBeVisible();
    await shot(page, 'webhooks-04-phone');
    await page.setViewportSize({ width: 1366, height: 768 });
    for (const [code, heading, delivered] of [['RU', 'Журнал доставок', 'Доставлено'], ['EN', 'Delivery log', 'Delivered']] as const) {
      await switchLanguage(page, code);
      await expect(page.getByRole('heading', { name: heading })).toBeVisible();
      await expect(page.getByTestId('deliveries-table').getByText(delivered).first()).toBeVisible();
      expect(await page.locator('body').innerText()).not.toMatch(/\bwebhooks\.[a-zA-Z_]+/);
      await shot(page, `webhooks-05-${code.toLowerCase()}`);
      await page.goto('/webhooks');
      await expect(page.getByTestId('webhooks-table')).toBeVisible();
      await shot(page, `webhooks-06-list-${code.toLowerCase()}`);
      await page.goBack();
    }
    await switchLanguage(page, 'RO');
  } finally {
    receiver.close();
  }
});
