import type { CSSProperties } from 'react';
import { Button, Space, Typography } from 'antd';
import { useI18n } from '../i18n/I18nProvider';
import type { AsyncState } from './useAsync';
import type { CursorTrail } from './useCursorTrail';

/**
 * 上一页 · 第 N 页 · 下一页 (· 刷新) under a cursor-paged list. Both steps wait while a page loads:
 * until it arrives, the only next cursor at hand is the old page's, and 下一页 would ask again for the page on its way.
 */
export function CursorPager({
  trail,
  list,
  refreshable = true,
  style,
}: {
  trail: CursorTrail;
  list: AsyncState<{ nextCursor: string | null }>;
  /** Whether a 刷新 button reads the page again (a table inside a page that refreshes itself needs none). */
  refreshable?: boolean;
  style?: CSSProperties;
}) {
  const { t } = useI18n();
  return (
    <Space wrap style={style}>
      <Button disabled={trail.page === 0 || list.loading} onClick={trail.previous}>
        {t('list.previous')}
      </Button>
      <Typography.Text type="secondary">{t('list.page', { page: trail.page + 1 })}</Typography.Text>
      <Button disabled={!list.data?.nextCursor || list.loading} onClick={() => trail.next(list.data?.nextCursor ?? null)}>
        {t('list.next')}
      </Button>
      {refreshable && <Button onClick={list.reload}>{t('list.refresh')}</Button>}
    </Space>
  );
}
