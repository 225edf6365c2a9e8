import { Segmented } from 'antd';
import { useI18n, type Language } from '../i18n/I18nProvider';

/** 中文 / English; `compact` on a phone's one-line header: 中 / EN, the names still read aloud in full. */
export function LanguageSwitch({ compact = false }: { compact?: boolean }) {
  const { language, setLanguage, t } = useI18n();
  return (
    <Segmented<Language>
      aria-label={t('app.language')}
      data-testid="language-switch"
      size="small"
      value={language}
      onChange={setLanguage}
      options={[
        { value: 'zh-CN', label: <span aria-label="中文">{compact ? '中' : '中文'}</span> },
        { value: 'en-US', label: <span aria-label="English" lang="en">{compact ? 'EN' : 'English'}</span> },
      ]}
    />
  );
}
