/**
 * What every browser test needs: the stack (started by run.ts once for all files, or here when a
 * file runs alone), Chromium, and tokens. Tokens come from `npm run token` with the stack's DATA_DIR.
 */
import { launchChromium, newPage, type Browser, type Page } from './browser';
import { mintToken, startStack, type E2ERole, type Stack } from './stack';
import { StackApi } from './api';

export const E2E_STAGE_SLA = { AWAITING_ADMISSION: '20s' };

export interface E2EContext {
  baseUrl: string;
  temporalUiUrl: string;
  browser: Browser;
  officer: StackApi;
  hospital: StackApi;
  admin: StackApi;
  token(role: E2ERole, sub: string, hospitalId?: string): Promise<string>;
  page(options?: { viewport?: { width: number; height: number } }): Promise<Page>;
  close(): Promise<void>;
}

export async function e2eContext(): Promise<E2EContext> {
  let stack: Stack | undefined;
  let env: NodeJS.ProcessEnv = process.env;
  let baseUrl = process.env.E2E_BASE_URL;
  let temporalUiUrl = process.env.E2E_TEMPORAL_UI_URL ?? 'http://localhost:8233';
  if (!baseUrl) {
    stack = await startStack({ stageSla: E2E_STAGE_SLA });
    env = stack.env;
    baseUrl = stack.baseUrl;
    temporalUiUrl = stack.temporalUiUrl;
  }
  const token = (role: E2ERole, sub: string, hospitalId?: string) => mintToken(env, role, sub, hospitalId);
  const browser = await launchChromium();
  const url = baseUrl;
  return {
    baseUrl: url,
    temporalUiUrl,
    browser,
    officer: new StackApi(url, await token('officer', 'e2e-officer')),
    hospital: new StackApi(url, await token('hospital', 'e2e-clerk', 'wuwei-hand-foot')),
    admin: new StackApi(url, await token('admin', 'e2e-admin')),
    token,
    page: (options) => newPage(browser, url, options),
    async close() {
      await browser.close();
      await stack?.stop();
    },
  };
}

/** Signs in the way a clerk does: pastes the token on the sign-in page. */
export async function signInWithToken(page: Page, token: string): Promise<void> {
  await page.goto('/');
  // The token sign-in is the sign-in page's secondary tab (user name and password come first).
  await page.getByRole('tab', { name: '令牌登录（开发）' }).click();
  await page.getByLabel('访问令牌').fill(token);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.getByTestId('signed-in-as').waitFor();
}

/** Polls `check` until it holds (the cascade and the projections move on their own). */
export async function eventually<T>(check: () => Promise<T | undefined | false>, what: string, timeoutMs = 60_000, everyMs = 1_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}
