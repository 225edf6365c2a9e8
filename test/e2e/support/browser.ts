/**
 * Headless Chromium from Debian's `chromium` package, driven by playwright-core. playwright-core is
 * a dependency of the console's own npm project (console/), not of the server's, so it is loaded
 * from there; no browser is ever downloaded.
 */
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from '../../../console/node_modules/playwright-core';

export type { Browser, BrowserContext, Page };

const CONSOLE_DIR = path.resolve(__dirname, '../../../console');
export const SCREENSHOT_DIR = path.resolve(__dirname, '../../../docs/screenshots');
export const VIEWPORT = { width: 1366, height: 768 };

export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter((p): p is string => Boolean(p));
  const found = candidates.find((candidate) => fs.existsSync(candidate));
  if (!found) throw new Error(`no Chromium at ${candidates.join(' or ')}: install Debian's package (apt-get install -y chromium) or set CHROMIUM_PATH`);
  return found;
}

export async function launchChromium(): Promise<Browser> {
  const requireFromConsole = createRequire(path.join(CONSOLE_DIR, 'package.json'));
  const { chromium } = requireFromConsole('playwright-core') as typeof import('../../../console/node_modules/playwright-core');
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    // Without the background-networking flags Chromium keeps dialling Google's hosts, which this
    // machine's closed network refuses; --no-sandbox because the tests may run as root.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A phone's screen (375×667), for what officials open on their phones. */
export const PHONE_VIEWPORT = { width: 375, height: 667 };

/** A fresh context (its own sessionStorage: its own sign-in) at 1366×768, the users' screens, unless told otherwise. */
export async function newPage(browser: Browser, baseURL: string, options: { viewport?: { width: number; height: number } } = {}): Promise<Page> {
  const context = await browser.newContext({ baseURL, viewport: options.viewport ?? VIEWPORT, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  context.setDefaultTimeout(20_000);
  return context.newPage();
}

export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: options.fullPage ?? false, animations: 'disabled' });
}
