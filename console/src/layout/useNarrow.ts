import { Grid } from 'antd';

/**
 * A phone's screen (below antd's `md`, 768 px): one definition of "narrow" for every page, so that
 * the menu becomes a drawer, wide tables become cards and panels stack at the same width.
 */
export function useNarrow(): boolean {
  return Grid.useBreakpoint().md === false;
}
