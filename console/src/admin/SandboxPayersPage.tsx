import { useNarrow } from '../layout/useNarrow';
import { forScreen } from '../layout/deskColumns';
import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Form, InputNumber, Radio, Space, Table, Tag, Typography } from 'antd';
import { PAYERS, type Payer } from '@surgery/stages';
import type { SandboxPayerSetting } from '../api/types';
import { ApiError } from '../api/problem';
import { useAuth } from '../auth/AuthProvider';
import { useI18n } from '../i18n/I18nProvider';
import { useLabels } from '../i18n/labels';
import { describeError } from '../components/problems';

const MODE_COLORS = { up: 'green', down: 'red', flaky: 'orange' } as const;

/**
 * The sandbox payers' switches. The current settings come from
 * `GET /v1/admin/sandbox/payers` when the server offers it, else "unknown" says so instead of guessing "up".
 */
function PayerRow({ payer, applied, onApplied, title }: { payer: Payer; applied: SandboxPayerSetting | undefined; onApplied: (setting: SandboxPayerSetting) => void; title?: string }) {
  const { t } = useI18n();
  const narrow = useNarrow();
  const labels = useLabels();
  const { api } = useAuth();
  const { message } = App.useApp();
  const [form] = Form.useForm<SandboxPayerSetting>();
  const mode = Form.useWatch('mode', form);
  useEffect(() => {
    if (applied) form.setFieldsValue(applied);
  }, [applied, form]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function apply(values: SandboxPayerSetting) {
    setBusy(true);
    setError(null);
    try {
      const setting = await api.setSandboxPayer(payer, { mode: values.mode, failureRate: values.mode === 'flaky' ? (values.failureRate ?? 0.5) : 0, latencyMs: values.latencyMs ?? 0 });
      onApplied(setting ?? values);
      void message.success(t('payers.applied', { payer: labels.payer(payer) }));
    } catch (cause) {
      setError(cause instanceof ApiError && cause.status === 404 ? t('payers.notSandbox') : describeError(t, cause));
    } finally {
      setBusy(false);
    }
  }

  const id = payer.toLowerCase();
  return (
    <Form form={form} layout={narrow ? 'vertical' : 'inline'} name={`payer-${id}`} initialValues={{ mode: 'up', failureRate: 0.5, latencyMs: 0 }} onFinish={apply} aria-label={labels.payer(payer)}>
      {title && <Typography.Text strong>{title}</Typography.Text>}
      <Form.Item name="mode" label={t('payers.mode')}>
        <Radio.Group
          optionType="button"
          options={[
            { value: 'up', label: t('payers.up') },
            { value: 'down', label: t('payers.down') },
            { value: 'flaky', label: t('payers.flaky') },
          ]}
        />
      </Form.Item>
      <Form.Item name="failureRate" label={t('payers.failureRate')} htmlFor={`${id}-rate`}>
        <InputNumber id={`${id}-rate`} min={0} max={1} step={0.1} disabled={mode !== 'flaky'} style={{ width: 80 }} />
      </Form.Item>
      <Form.Item name="latencyMs" label={t('payers.latency')} htmlFor={`${id}-latency`}>
        <InputNumber id={`${id}-latency`} min={0} max={60000} step={100} style={{ width: 100 }} />
      </Form.Item>
      <Form.Item>
        <Button htmlType="submit" loading={busy} aria-label={t('payers.applyFor', { payer: labels.payer(payer) })}>
          {t('payers.apply')}
        </Button>
      </Form.Item>
      <span data-testid={`payer-state-${payer}`}>{applied ? <Tag color={MODE_COLORS[applied.mode]}>{t(`payers.${applied.mode}`)}</Tag> : <Tag>{t('payers.unknown')}</Tag>}</span>
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 8, width: '100%' }} />}
    </Form>
  );
}

export function SandboxPayersPage() {
  const { t } = useI18n();
  const narrow = useNarrow();
  const labels = useLabels();
  const { api } = useAuth();
  const [applied, setApplied] = useState<Partial<Record<Payer, SandboxPayerSetting>>>({});
  useEffect(() => {
    const controller = new AbortController();
    api
      .sandboxPayers(controller.signal)
      .then(({ items }) => setApplied(Object.fromEntries(items.map(({ payer, mode, failureRate, latencyMs }) => [payer, { mode, failureRate, latencyMs }]))))
      .catch(() => undefined);
    return () => controller.abort();
  }, [api]);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('payers.title')}
      </Typography.Title>
      <Alert type="info" showIcon title={t('payers.help')} />
      <Card size="small">
        <Table
          rowKey="payer"
          pagination={false}
          dataSource={PAYERS.map((payer, index) => ({ payer, index }))}
          columns={forScreen<{ payer: Payer; index: number }>(narrow, [
            // On a phone the setting's column holds the payer's name too.
            { title: t('money.order'), width: 56, deskOnly: true, render: (_, row) => row.index + 1 },
            { title: t('money.payer'), width: 200, deskOnly: true, render: (_, row) => labels.payer(row.payer) },
            { title: t('payers.setting'), render: (_, row) => <PayerRow title={narrow ? `${row.index + 1}. ${labels.payer(row.payer)}` : undefined} payer={row.payer} applied={applied[row.payer]} onApplied={(setting) => setApplied((all) => ({ ...all, [row.payer]: setting }))} /> },
          ])}
        />
      </Card>
    </Space>
  );
}
