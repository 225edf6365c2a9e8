import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Spin } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useAuth } from './AuthProvider';
import { AuthCard } from './AuthCard';
import { claimsOf } from './token';
import { finishSso } from './sso';
import { useI18n } from '../i18n/I18nProvider';
import { describeError } from '../components/problems';
import { ApiError } from '../api/problem';

/** Where the provider sends the browser back: the code becomes a token, the API says who it is. */
export function SsoCallback() {
  const { t } = useI18n();
  const { api, signIn } = useAuth();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  // The code works once: a second run of the effect (StrictMode) must not spend it again.
  const started = useRef(false);

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    void (async () => {
      try {
        const token = await finishSso(window.location.search);
        const who = await api.whoIs(token);
        const exp = claimsOf(token)?.exp;
        signIn({ token, role: who.role, sub: who.sub, hospitalId: who.hospitalId, exp: typeof exp === 'number' ? exp : null });
        navigate('/', { replace: true });
      } catch (cause) {
        setError(t('signIn.ssoFailed', { detail: cause instanceof ApiError ? describeError(t, cause) : (cause as Error).message }));
      }
    })();
  }, [api, navigate, signIn, t]);

  return (
    <AuthCard title={t('app.title')}>
      {error ? (
        <>
          <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />
          <Button onClick={() => navigate('/', { replace: true })}>{t('signIn.backToSignIn')}</Button>
        </>
      ) : (
        <Spin tip={t('signIn.ssoWorking')}>
          <div style={{ height: 80 }} />
        </Spin>
      )}
    </AuthCard>
  );
}
