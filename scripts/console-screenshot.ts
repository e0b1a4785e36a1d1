/**
 * `npm run console:screenshot [-- --out <file.png>] [--dark]`: the picture of the web console in
 * README's "Local console" section. Starts the stack on free ports with a fresh data folder,
 * sends a little traffic so the overview's tables and charts have something to show, and takes
 * the whole overview page, 1280 pixels wide, in headless Chromium (/usr/bin/chromium, or CHROMIUM_PATH).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { signedFetch } from '../common/execute-api-signature';
import { startConsole } from '../console';
import { type LocalCloud, startLocalCloud } from '../local/runner';

/** Long enough for the overview's charts to show a few samples of the traffic. */
const TRAFFIC_SECONDS = 12;

async function post(cloud: LocalCloud, path: string, body: unknown): Promise<void> {
  const answer = await signedFetch(
    {
      method: 'POST',
      url: new URL(`${cloud.apiUrl}${path}`),
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    },
    cloud.credentials,
    cloud.region,
  );
  if (answer.status >= 300) throw new Error(`POST ${path} answered ${answer.status}: ${await answer.text()}`);
}

/** Bursts of tasks and a few orders, so the queues' charts have something to show. */
async function sendTraffic(cloud: LocalCloud): Promise<void> {
  for (let second = 0; second < TRAFFIC_SECONDS; second += 1) {
    const requests = [];
    for (let index = 0; index < (second % 3 === 0 ? 40 : 4); index += 1) {
      requests.push(post(cloud, '/tasks', { type: 'hello', payload: { name: `Ada ${second}.${index}` } }));
    }
    requests.push(
      post(cloud, '/events', {
        events: [
          {
            type: 'order.placed',
            source: 'com.example.shop',
            data: {
              orderId: `o-${second}`,
              amount: 500 + second * 2500,
              currency: 'EUR',
              customer: { customerId: 'c-1' },
            },
          },
        ],
      }),
    );
    await Promise.all(requests);
    await new Promise((done) => setTimeout(done, 1000));
  }
}

async function main(): Promise<void> {
  // The SDK's notice about this Node.js version is not part of the picture's story.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const { values } = parseArgs({
    options: {
      out: { type: 'string', default: 'docs/console-overview.png' },
      dark: { type: 'boolean', default: false },
    },
  });
  const out = resolve(values.out ?? 'docs/console-overview.png');
  const dataDir = mkdtempSync(join(tmpdir(), 'switchyard-screenshot-'));
  const cloud = await startLocalCloud({
    apiPort: 0,
    awsPort: 0,
    dataDir,
    functionLogs: () => undefined,
    log: () => undefined,
    console: (feeds) => startConsole(feeds, { port: 0 }),
  });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: process.getuid?.() === 0 ? ['--no-sandbox'] : [],
  });
  try {
    await sendTraffic(cloud);
    const page = await browser.newPage({
      viewport: { width: 1280, height: 800 },
      colorScheme: values.dark ? 'dark' : 'light',
    });
    await page.goto(cloud.consoleUrl ?? '');
    await page.getByRole('table', { name: 'Channels' }).waitFor();
    // Two more samples, so the charts' last points include the end of the traffic.
    await page.waitForTimeout(2500);
    await page.screenshot({ path: out, fullPage: true });
    console.log(`wrote ${out}`);
  } finally {
    await browser.close();
    await cloud.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
