/** Accounts in the browser: the password sign-in and the forced change of a one-time password. */
import type { Page } from './browser';

let accountSerial = 0;
export function uniqueUsername(prefix: string): string {
  accountSerial += 1;
  return `${prefix}-${Date.now().toString(36)}-${accountSerial}`;
}

/** A form field by its whole label (antd puts a "*" before a required one's name). */
export function field(page: Page, label: string) {
  return page.getByLabel(new RegExp(`^(\\*\\s*)?${label}$`));
}

/** The real sign-in page: user name and password (the first tab). */
export async function signInWithPassword(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/');
  await page.getByRole('tab', { name: '用户名密码登录' }).click();
  await field(page, '用户名').fill(username);
  await field(page, '密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
}
