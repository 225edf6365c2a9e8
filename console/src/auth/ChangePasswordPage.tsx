import { useState } from 'react';
import { Alert, App as AntApp, Button, Form, Input, Typography } from 'antd';
import { useAuth, useSession } from './AuthProvider';
import { readToken } from './token';
import { useI18n } from '../i18n/I18nProvider';
import { AuthCard } from './AuthCard';
import { describeError } from '../components/problems';
import { ApiError } from '../api/problem';

/** The API's rule: at least 12 characters, not the user name. Checked here first to spare a round trip. */
const MIN_LENGTH = 12;

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** The password change form; after it, the session is the fresh sign-in the API answers with. */
export function ChangePasswordForm({ onDone }: { onDone?: () => void }) {
  const { t } = useI18n();
  const { api, signIn } = useAuth();
  const session = useSession();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(values: Values) {
    setBusy(true);
    setError(null);
    try {
      const { accessToken, user } = await api.changePassword({ currentPassword: values.currentPassword, newPassword: values.newPassword });
      const next = readToken(accessToken);
      if (typeof next === 'string') throw new Error(next);
      signIn({ ...next, displayName: user.displayName });
      void message.success(t('password.done'));
      form.resetFields();
      onDone?.();
    } catch (cause) {
      const wrongCurrent = cause instanceof ApiError && cause.problem.errors?.some((issue) => issue.path === 'currentPassword');
      if (wrongCurrent) form.setFields([{ name: 'currentPassword', errors: [t('password.wrongCurrent')] }]);
      else setError(describeError(t, cause));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Form form={form} layout="vertical" onFinish={submit} style={{ maxWidth: 420 }}>
      <Form.Item label={t('password.current')} name="currentPassword" htmlFor="password-current" rules={[{ required: true, message: t('issue.required') }]}>
        <Input.Password id="password-current" autoComplete="current-password" />
      </Form.Item>
      <Form.Item
        label={t('password.new')}
        name="newPassword"
        htmlFor="password-new"
        extra={t('password.rule')}
        rules={[
          { required: true, message: t('issue.required') },
          { min: MIN_LENGTH, message: t('password.tooShort') },
          { validator: async (_, value?: string) => (value && value.trim().toLowerCase() === session.sub.toLowerCase() ? Promise.reject(new Error(t('password.sameAsUsername'))) : undefined) },
        ]}
      >
        <Input.Password id="password-new" autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        label={t('password.confirm')}
        name="confirm"
        htmlFor="password-confirm"
        dependencies={['newPassword']}
        rules={[
          { required: true, message: t('issue.required') },
          ({ getFieldValue }) => ({ validator: async (_, value?: string) => (value === getFieldValue('newPassword') ? undefined : Promise.reject(new Error(t('password.mismatch')))) }),
        ]}
      >
        <Input.Password id="password-confirm" autoComplete="new-password" />
      </Form.Item>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Button type="primary" htmlType="submit" loading={busy}>
        {t('password.submit')}
      </Button>
    </Form>
  );
}

/** Shown instead of the console while the password must be changed (first sign-in, after a reset). */
export function ForcedPasswordChangePage() {
  const { t } = useI18n();
  const { logOut } = useAuth();
  return (
    <AuthCard title={t('password.title')}>
      <Alert type="info" showIcon title={t('password.forced')} style={{ marginBottom: 16 }} />
      <ChangePasswordForm />
      <Button type="link" onClick={() => void logOut()} style={{ paddingLeft: 0, marginTop: 8 }}>
        {t('app.signOut')}
      </Button>
    </AuthCard>
  );
}

/** 修改密码 from the menu, any time. */
export function ChangePasswordPage() {
  const { t } = useI18n();
  return (
    <>
      <Typography.Title level={3}>{t('password.title')}</Typography.Title>
      <ChangePasswordForm />
    </>
  );
}
