import { Button, Form, Select, Space, type SelectProps } from 'antd';
import { useI18n } from '../i18n/I18nProvider';

/**
 * Overdue or not, as the list filters ask it: 'true' / 'false' (the address's words), or cleared for either.
 * Inside a `Form.Item` that names the field; the item hands it its value and onChange.
 */
export function OverdueSelect(props: SelectProps<string>) {
  const { t } = useI18n();
  return (
    <Select
      allowClear
      placeholder={t('list.any')}
      options={[
        { value: 'true', label: t('list.overdueOnly') },
        { value: 'false', label: t('list.notOverdue') },
      ]}
      {...props}
    />
  );
}

/** 查询 submits the filter form; 重置 is the page's, which knows its fields and clears them. */
export function FilterButtons({ onReset }: { onReset: () => void }) {
  const { t } = useI18n();
  return (
    <Form.Item>
      <Space>
        <Button type="primary" htmlType="submit">
          {t('list.search')}
        </Button>
        <Button onClick={onReset}>{t('list.reset')}</Button>
      </Space>
    </Form.Item>
  );
}
