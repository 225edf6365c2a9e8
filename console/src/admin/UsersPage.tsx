import { useState } from 'react';
import { Alert, App as AntApp, Button, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import type { NewUserInput, Role, UserAccount } from '../api/types';
import { useAuth, useSession } from '../auth/AuthProvider';
import { useI18n } from '../i18n/I18nProvider';
import { useAsync } from '../components/useAsync';
import { describeError, describeFieldError } from '../components/problems';
import { formatDateTime } from '../components/datetime';
import { useHospitals } from '../components/hospitals';
import { ApiError } from '../api/problem';
import { fittingModal } from '../components/fittingModal';
import { useNarrow } from '../layout/useNarrow';

const ROLES: Role[] = ['officer', 'civil', 'finance', 'official', 'hospital', 'admin'];

/** 用户管理: accounts with their last sign-in; create, disable/enable, reset the password. */
export function UsersPage() {
  const { t, language } = useI18n();
  const { api } = useAuth();
  const session = useSession();
  const hospitals = useHospitals();
  const { message, modal } = AntApp.useApp();
  const users = useAsync((signal) => api.users(signal), []);
  const [creating, setCreating] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);

  async function act(work: () => Promise<unknown>) {
    setActionError(null);
    try {
      await work();
      users.reload();
    } catch (cause) {
      setActionError(describeError(t, cause));
    }
  }

  function reset(user: UserAccount) {
    modal.confirm({
      title: t('users.resetConfirm', { username: user.username }),
      onOk: () =>
        act(async () => {
          const { initialPassword } = await api.resetPassword(user.username);
          modal.info({
            title: t('users.resetDone', { username: user.username }),
            content: <Typography.Text code copyable data-testid="reset-password">{initialPassword}</Typography.Text>,
          });
        }),
    });
  }

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8, flexWrap: 'wrap' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('users.title')}
        </Typography.Title>
        <Space>
          <Button icon={<ReloadOutlined />} onClick={users.reload}>
            {t('list.refresh')}
          </Button>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('users.create')}
          </Button>
        </Space>
      </div>
      <Typography.Text type="secondary">{t('users.help')}</Typography.Text>
      {users.error !== undefined && <Alert type="error" showIcon title={describeError(t, users.error)} />}
      {actionError && <Alert type="error" showIcon title={actionError} closable onClose={() => setActionError(null)} />}
      <Table<UserAccount>
        rowKey="username"
        size="middle"
        loading={users.loading && !users.data}
        dataSource={users.data?.items ?? []}
        pagination={{ pageSize: 50, showSizeChanger: false }}
        scroll={{ x: 900 }}
        columns={[
          { title: t('users.username'), dataIndex: 'username', width: 150 },
          { title: t('users.displayName'), dataIndex: 'displayName', width: 140 },
          {
            title: t('users.role'),
            width: 200,
            render: (_, user) => (
              <>
                {t(`role.${user.role}`)}
                {user.hospitalId && <Typography.Text type="secondary"> · {hospitals.name(user.hospitalId)}</Typography.Text>}
                {user.town && <Typography.Text type="secondary"> · {user.town}</Typography.Text>}
              </>
            ),
          },
          {
            title: t('users.status'),
            width: 160,
            render: (_, user) => (
              <>
                {user.disabled ? <Tag color="red">{t('users.disabled')}</Tag> : <Tag color="green">{t('users.active')}</Tag>}
                {user.mustChangePassword && <Tag color="orange">{t('users.mustChange')}</Tag>}
              </>
            ),
          },
          { title: t('users.lastSignIn'), width: 170, render: (_, user) => (user.lastSignInAt ? formatDateTime(user.lastSignInAt, language) : t('users.never')) },
          {
            title: t('users.actions'),
            width: 200,
            render: (_, user) => (
              <Space size="small">
                {user.disabled ? (
                  <Button size="small" onClick={() => void act(() => api.setUserDisabled(user.username, false))}>
                    {t('users.enable')}
                  </Button>
                ) : (
                  <Button size="small" danger disabled={user.username === session.sub} onClick={() => void act(() => api.setUserDisabled(user.username, true))}>
                    {t('users.disable')}
                  </Button>
                )}
                <Button size="small" onClick={() => reset(user)}>
                  {t('users.reset')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <NewUserModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(user) => {
          setCreating(false);
          void message.success(t('users.created', { username: user.username }));
          users.reload();
        }}
      />
    </Space>
  );
}

function NewUserModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (user: UserAccount) => void }) {
  const narrow = useNarrow();
  const { t } = useI18n();
  const { api } = useAuth();
  const hospitals = useHospitals();
  const [form] = Form.useForm<NewUserInput>();
  const role = Form.useWatch('role', form);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(values: NewUserInput) {
    setBusy(true);
    setError(null);
    try {
      const body: NewUserInput = {
        username: values.username.trim(),
        displayName: values.displayName.trim(),
        role: values.role,
        initialPassword: values.initialPassword,
        ...(values.role === 'hospital' && values.hospitalId ? { hospitalId: values.hospitalId } : {}),
        ...(values.town?.trim() ? { town: values.town.trim() } : {}),
      };
      onCreated(await api.createUser(body));
      form.resetFields();
    } catch (cause) {
      const issues = cause instanceof ApiError ? cause.problem.errors ?? [] : [];
      setError(issues.length > 0 ? issues.map((issue) => describeFieldError(t, issue)).join('；') : describeError(t, cause));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal {...fittingModal(narrow)} open={open} title={t('users.create')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ role: 'officer' }} onFinish={submit}>
        <Form.Item label={t('users.username')} name="username" htmlFor="new-user-username" extra={t('users.usernameHelp')} rules={[{ required: true, pattern: /^[a-z0-9][a-z0-9._-]{1,63}$/, message: t('users.usernameHelp') }]}>
          <Input id="new-user-username" autoCapitalize="none" spellCheck={false} />
        </Form.Item>
        <Form.Item label={t('users.displayName')} name="displayName" htmlFor="new-user-name" rules={[{ required: true, whitespace: true, message: t('issue.required') }]}>
          <Input id="new-user-name" />
        </Form.Item>
        <Form.Item label={t('users.role')} name="role" htmlFor="new-user-role">
          <Select id="new-user-role" options={ROLES.map((value) => ({ value, label: t(`role.${value}`) }))} />
        </Form.Item>
        {role === 'hospital' && (
          <Form.Item label={t('field.hospital')} name="hospitalId" htmlFor="new-user-hospital" rules={[{ required: true, message: t('issue.required') }]}>
            <Select id="new-user-hospital" showSearch={{ optionFilterProp: 'label' }} options={hospitals.list.map((h) => ({ value: h.id, label: h.name }))} />
          </Form.Item>
        )}
        <Form.Item label={t('users.town')} name="town" htmlFor="new-user-town">
          <Input id="new-user-town" />
        </Form.Item>
        <Form.Item label={t('users.initialPassword')} name="initialPassword" htmlFor="new-user-password" extra={t('password.rule')} rules={[{ required: true, min: 12, message: t('password.tooShort') }]}>
          <Input.Password id="new-user-password" autoComplete="new-password" />
        </Form.Item>
        {error && <Alert type="error" showIcon title={error} />}
      </Form>
    </Modal>
  );
}
