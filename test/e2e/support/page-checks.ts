/**
 * Checks run on a whole rendered page: nothing wider than the screen, and no English in the
 * Chinese console. The page's code is passed as text (the tests' tsconfig has no DOM types).
 */
import type { Page } from './browser';

/** How wide the page is, and the outermost elements past the screen's right edge (what sticks out). */
export function overflow(page: Page, screen: number): Promise<{ width: number; past: string[] }> {
  return page.evaluate<{ width: number; past: string[] }>(`(() => {
    const past = [...document.querySelectorAll('body *')].filter((el) => {
      const box = el.getBoundingClientRect();
      // Hidden and zero-sized elements (closed drawers, screen-reader text) are not on the screen.
      return box.width > 0 && box.height > 0 && box.right > ${screen} + 2 && getComputedStyle(el).visibility !== 'hidden';
    });
    return {
      width: document.documentElement.scrollWidth,
      past: past
        .filter((el) => !past.includes(el.parentElement))
        .slice(0, 5)
        .map((el) => el.tagName.toLowerCase() + '.' + [...el.classList].join('.') + ' (' + Math.round(el.getBoundingClientRect().right) + ' px)'),
    };
  })()`);
}

/**
 * Runs of Latin letters that a clerk reads on the page, less what is meant to be Latin: the
 * language switch (it names English in English), and whatever `allowed` matches — case numbers,
 * admission numbers, policy versions, user names and other identifiers the data itself holds.
 */
export async function latinRuns(page: Page, allowed: readonly RegExp[]): Promise<string[]> {
  const text = await page.evaluate<string>(`(() => {
    const clone = document.body.cloneNode(true);
    for (const el of clone.querySelectorAll('[data-testid="language-switch"], script, style, noscript, [aria-hidden="true"]')) el.remove();
    // innerText of a detached clone is its textContent: take the attached body's visible text instead,
    // less the parts removed above, by hiding them for the moment of reading.
    const hidden = [...document.querySelectorAll('[data-testid="language-switch"]')];
    for (const el of hidden) el.style.display = 'none';
    const visible = document.body.innerText;
    for (const el of hidden) el.style.display = '';
    return visible;
  })()`);
  let rest = text;
  for (const pattern of allowed) rest = rest.replace(new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`), ' ');
  return [...new Set(rest.match(/[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]/g) ?? [])];
}
