import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';
import { forgetDrafts } from '../components/drafts';

// A page's first render after a lazy import can take seconds on a loaded two-core machine (CI shares
// it with servers): findBy… waits that long instead of the library's 1 s, and still fails when text never comes.
configure({ asyncUtilTimeout: 5_000 });

afterEach(() => {
  cleanup();
  // Each test is a fresh browser tab: nothing typed in one test is restored in the next.
  forgetDrafts();
  sessionStorage.clear();
  localStorage.clear();
});

// jsdom lacks these; antd's responsive grid and ECharts ask for them. The component tests run on a
// desk's screen (1366 px): a media query is answered for that width, so antd's breakpoints hold.
const SCREEN_WIDTH = 1366;
function matchesWidth(query: string): boolean {
  const min = /min-width:\s*(\d+(?:\.\d+)?)px/.exec(query);
  const max = /max-width:\s*(\d+(?:\.\d+)?)px/.exec(query);
  return (!min || SCREEN_WIDTH >= Number(min[1])) && (!max || SCREEN_WIDTH <= Number(max[1]));
}
window.matchMedia = (query: string) =>
  ({ matches: matchesWidth(query), media: query, onchange: null, addListener() {}, removeListener() {}, addEventListener() {}, removeEventListener() {}, dispatchEvent: () => false }) as MediaQueryList;
if (!globalThis.ResizeObserver) {
  globalThis.ResizeObserver = class {
    observe() {}
    unobserve() {}
    disconnect() {}
  } as unknown as typeof ResizeObserver;
}

// antd writes its styles at run time into <style> elements (CSS-in-JS), hundreds of rules per
// component. jsdom's getComputedStyle, which Testing Library calls for every role query to know
// what is visible, matches each element against all of them: about 20 ms a call, three quarters of
// the suite's time. The tests read no style a stylesheet gives (what antd hides, it hides inline
// or by leaving it out of the DOM), so the elements stay but are marked as not CSS, which jsdom
// does not apply.
// This file runs again for each test file in the same jsdom (vite.config.mts): patch once.
const NOT_APPLIED = 'text/x-not-applied-in-tests';
const patched = globalThis as { stylesNotApplied?: true };
if (!patched.stylesNotApplied) {
  patched.stylesNotApplied = true;
  for (const method of ['appendChild', 'insertBefore'] as const) {
    const original = Node.prototype[method] as (this: Node, ...args: unknown[]) => Node;
    Node.prototype[method] = function (this: Node, ...args: unknown[]) {
      if (args[0] instanceof HTMLStyleElement) args[0].setAttribute('type', NOT_APPLIED);
      return original.apply(this, args);
    } as never;
  }
}
