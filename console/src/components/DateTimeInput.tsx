import { DatePicker } from 'antd';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useI18n } from '../i18n/I18nProvider';

/** The form's value: a local date-time "2026-11-28T09:30", as `localInputToIso` reads it. */
const VALUE_FORMAT = 'YYYY-MM-DDTHH:mm';
/** What the clerk sees and types: a 24-hour clock and the year first, whatever the browser's own locale. */
export const DISPLAY_FORMAT = 'YYYY-MM-DD HH:mm';

/**
 * A date and time field for antd forms. The browser's own datetime-local input follows the
 * operating system's locale (a 12-hour US clock on many machines); this one always reads
 * YYYY-MM-DD HH:mm.
 */
export function DateTimeInput({ id, value, onChange }: { id?: string; value?: string; onChange?: (value: string) => void }) {
  const { language } = useI18n();
  const parsed = value ? dayjs(value) : null;
  return (
    <DatePicker
      id={id}
      showTime={{ format: 'HH:mm' }}
      format={DISPLAY_FORMAT}
      value={parsed?.isValid() ? parsed.locale(language === 'zh-CN' ? 'zh-cn' : 'en') : null}
      onChange={(next) => onChange?.(next ? next.format(VALUE_FORMAT) : '')}
      style={{ width: '100%', maxWidth: 240 }}
      allowClear={false}
    />
  );
}
