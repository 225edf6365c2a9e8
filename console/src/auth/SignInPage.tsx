import { useState } from 'react';
import { Alert, Button, Form, Input, Select, Tabs, Typography } from 'antd';
import { useAuth } from './AuthProvider';
import { readToken } from './token';
import { useI18n } from '../i18n/I18nProvider';
import { AuthCard } from './AuthCard';
import { startSso } from './sso';
import { LoginOutlined } from '@ant-design/icons';
import { useAsync } from '../components/useAsync';
import { describeError } from '../components/problems';
import { ApiError } from '../api/problem';
import { useHospitals } from '../components/hospitals';
import { hasDrafts } from '../components/drafts';
import type { Role } from '../api/types';

/** 用户名密码登录 first; the developer's token paste and dev sign-in stay as secondary tabs. */
export function SignInPage() {
  const { t } = useI18n();
  const { api, sessionEnded } = useAuth();
  const methods = useAsync((signal) => api.signInMethods(signal), []);
  const sso = methods.data?.sso ?? null;
  // Until the server has said (or if it cannot), the developer tabs stay: they are refused by a production server anyway.
  const devSignIn = methods.data?.devSignIn ?? true;
  return (
    <AuthCard title={t('app.title')}>
      {sessionEnded && <Alert type="warning" showIcon title={t('signIn.sessionEnded')} description={hasDrafts() ? t('signIn.draftKept') : undefined} style={{ marginBottom: 16 }} />}
      <Tabs
        items={[
          { key: 'password', label: t('signIn.passwordTab'), children: <PasswordSignIn /> },
          ...(devSignIn
            ? [
                { key: 'token', label: t('signIn.tokenTab'), children: <TokenSignIn /> },
                { key: 'dev', label: t('signIn.devTab'), children: <DevSignIn /> },
              ]
            : []),
        ]}
      />
      {sso && (
        <Button block icon={<LoginOutlined />} onClick={() => void startSso(sso)} style={{ marginTop: 8 }}>
          {t('signIn.sso')}
        </Button>
      )}
    </AuthCard>
  );
}

function PasswordSignIn() {
  const { t } = useI18n();
  const { api, signIn } = useAuth();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(values: { username: string; password: string }) {
    setBusy(true);
    setError(null);
    try {
      const { accessToken, user } = await api.signIn({ username: values.username.trim(), password: values.password });
      const session = readToken(accessToken);
      if (typeof session === 'string') setError(t(`signIn.tokenProblem.${session}`));
      else signIn({ ...session, displayName: user.displayName });
    } catch (cause) {
      setError(describeError(t, cause));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Form layout="vertical" onFinish={submit}>
      <Typography.Paragraph type="secondary">{t('signIn.intro')}</Typography.Paragraph>
      <Form.Item label={t('signIn.username')} name="username" htmlFor="sign-in-username" rules={[{ required: true, whitespace: true, message: t('signIn.usernameMissing') }]}>
        <Input id="sign-in-username" autoComplete="username" autoCapitalize="none" autoFocus spellCheck={false} />
      </Form.Item>
      <Form.Item label={t('signIn.password')} name="password" htmlFor="sign-in-password" rules={[{ required: true, message: t('signIn.passwordMissing') }]}>
        <Input.Password id="sign-in-password" autoComplete="current-password" />
      </Form.Item>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Button type="primary" htmlType="submit" loading={busy} block>
        {t('signIn.submit')}
      </Button>
    </Form>
  );
}

function TokenSignIn() {
  const { t } = useI18n();
  const { signIn } = useAuth();
  const [error, setError] = useState<string | null>(null);
  return (
    <Form
      layout="vertical"
      onFinish={({ token }: { token: string }) => {
        const session = readToken(token ?? '');
        if (typeof session === 'string') setError(t(`signIn.tokenProblem.${session}`));
        else signIn(session);
      }}
    >
      <Typography.Paragraph type="secondary">{t('signIn.tokenIntro')}</Typography.Paragraph>
      <Form.Item label={t('signIn.token')} name="token" htmlFor="sign-in-token" rules={[{ required: true, message: t('signIn.tokenMissing') }]} extra={t('signIn.tokenHelp')}>
        <Input.TextArea id="sign-in-token" rows={4} spellCheck={false} />
      </Form.Item>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Button type="primary" htmlType="submit" block>
        {t('signIn.submit')}
      </Button>
    </Form>
  );
}

function DevSignIn() {
  const { t } = useI18n();
  const { api, signIn } = useAuth();
  const hospitals = useHospitals();
  const [form] = Form.useForm<{ role: Role; hospitalId?: string }>();
  const role = Form.useWatch('role', form);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(values: { role: Role; hospitalId?: string }) {
    setBusy(true);
    setError(null);
    try {
      // The server names the user dev-<role>: a development token names nobody.
      const { token } = await api.devToken({ role: values.role, hospitalId: values.role === 'hospital' ? values.hospitalId : undefined });
      const session = readToken(token);
      if (typeof session === 'string') setError(t(`signIn.tokenProblem.${session}`));
      else signIn(session);
    } catch (cause) {
      setError(cause instanceof ApiError && cause.status === 404 ? t('signIn.devUnavailable') : describeError(t, cause));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Form form={form} layout="vertical" initialValues={{ role: 'officer' }} onFinish={submit}>
      <Alert type="warning" showIcon title={t('signIn.devWarning')} style={{ marginBottom: 16 }} />
      <Form.Item label={t('signIn.role')} name="role" htmlFor="dev-role">
        <Select id="dev-role" options={(['officer', 'hospital', 'admin'] as const).map((value) => ({ value, label: t(`role.${value}`) }))} />
      </Form.Item>
      {role === 'hospital' && (
        <Form.Item label={t('field.hospital')} name="hospitalId" htmlFor="dev-hospital" rules={[{ required: true, message: t('issue.required') }]}>
          <Select id="dev-hospital" showSearch={{ optionFilterProp: 'label' }} options={hospitals.list.map((h) => ({ value: h.id, label: h.name }))} />
        </Form.Item>
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Button type="primary" htmlType="submit" loading={busy} block>
        {t('signIn.devSubmit')}
      </Button>
    </Form>
  );
}
