import { useState } from 'react';
import { App as AntApp, Button, Card, Form, Input, Select } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { SUBSIDY_PROGRAMS, type SubsidyProgram } from '@subsidy/programs';
import { useAuth } from '../auth/AuthProvider';
import { useI18n } from '../i18n/I18nProvider';
import { useLabels } from '../i18n/labels';
import { describeError } from '../components/problems';
import { currentMonth } from '../components/month';
import { saveCsv } from '../components/saveCsv';
import { useNarrow } from '../layout/useNarrow';

interface NoticeListForm {
  program: SubsidyProgram;
  month: string;
}

/**
 * The public-notice list (公示名单) of a month: the people whose subsidy was approved that month,
 * for the town's notice board, as a CSV file with ID numbers masked. For civil affairs and administrators.
 */
export function NoticeListCard() {
  const { t } = useI18n();
  const labels = useLabels();
  const { api } = useAuth();
  const { message } = AntApp.useApp();
  const narrow = useNarrow();
  const [loading, setLoading] = useState(false);

  const download = async ({ program, month }: NoticeListForm) => {
    setLoading(true);
    try {
      saveCsv(await api.noticeListCsv(program, month), `公示名单-${labels.subsidyProgram(program)}-${month}.csv`);
    } catch (error) {
      void message.error(describeError(t, error, labels.enrolmentStage));
    } finally {
      setLoading(false);
    }
  };

  return (
    <Card size="small" title={t('notice.title')}>
      <Form<NoticeListForm> layout={narrow ? 'vertical' : 'inline'} name="notice-list" initialValues={{ program: SUBSIDY_PROGRAMS[0], month: currentMonth() }} onFinish={(values) => void download(values)}>
        <Form.Item label={t('enrolment.program')} name="program" htmlFor="notice-program">
          <Select id="notice-program" style={{ width: narrow ? '100%' : 200 }} options={SUBSIDY_PROGRAMS.map((program) => ({ value: program, label: labels.subsidyProgram(program) }))} />
        </Form.Item>
        <Form.Item label={t('notice.month')} name="month" htmlFor="notice-month" rules={[{ pattern: /^\d{4}-(0[1-9]|1[0-2])$/, message: t('issue.month') }]}>
          <Input id="notice-month" style={{ width: narrow ? '100%' : 110 }} placeholder="2026-05" />
        </Form.Item>
        <Form.Item>
          <Button htmlType="submit" icon={<DownloadOutlined />} loading={loading} data-testid="notice-download">
            {t('notice.download')}
          </Button>
        </Form.Item>
      </Form>
    </Card>
  );
}
