import { PrinterOutlined } from '@ant-design/icons';
import { App as AntApp, Button } from 'antd';
import { useState } from 'react';
import { describeError } from '../components/problems';
import { useAuth } from '../auth/AuthProvider';
import { useI18n } from '../i18n/I18nProvider';
import { useLabels } from '../i18n/labels';

/**
 * Opens the settlement sheet of a settled case in a new tab, ready to print. The sheet needs the
 * bearer token, so it is fetched here (in the console's language) and shown from a blob URL; the
 * tab is opened at the click itself so that a popup blocker lets it through.
 */
export function SettlementSheetButton({ caseId }: { caseId: string }) {
  const { t } = useI18n();
  const labels = useLabels();
  const { api } = useAuth();
  const { message } = AntApp.useApp();
  const [loading, setLoading] = useState(false);

  const open = async () => {
    const tab = globalThis.open?.('', '_blank');
    setLoading(true);
    try {
      const html = await api.settlementSheet(caseId);
      const url = URL.createObjectURL(new Blob([html], { type: 'text/html;charset=utf-8' }));
      if (tab) tab.location.href = url;
      else globalThis.location.assign(url);
    } catch (error) {
      tab?.close();
      void message.error(describeError(t, error, labels.stage));
    } finally {
      setLoading(false);
    }
  };

  return (
    <Button icon={<PrinterOutlined />} loading={loading} onClick={() => void open()} data-testid="settlement-sheet">
      {t('case.settlementSheet')}
    </Button>
  );
}
