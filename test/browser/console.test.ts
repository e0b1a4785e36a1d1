import type { Browser, Page, Route } from 'playwright-core';
import { startConsole } from '../../console';
import type { ConsoleConfig, FlowTimeline, TaskDetail } from '../../console/api-types';
import {
  E2E_TIMEOUT_MS,
  startTestCloud,
  type TestCloud,
} from '../e2e/local/runner/support/local-cloud-fixture';
import { pollUntil } from '../e2e/local/runner/support/poll-until';
import { signedRequest } from '../e2e/local/runner/support/signed-api';
import { startWebhookReceiver, type WebhookReceiver } from '../e2e/local/runner/support/webhook-receiver';
import { launchChromium } from './support/chromium';

jest.setTimeout(E2E_TIMEOUT_MS);

/** How long the page may take to show what the test waits for. */
const UI_TIMEOUT_MS = 20_000;

describe('the local console in Chromium', () => {
  let test: TestCloud;
  let browser: Browser;
  let page: Page;
  let receiver: WebhookReceiver;
  /** The webhook receiver fails until a test "fixes the cause". */
  let receiverFixed = false;
  let config: ConsoleConfig;
  /** What the page reported as broken: CSP violations, script errors, failed loads. */
  const pageErrors: string[] = [];

  /** The console's own API, with the page's session cookie. */
  const consoleApi = async <T>(path: string): Promise<T> =>
    (await (await page.request.get(new URL(path, page.url()).toString())).json()) as T;
  const show = (hash: string) => page.goto(new URL(`/#/${hash}`, page.url()).toString());

  beforeAll(async () => {
    receiver = await startWebhookReceiver(() => (receiverFixed ? 200 : 500));
    // Retries wait for the visibility timeout: 1 s rather than the template's minutes.
    test = await startTestCloud({
      localOverrides: { visibilityTimeoutSeconds: 1 },
      console: (feeds) => startConsole(feeds, { port: 0 }),
    });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.setDefaultTimeout(UI_TIMEOUT_MS);
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });

  // A Content-Security-Policy violation shows only here: the page would just lack a script or style.
  afterEach(() => {
    expect(pageErrors.splice(0)).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await test?.stop();
    await receiver?.stop();
  });

  it('opens the URL npm start prints, trades its token for a cookie, and shows every channel', async () => {
    const consoleUrl = test.cloud.consoleUrl ?? '';
    await page.goto(consoleUrl);
    expect(page.url()).not.toContain('token');
    const [cookie] = await page.context().cookies();
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict' });

    config = await consoleApi<ConsoleConfig>('/api/config');
    const channels = page.getByRole('table', { name: 'Channels' });
    for (const channel of config.channels) {
      await channels.getByRole('rowheader', { name: channel.name, exact: true }).waitFor();
    }
    expect(config.channels.map((channel) => channel.name)).toContain('tasks');
  });

  it('finds a submitted task as SUCCEEDED through the search box, and opens its flow', async () => {
    const submitted = await signedRequest(test.cloud, 'POST', '/tasks', {
      type: 'hello',
      payload: { name: 'Browser' },
    });
    const { taskId } = submitted.body as { taskId: string };
    await pollUntil('the task to succeed', async () =>
      (await consoleApi<TaskDetail>(`/api/tasks/${taskId}`)).status === 'SUCCEEDED' ? true : undefined,
    );

    await show('tasks');
    await page.getByLabel('Task id').fill(taskId);
    await page.getByRole('button', { name: 'Search' }).click();
    await expect(page.getByTestId('task-status').textContent()).resolves.toBe('SUCCEEDED');

    await page.getByTestId('task-flow-link').click();
    const flow = page.getByTestId('flow');
    await flow.getByText(taskId).first().waitFor();
    expect(page.url()).toContain(`#/flows/${submitted.headers.get('x-correlation-id')}`);
  });

  it('redrives a task dead-lettered by a failing webhook from the page, after confirmation', async () => {
    const submitted = await signedRequest(test.cloud, 'POST', '/tasks', {
      type: 'webhook',
      payload: { url: `${receiver.url}/hooks/down`, body: { n: 1 } },
    });
    const { taskId } = submitted.body as { taskId: string };
    await pollUntil('the task in the DLQ', async () =>
      (await consoleApi<{ approximateDepth: number }>('/api/dead-letters/tasks')).approximateDepth === 1
        ? true
        : undefined,
    );

    await show('dead-letters');
    const channel = page.getByRole('region', { name: 'tasks' });
    await channel.getByText(/500/).first().waitFor();
    receiverFixed = true;
    await channel.getByRole('button', { name: 'Redrive tasks' }).click();
    const dialog = page.getByRole('dialog', { name: 'Redrive tasks?' });
    await dialog.getByRole('button', { name: 'Confirm redrive' }).click();
    // The Redrive button is disabled while it runs: the keyboard focus moves to the report.
    await page.waitForFunction(
      () => document.activeElement?.closest('[data-testid="redrive-report"]') !== null,
      undefined,
      { timeout: 5000 },
    );
    await expect(
      channel
        .getByTestId('redrive-report-outcome')
        .getByText(/completed/i)
        .first()
        .waitFor(),
    ).resolves.toBeUndefined();
    // The NDJSON progress lines, from the move task's start to its end.
    const progress = await channel
      .getByRole('list', { name: 'Redrive progress' })
      .getByRole('listitem')
      .allTextContents();
    expect(progress[0]).toBe('redriving 1 message(s) from the DLQ of tasks');
    expect(progress.at(-1)).toBe('COMPLETED: moved 1 of 1');

    const task = await pollUntil('the redriven task to succeed', async () => {
      const record = await consoleApi<TaskDetail>(`/api/tasks/${taskId}`);
      return record.status === 'SUCCEEDED' ? record : undefined;
    });
    expect(task.history?.map((entry) => entry.event)).toContain('REDRIVEN');
  });

  it('publishes an event from the form and shows it routed to its subscriptions', async () => {
    await show('events');
    await page.getByLabel('Event type').selectOption('order.placed');
    await page.getByLabel('Data (JSON)').fill(
      JSON.stringify({
        orderId: 'o-browser',
        amount: 25_000,
        currency: 'EUR',
        customer: { customerId: 'c-7' },
      }),
    );
    await page.getByRole('button', { name: 'Publish' }).click();
    await expect(page.getByTestId('publish-status').textContent()).resolves.toBe('202');

    const link = page.getByTestId('publish-flow-link');
    const correlationId = decodeURIComponent((await link.getAttribute('href'))?.split('/').at(-1) ?? '');
    const routed = await pollUntil('the event consumed', async () => {
      const flow = await consoleApi<FlowTimeline>(`/api/flows/${correlationId}`);
      const consumed = flow.timeline.filter((entry) => entry.kind === 'EVENT_CONSUMED');
      return consumed.length > 0 ? consumed : undefined;
    });
    await link.click();
    const flow = page.getByTestId('flow');
    for (const entry of routed) {
      if (entry.kind === 'EVENT_CONSUMED') await flow.getByText(entry.subscription).first().waitFor();
    }
  });

  it('is driven by the keyboard: the skip link, then the views, each opened with Enter', async () => {
    await show('overview');
    // A fresh load: the first Tab starts from the top of the page.
    await page.reload();
    await page.getByRole('table', { name: 'Channels' }).waitFor();
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Skip to content');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Tasks');
    await page.keyboard.press('Enter');
    await page.getByLabel('Task id').waitFor();
    expect(page.url()).toContain('#/tasks');
  });

  it('keeps the keyboard focus on Refresh and Publish while their actions run', async () => {
    /** Presses Enter on the focused button; resolves to whether it said it was busy meanwhile. */
    const pressWatchingBusy = async (): Promise<boolean> => {
      // The watcher is in place before the key is pressed: input and scripts reach the page apart.
      await page.evaluate(() => {
        const button = document.activeElement as HTMLElement;
        const watched = window as unknown as { sawBusy?: Promise<boolean> };
        watched.sawBusy = new Promise<boolean>((resolve) => {
          // Set from absent: the busy state began, however soon it ended.
          const observer = new MutationObserver((records) => {
            if (
              !records.some((record) => record.attributeName === 'aria-disabled' && record.oldValue === null)
            )
              return;
            observer.disconnect();
            resolve(true);
          });
          observer.observe(button, { attributes: true, attributeOldValue: true });
          setTimeout(() => resolve(false), 10_000);
        });
      });
      await page.keyboard.press('Enter');
      return page.evaluate(() => (window as unknown as { sawBusy: Promise<boolean> }).sawBusy);
    };
    const focused = () => page.evaluate(() => document.activeElement?.textContent);

    await show('tasks');
    // The list's first read must be over, or the press would meet a button already busy.
    await page.waitForFunction(() => {
      const refresh = [...document.querySelectorAll('button')].find((b) => b.textContent === 'Refresh');
      return refresh !== undefined && refresh.getAttribute('aria-disabled') === null;
    });
    await page.getByRole('button', { name: 'Refresh', exact: true }).focus();
    await expect(pressWatchingBusy()).resolves.toBe(true);
    await page.waitForFunction(() => document.activeElement?.getAttribute('aria-disabled') === null);
    await expect(focused()).resolves.toBe('Refresh');

    await show('events');
    await page.getByLabel('Event type').selectOption('order.placed');
    await page
      .getByLabel('Data (JSON)')
      .fill(
        JSON.stringify({ orderId: 'o-focus', amount: 10, currency: 'EUR', customer: { customerId: 'c-1' } }),
      );
    await page.getByRole('button', { name: 'Publish' }).focus();
    await expect(pressWatchingBusy()).resolves.toBe(true);
    await expect(page.getByTestId('publish-status').textContent()).resolves.toBe('202');
    await expect(focused()).resolves.toBe('Publish');
  });

  it('does not send an event whose data breaks its schema, and takes the focus to the problems', async () => {
    const publishes: string[] = [];
    const watch = (request: { method(): string; url(): string }) => {
      if (request.method() === 'POST' && request.url().endsWith('/api/events')) publishes.push(request.url());
    };
    page.on('request', watch);
    try {
      await show('events');
      await page.getByLabel('Event type').selectOption('order.placed');
      await page.getByLabel('Data (JSON)').fill(JSON.stringify({ amount: 10, currency: 'EUR' }));
      const problems = page.getByRole('list', { name: 'Problems with the data' });
      await problems
        .getByText(/orderId/)
        .first()
        .waitFor();

      // From the keyboard, so the focus does not reach the editor by a click landing elsewhere.
      await page.getByRole('button', { name: 'Publish' }).focus();
      await page.keyboard.press('Enter');

      await page.waitForFunction(() => document.activeElement?.tagName === 'TEXTAREA');
      await expect(page.getByLabel('Data (JSON)').getAttribute('aria-invalid')).resolves.toBe('true');
      await expect(page.getByTestId('publish-status').count()).resolves.toBe(0);
      expect(publishes).toEqual([]);
    } finally {
      page.off('request', watch);
    }
  });

  it('sends a browser without a session to the URL npm start printed, before any data', async () => {
    const stranger = await browser.newContext();
    try {
      const fresh = await stranger.newPage();
      const apiCalls: string[] = [];
      fresh.on('request', (request) => {
        if (new URL(request.url()).pathname.startsWith('/api/')) apiCalls.push(request.url());
      });

      const answer = await fresh.goto(new URL('/#/tasks', page.url()).toString());

      expect(answer?.status()).toBe(401);
      await expect(fresh.locator('body').textContent()).resolves.toMatch(
        /console URL that npm start printed/,
      );
      expect(apiCalls).toEqual([]);
    } finally {
      await stranger.close();
    }
  });

  it('says so in place when the session ends while a view is open, and works again once signed in', async () => {
    await show('overview');
    await page.getByRole('table', { name: 'Channels' }).waitFor();
    const session = await page.context().cookies();
    await page.context().clearCookies();
    try {
      await show('tasks');
      await page.getByRole('heading', { name: 'Sign-in required' }).waitFor();
      await expect(page.getByRole('alert').textContent()).resolves.toContain('npm start');
      // The refused requests are the only errors the page may report here.
      const reported = pageErrors.splice(0);
      expect(reported.length).toBeGreaterThan(0);
      expect(reported.filter((line) => !line.includes('status of 401'))).toEqual([]);
    } finally {
      await page.context().addCookies(session);
    }
    await page.reload();
    await page.getByLabel('Task id').waitFor();
  });

  it('labels every control of every view', async () => {
    const views = {
      overview: 'Overview',
      tasks: 'Tasks',
      flows: 'Flows',
      'dead-letters': 'Dead letters',
      events: 'Events',
      logs: 'Logs',
    };
    for (const [view, heading] of Object.entries(views)) {
      await show(view);
      // This view's own heading: the previous view's would already satisfy a bare wait.
      await page.getByRole('heading', { level: 1, name: heading, exact: true }).waitFor();
      const unlabelled = await page.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>('input, select, textarea, button')]
          .filter((control) => {
            const labels = (control as HTMLInputElement).labels;
            const named =
              (labels !== null && labels.length > 0) ||
              control.getAttribute('aria-label') !== null ||
              control.getAttribute('aria-labelledby') !== null ||
              (control.tagName === 'BUTTON' && (control.textContent ?? '').trim() !== '');
            return !named;
          })
          .map((control) => control.outerHTML.slice(0, 80)),
      );
      expect({ view, unlabelled }).toEqual({ view, unlabelled: [] });
    }
  });

  it("follows the system's dark preference", async () => {
    const background = () => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    await page.emulateMedia({ colorScheme: 'light' });
    const light = await background();
    await page.emulateMedia({ colorScheme: 'dark' });
    const dark = await background();
    await page.emulateMedia({ colorScheme: 'light' });
    expect(dark).not.toBe(light);
  });

  it('names the log columns, and hands the focus back to the lines from Jump to latest', async () => {
    await Promise.all(
      Array.from({ length: 8 }, (_, n) =>
        signedRequest(test.cloud, 'POST', '/tasks', { type: 'hello', payload: { name: `Scroll ${n}` } }),
      ),
    );
    await page.setViewportSize({ width: 1280, height: 400 });
    try {
      await show('logs');
      const lines = page.getByTestId('log-lines');
      await lines.getByRole('columnheader').first().waitFor();
      const headers = await lines.getByRole('columnheader').allTextContents();
      expect(headers).toEqual(['Time', 'Level', 'Function', 'Correlation id', 'Line']);
      await page.waitForFunction(
        () => {
          const box = document.querySelector('[data-testid="log-lines"]');
          return box !== null && box.scrollHeight > box.clientHeight * 2;
        },
        undefined,
        { timeout: UI_TIMEOUT_MS },
      );

      await lines.evaluate((box) => box.scrollTo({ top: 0 }));
      const jump = page.getByRole('button', { name: 'Jump to latest' });
      await jump.focus();
      await page.keyboard.press('Enter');

      await jump.waitFor({ state: 'detached' });
      await expect(page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).resolves.toBe(
        'Log lines',
      );
      await expect(
        lines.evaluate((box) => box.scrollHeight - box.scrollTop - box.clientHeight < 2),
      ).resolves.toBe(true);
    } finally {
      await page.setViewportSize({ width: 1280, height: 800 });
    }
  });

  it('streams live function logs, and a correlation id in a line opens its flow', async () => {
    const submitted = await signedRequest(test.cloud, 'POST', '/tasks', {
      type: 'hello',
      payload: { name: 'Logs' },
    });
    const correlationId = submitted.headers.get('x-correlation-id') ?? '';
    await show('logs');
    await page.getByLabel('Correlation id').fill(correlationId);
    const lines = page.getByTestId('log-lines');
    const link = lines.getByRole('link', { name: correlationId }).first();
    await link.click();
    await page.getByTestId('flow').waitFor();
    expect(page.url()).toContain(`#/flows/${correlationId}`);
  });

  /**
   * Answers the overview's first stream request with `firstAnswer` and the others from the
   * server, reloads the overview, and waits for the live indicator to show `problem`, then go
   * live: each wait fails the test when it runs out.
   */
  const expectFirstStreamRecovered = async (
    firstAnswer: Parameters<Route['fulfill']>[0],
    problem: string,
  ): Promise<void> => {
    const stream = '**/api/overview/stream';
    let answered = 0;
    await page.route(stream, (route) => {
      if (answered > 0) return route.fallback();
      answered += 1;
      return route.fulfill(firstAnswer);
    });
    try {
      await show('overview');
      await page.reload();
      const indicator = page.getByTestId('live-indicator');
      await indicator.getByText(problem).waitFor();
      await indicator.locator('output', { hasText: 'Live' }).waitFor();
    } finally {
      await page.unroute(stream);
    }
  };

  it('retries an overview stream the server refused, and goes live once it is served', async () => {
    try {
      await expectFirstStreamRecovered(
        { status: 503, contentType: 'application/json', body: '{"error":"busy"}' },
        'The server refused the stream; retrying…',
      );
    } finally {
      // The refusal this test made is the one error the page may report.
      const others = pageErrors.filter((error) => !/503|event-stream/i.test(error));
      pageErrors.splice(0, pageErrors.length, ...others);
    }
  });

  it('shows a stream dropped after it opened as reconnecting, and goes live when the browser reconnects', async () => {
    // A stream that opens, asks for reconnects after a second, and ends: a dropped connection,
    // which the browser retries by itself (unlike an HTTP error).
    await expectFirstStreamRecovered(
      { status: 200, contentType: 'text/event-stream', body: 'retry: 1000\n\n' },
      'Connection lost; reconnecting…',
    );
  });
});
