import { chromium } from '@playwright/test';
const url = 'http://127.0.0.1:3402';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
const r = await fetch(`${url}/api/boards`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'x', templateId: 'start-stop-continue' }) });
const { boardId, facilitatorKey } = await r.json();
const t0 = Date.now();
const log = (...a) => console.log(String(Date.now() - t0).padStart(5), ...a);
for (const [name, hash] of [['Fiona', `#fk=${facilitatorKey}`], ['Ada', '']]) {
  const page = await (await browser.newContext()).newPage();
  page.on('websocket', (ws) => { log(name, 'ws open', ws.url().slice(22, 70)); ws.on('framereceived', (f) => { const p = typeof f.payload === 'string' ? f.payload.slice(0, 120) : `<${f.payload.length} bytes>`; log(name, 'recv', p); }); ws.on('framesent', (f) => { const p = typeof f.payload === 'string' ? f.payload.slice(0, 120) : `<${f.payload.length} bytes>`; log(name, 'sent', p); }); });
  page.on('console', (m) => log(name, 'console', m.text().slice(0, 150)));
  await page.goto(`${url}/b/${boardId}${hash}`);
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: 'Join' }).click();
  await page.getByTestId('connection-status').getByText('Connected').waitFor();
  log(name, 'CONNECTED');
  await page.waitForTimeout(1500);
  log(name, 'has board', await page.getByText('Opening the board').count() === 0);
}
await browser.close();
