import { AutoComplete, Form, Input } from 'antd';
import { useAuth, useSession } from '../../auth/AuthProvider';
import { useI18n } from '../../i18n/I18nProvider';
import { useAsync } from '../../components/useAsync';

/**
 * The official a pairing is given to: their account (the `sub` of their token), name and work unit.
 * An administrator, who may read the accounts, picks from the `official` accounts (the name comes
 * with it); an officer types the account as the official gave it.
 */
export function OfficialFields({ idPrefix }: { idPrefix: string }) {
  const { t } = useI18n();
  const { api } = useAuth();
  const session = useSession();
  const form = Form.useFormInstance();
  const accounts = useAsync(async (signal) => (session.role === 'admin' ? (await api.users(signal)).items.filter((user) => user.role === 'official' && !user.disabled) : []), [session.role]);
  const officials = accounts.data ?? [];
  return (
    <>
      <Form.Item label={t('pairing.field.officialSub')} name={['official', 'sub']} htmlFor={`${idPrefix}-official-sub`}>
        {officials.length > 0 ? (
          <AutoComplete
            id={`${idPrefix}-official-sub`}
            options={officials.map((user) => ({ value: user.username, label: `${user.displayName}（${user.username}）` }))}
            filterOption={(typed, option) => String(option?.label ?? '').toLowerCase().includes(typed.toLowerCase())}
            onSelect={(username: string) => {
              const chosen = officials.find((user) => user.username === username);
              if (chosen) form.setFieldValue(['official', 'name'], chosen.displayName);
            }}
          />
        ) : (
          <Input id={`${idPrefix}-official-sub`} autoComplete="off" />
        )}
      </Form.Item>
      <Form.Item label={t('pairing.field.officialName')} name={['official', 'name']} htmlFor={`${idPrefix}-official-name`}>
        <Input id={`${idPrefix}-official-name`} />
      </Form.Item>
      <Form.Item label={t('pairing.field.officialUnit')} name={['official', 'unit']} htmlFor={`${idPrefix}-official-unit`}>
        <Input id={`${idPrefix}-official-unit`} />
      </Form.Item>
    </>
  );
}

export const OFFICIAL_FIELD_PATHS = ['official', 'official.sub', 'official.name', 'official.unit'] as const;

export interface OfficialValues {
  official?: { sub?: string; name?: string; unit?: string };
}

export function officialOf(values: OfficialValues) {
  return { sub: values.official?.sub ?? '', name: values.official?.name ?? '', unit: values.official?.unit ?? '' };
}
