import type { ReactNode } from 'react';
import { Button, Space, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n/I18nProvider';

/**
 * The head of a page about one record (a case, an enrolment, a payroll): its title with its stage
 * and badges (`children`) on the left; on the right what the page offers for the whole record
 * (`actions`) and 刷新. On a phone the right side wraps below.
 */
export function RecordHeader({ title, actions, onRefresh, children }: { title: string; actions?: ReactNode; onRefresh: () => void; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', flexWrap: 'wrap', gap: 8 }}>
      <Space align="center" wrap>
        <Typography.Title level={3} style={{ margin: 0, wordBreak: 'break-all' }}>
          {title}
        </Typography.Title>
        {children}
      </Space>
      <Space wrap>
        {actions}
        <Button icon={<ReloadOutlined />} onClick={onRefresh}>
          {t('list.refresh')}
        </Button>
      </Space>
    </div>
  );
}
