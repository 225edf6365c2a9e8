import { useNarrow } from '../layout/useNarrow';
import { forScreen } from '../layout/deskColumns';
import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Skeleton, Space, Table, Typography } from 'antd';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { formatYuan } from '@domain/money';
import type { PersonDetail } from '../api/types';
import { useAuth } from '../auth/AuthProvider';
import { useI18n } from '../i18n/I18nProvider';
import { useLabels } from '../i18n/labels';
import { useAsync } from '../components/useAsync';
import { describeError } from '../components/problems';
import { formatDateTime } from '../components/datetime';
import type { MessageKey } from '../i18n/zh-CN';
import { LifeEventModal } from './LifeEventModal';
import { ApplyEnrolmentModal } from '../enrolments/ApplyEnrolmentModal';
import { mayTake } from '../enrolments/whoMay';
import { useSession } from '../auth/AuthProvider';

/** Where a program's item of the person is shown: a case, an enrolment; a pairing has no page yet. */
function pathOf(program: Program): string | undefined {
  if (program.program === 'SURGERY') return `/cases/${encodeURIComponent(program.id)}`;
  if (program.program === 'NURSING_SUBSIDY' || program.program === 'LIVING_SUBSIDY') return `/enrolments/${encodeURIComponent(program.id)}`;
  return undefined;
}

type Program = PersonDetail['programs'][number];

/** 人员信息: who the person is, their status, and every program they are in, newest first, with its money. */
export function PersonPage() {
  const { personId = '' } = useParams();
  const { t, language } = useI18n();
  const labels = useLabels();
  const narrow = useNarrow();
  const { api } = useAuth();
  const person = useAsync((signal) => api.getPerson(personId, signal), [personId]);
  const { message } = App.useApp();
  const [recording, setRecording] = useState(false);
  const [applying, setApplying] = useState(false);
  const session = useSession();
  const navigate = useNavigate();

  if (person.error !== undefined) return <Alert type="error" showIcon title={describeError(t, person.error, labels.stage)} />;
  if (!person.data) return <Skeleton active />;
  const p = person.data;
  const disability = p.disability
    ? t('person.disabilityValue', {
        category: t(`disability.${p.disability.category}` as MessageKey),
        grade: p.disability.grade,
        certificateNo: p.disability.certificateNo,
        care: p.disability.longTermCare ? t('person.longTermCare') : '',
      })
    : t('person.disabilityNone');

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('person.title')} · {p.name}
        </Typography.Title>
        {p.status === 'ACTIVE' && (
          <Space wrap>
            {mayTake('apply', session.role) && <Button onClick={() => setApplying(true)}>{t('enrolment.apply')}</Button>}
            <Button onClick={() => setRecording(true)}>{t('lifeEvents.button')}</Button>
          </Space>
        )}
      </div>
      {applying && (
        <ApplyEnrolmentModal
          person={p}
          onClose={() => setApplying(false)}
          onApplied={(view) => {
            setApplying(false);
            void message.success(t('done.applied', { enrolmentId: view.enrolmentId }));
            navigate(`/enrolments/${encodeURIComponent(view.enrolmentId)}`);
          }}
        />
      )}
      {recording && (
        <LifeEventModal
          person={p}
          onClose={() => setRecording(false)}
          onRecorded={(result) => {
            setRecording(false);
            void message.success(t('lifeEvents.done', { count: result.effects.length }));
            person.reload();
          }}
        />
      )}
      <Card size="small">
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={t('field.name')}>{p.name}</Descriptions.Item>
          <Descriptions.Item label={t('field.idNumber')}>{p.idNumber}</Descriptions.Item>
          <Descriptions.Item label={t('field.phone')}>{p.phone ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('field.town')}>{[p.town, p.village].filter(Boolean).join(' · ')}</Descriptions.Item>
          <Descriptions.Item label={t('field.assistanceCategory')}>{labels.category(p.assistanceCategory)}</Descriptions.Item>
          <Descriptions.Item label={t('person.disability')}>{disability}</Descriptions.Item>
          <Descriptions.Item label={t('person.status')}>
            <span data-testid="person-status">{t(`person.status.${p.status}` as MessageKey)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('person.statusSince')}>{formatDateTime(p.statusSince, language)}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" title={t('person.programs')}>
        <Table<Program>
          rowKey={(program) => `${program.program}/${program.id}`}
          size="small"
          dataSource={p.programs}
          pagination={false}
          locale={{ emptyText: t('person.noPrograms') }}
          columns={forScreen<Program>(narrow, [
            // On a phone: the case (its number links to it), the stage and what was paid.
            { title: t('person.program'), deskOnly: true, render: (_, program) => t(`program.${program.program}` as MessageKey) },
            {
              title: t('person.programId'),
              render: (_, program) => {
                const path = pathOf(program);
                return path ? <Link style={{ wordBreak: 'break-all' }} to={path}>{program.id}</Link> : program.id;
              },
            },
            // Stage names are each program's own: a subsidy's WITHDRAWN is not a case's.
            { title: t('field.stage'), render: (_, program) => (program.program === 'SURGERY' ? labels.stage(program.stage) : labels.enrolmentStage(program.stage)) },
            { title: t('person.openedAt'), deskOnly: true, render: (_, program) => formatDateTime(program.openedAt, language) },
            { title: t('person.closedAt'), deskOnly: true, render: (_, program) => (program.closedAt ? formatDateTime(program.closedAt, language) : '—') },
            { title: t('person.paid'), align: 'right', render: (_, program) => <span style={{ whiteSpace: 'nowrap' }}>{formatYuan(program.paidFen)}</span> },
          ])}
        />
      </Card>
    </Space>
  );
}
