import { useState } from 'react';
import { Alert, Checkbox, Form, Input, InputNumber, Modal, Select, Typography } from 'antd';
import type { NewLifeEventInput } from '@domain/life-events';
import { LIFE_EVENT_TYPES } from '@domain/life-events';
import { DISABILITY_CATEGORIES, type LifeEventResult } from '@domain/persons';
import { ASSISTANCE_CATEGORIES } from '@domain/fields';
import type { PersonDetail } from '../api/types';
import { useAuth } from '../auth/AuthProvider';
import { useI18n } from '../i18n/I18nProvider';
import { useLabels } from '../i18n/labels';
import { describeError } from '../components/problems';
import type { MessageKey } from '../i18n/zh-CN';
import { fittingModal } from '../components/fittingModal';
import { useNarrow } from '../layout/useNarrow';

interface FormValues {
  type: NewLifeEventInput['type'];
  on: string;
  assistanceCategory?: NewLifeEventInput['assistanceCategory'];
  noDisability?: boolean;
  certificateNo?: string;
  category?: (typeof DISABILITY_CATEGORIES)[number];
  grade?: number;
  longTermCare?: boolean;
}

function bodyOf(values: FormValues, eventId: string): NewLifeEventInput {
  const base = { eventId, type: values.type, on: values.on };
  if (values.type === 'ASSISTANCE_CHANGED') return { ...base, assistanceCategory: values.assistanceCategory };
  if (values.type === 'DISABILITY_CHANGED') {
    return {
      ...base,
      disability: values.noDisability ? null : { certificateNo: values.certificateNo ?? '', category: values.category!, grade: values.grade ?? 1, longTermCare: values.longTermCare ?? false },
    };
  }
  return base;
}

/**
 * 登记状况变化: fill in, then confirm what it will do (a death or a move withdraws an open case
 * before discharge). One eventId per opening of the form, so sending again after a lost answer
 * applies the event once.
 */
export function LifeEventModal({ person, onClose, onRecorded }: { person: PersonDetail; onClose: () => void; onRecorded: (result: LifeEventResult) => void }) {
  const narrow = useNarrow();
  const { t } = useI18n();
  const labels = useLabels();
  const { api } = useAuth();
  const [form] = Form.useForm<FormValues>();
  const [eventId] = useState(() => `LE-${crypto.randomUUID()}`);
  const [confirming, setConfirming] = useState<FormValues | undefined>(undefined);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const type = Form.useWatch('type', form);
  const noDisability = Form.useWatch('noDisability', form);
  const typeName = (value: string) => t(`lifeEvent.${value}` as MessageKey);

  async function ok() {
    if (!confirming) {
      setConfirming(await form.validateFields());
      return;
    }
    setSending(true);
    setError(undefined);
    try {
      onRecorded(await api.recordLifeEvent(person.personId, bodyOf(confirming, eventId)));
    } catch (cause) {
      setError(cause);
    } finally {
      setSending(false);
    }
  }

  const ending = confirming && (confirming.type === 'DIED' || confirming.type === 'MOVED_OUT');
  return (
    <Modal {...fittingModal(narrow)}
      open
      title={t('lifeEvents.title', { name: person.name })}
      okText={confirming ? t('lifeEvents.confirm') : t('lifeEvents.next')}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: Boolean(ending), loading: sending }}
      onOk={() => void ok()}
      onCancel={confirming && !sending ? () => setConfirming(undefined) : onClose}
    >
      <Form form={form} layout="vertical" disabled={confirming !== undefined} initialValues={{ type: 'DIED' }}>
        <Form.Item name="type" label={t('lifeEvents.type')} rules={[{ required: true, message: t('issue.required') }]}>
          <Select options={LIFE_EVENT_TYPES.map((value) => ({ value, label: typeName(value) }))} />
        </Form.Item>
        <Form.Item name="on" label={t('lifeEvents.on')} rules={[{ required: true, message: t('issue.required') }]}>
          <Input type="date" data-testid="life-event-on" />
        </Form.Item>
        {type === 'ASSISTANCE_CHANGED' && (
          <Form.Item name="assistanceCategory" label={t('field.assistanceCategory')} rules={[{ required: true, message: t('issue.required') }]}>
            <Select options={ASSISTANCE_CATEGORIES.map((value) => ({ value, label: labels.category(value) }))} />
          </Form.Item>
        )}
        {type === 'DISABILITY_CHANGED' && (
          <>
            <Form.Item name="noDisability" valuePropName="checked">
              <Checkbox>{t('lifeEvents.noDisability')}</Checkbox>
            </Form.Item>
            {!noDisability && (
              <>
                <Form.Item name="certificateNo" label={t('field.disabilityCertificate')} rules={[{ required: true, message: t('issue.required') }]}>
                  <Input maxLength={64} />
                </Form.Item>
                <Form.Item name="category" label={t('person.disability')} rules={[{ required: true, message: t('issue.required') }]}>
                  <Select options={DISABILITY_CATEGORIES.map((value) => ({ value, label: t(`disability.${value}` as MessageKey) }))} />
                </Form.Item>
                <Form.Item name="grade" label={t('lifeEvents.grade')} rules={[{ required: true, message: t('issue.required') }]}>
                  <InputNumber min={1} max={4} precision={0} />
                </Form.Item>
                <Form.Item name="longTermCare" valuePropName="checked">
                  <Checkbox>{t('lifeEvents.longTermCare')}</Checkbox>
                </Form.Item>
              </>
            )}
          </>
        )}
      </Form>
      {confirming && (
        <Alert
          type={ending ? 'warning' : 'info'}
          showIcon
          title={t('lifeEvents.confirmTitle', { event: typeName(confirming.type), on: confirming.on, name: person.name })}
          description={<Typography.Text data-testid="life-event-consequence">{t(ending ? 'lifeEvents.consequenceEnding' : 'lifeEvents.consequenceRecorded')}</Typography.Text>}
        />
      )}
      {error !== undefined && <Alert style={{ marginTop: 12 }} type="error" showIcon title={describeError(t, error, labels.stage)} />}
    </Modal>
  );
}
