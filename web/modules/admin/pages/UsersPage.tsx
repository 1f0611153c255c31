// Users in the administrator's area: search, create with an initial password, disable/enable,
// unlock, reset the password.
import { useState } from 'react';
import { Alert, App, Button, Flex, Form, Input, Modal, Popconfirm, Select, Space, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined, ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { LIMITS } from '../../../../common/limits.js';
import { describeError } from '../../../api/client.js';
import { useCan } from '../../../access/can.js';
import { useSession } from '../../../app/session.js';
import { formatTime } from '../../../app/format.js';
import { applyServerErrors, rules } from '../../../app/forms.js';
import { useLocale, useT } from '../../../app/i18n.js';
import { DataTable, useKeysetList } from '../../../components/DataTable.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { StatusTag } from '../../../components/StatusTag.js';
import { UNIT_CODE_PATTERN, UnitSelect } from '../../../components/UnitSelect.js';
import { PasswordPolicyText } from '../../auth/components/PasswordPolicyHint.js';
import { policyRule } from '../../auth/components/passwordRules.js';
import { usePasswordPolicy } from '../../auth/components/usePasswordPolicy.js';
import { adminApi, type UserItem } from '../api.js';

const USERNAME_PATTERN = /^[A-Za-z0-9_.@-]+$/;

interface Filters {
  q?: string;
  unit?: string;
}

interface CreateValues {
  username: string;
  displayName: string;
  unitCode: string;
  initialPassword: string;
  locale: 'zh-CN' | 'en';
}

function CreateUserModal(props: { open: boolean; onClose: () => void; onCreated: (u: UserItem) => void }) {
  const t = useT();
  const { locale } = useLocale();
  const policy = usePasswordPolicy();
  const [form] = Form.useForm<CreateValues>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const username = Form.useWatch('username', form);
  const r = rules(t);

  const submit = async () => {
    let v: CreateValues;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const u = await adminApi.createUser({ ...v, username: v.username.trim(), displayName: v.displayName.trim() });
      form.resetFields();
      props.onCreated(u);
    } catch (err) {
      setError(applyServerErrors(form, err, locale));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={props.open} title={t('admin.users.create')} onCancel={() => { form.resetFields(); setError(null); props.onClose(); }}
      onOk={() => void submit()} okText={t('app.action.create')} cancelText={t('app.action.cancel')} confirmLoading={busy} forceRender>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} /> : null}
      <Form<CreateValues> form={form} layout="vertical" initialValues={{ locale: 'zh-CN' }} data-testid="create-user-form">
        <Form.Item name="username" label={t('admin.users.username')} extra={t('admin.users.usernameHelp')}
          rules={[r.required(t('admin.users.username')), r.min(t('admin.users.username'), 3), r.max(t('admin.users.username'), LIMITS.usernameMax),
            r.pattern(t('admin.users.username'), USERNAME_PATTERN)]}>
          <Input autoComplete="off" maxLength={LIMITS.usernameMax} />
        </Form.Item>
        <Form.Item name="displayName" label={t('admin.users.displayName')}
          rules={[r.required(t('admin.users.displayName')), r.max(t('admin.users.displayName'), LIMITS.displayNameMax)]}>
          <Input maxLength={LIMITS.displayNameMax} />
        </Form.Item>
        <Form.Item name="unitCode" label={t('admin.users.unit')}
          rules={[r.required(t('admin.users.unit')), { pattern: UNIT_CODE_PATTERN, message: t('app.unit.invalid') }]}>
          <UnitSelect />
        </Form.Item>
        <Form.Item name="initialPassword" label={t('admin.users.initialPassword')}
          extra={<>{t('admin.users.initialPasswordHelp')}<br /><PasswordPolicyText policy={policy} /></>}
          dependencies={['username']}
          rules={[r.required(t('admin.users.initialPassword')), policyRule(policy, locale, username)]}>
          <Input.Password autoComplete="new-password" maxLength={LIMITS.passwordMax} />
        </Form.Item>
        <Form.Item name="locale" label={t('admin.users.locale')}>
          <Select options={[{ value: 'zh-CN', label: '中文' }, { value: 'en', label: 'English' }]} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ResetPasswordModal(props: { user: UserItem | null; onClose: () => void; onDone: (u: UserItem) => void }) {
  const t = useT();
  const { locale } = useLocale();
  const policy = usePasswordPolicy();
  const [form] = Form.useForm<{ resetPassword: string }>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const user = props.user;
  const submit = async () => {
    if (!user) return;
    let v: { resetPassword: string };
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const u = await adminApi.updateUser(user.id, { resetPassword: v.resetPassword });
      form.resetFields();
      props.onDone(u);
    } catch (err) {
      setError(applyServerErrors(form, err, locale));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={user !== null} title={user ? t('admin.users.resetTitle', { name: user.displayName }) : ''}
      onCancel={() => { form.resetFields(); setError(null); props.onClose(); }}
      onOk={() => void submit()} okText={t('app.action.confirm')} cancelText={t('app.action.cancel')} confirmLoading={busy} forceRender>
      <Typography.Paragraph type="secondary">{t('admin.users.resetHelp')}</Typography.Paragraph>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} /> : null}
      <Form form={form} layout="vertical">
        <Form.Item name="resetPassword" label={t('admin.users.newPassword')} extra={<PasswordPolicyText policy={policy} />}
          rules={[rules(t).required(t('admin.users.newPassword')), policyRule(policy, locale, user?.username)]}>
          <Input.Password autoComplete="new-password" maxLength={LIMITS.passwordMax} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function UsersPage() {
  const t = useT();
  const { locale } = useLocale();
  const { message } = App.useApp();
  const canManage = useCan('user.manage');
  const { me } = useSession();
  const [filterForm] = Form.useForm<Filters>();
  const [filters, setFilters] = useState<Filters>({});
  const [creating, setCreating] = useState(false);
  const [resetting, setResetting] = useState<UserItem | null>(null);
  const list = useKeysetList((cursor, signal) => adminApi.listUsers({ ...filters, ...(cursor ? { cursor } : {}) }, signal), [filters.q, filters.unit]);

  const act = async (u: UserItem, body: Parameters<typeof adminApi.updateUser>[1], doneKey: string) => {
    try {
      const updated = await adminApi.updateUser(u.id, body);
      list.replace((x) => x.id === u.id, updated);
      void message.success(t(doneKey, { name: u.displayName }));
    } catch (err) {
      void message.error(describeError(err, locale));
    }
  };

  const columns: TableColumnsType<UserItem> = [
    { title: t('admin.users.username'), dataIndex: 'username', key: 'username', render: (v: string) => <span className="sg-mono">{v}</span> },
    { title: t('admin.users.displayName'), dataIndex: 'displayName', key: 'displayName' },
    { title: t('admin.users.unit'), key: 'unit', render: (_v, u) => `${u.unit.name}（${u.unit.code}）` },
    {
      title: t('admin.users.status'), key: 'status',
      render: (_v, u) => (
        <Space size={4} wrap>
          <StatusTag status={u.status} />
          {u.locked ? <StatusTag status="locked" /> : null}
          {u.mustChangePassword ? <StatusTag status="mustChange" /> : null}
        </Space>
      ),
    },
    { title: t('admin.users.lastLogin'), key: 'lastLoginAt', render: (_v, u) => formatTime(u.lastLoginAt, locale) },
    ...(canManage
      ? [{
          title: t('app.action.actions'), key: 'actions', fixed: 'right' as const,
          render: (_v: unknown, u: UserItem) => (
            <Space size={0} wrap>
              {u.id === me?.id ? null : u.status === 'active' ? (
                <Popconfirm title={t('admin.users.disableConfirm', { name: u.displayName })} okText={t('app.action.confirm')} cancelText={t('app.action.cancel')}
                  onConfirm={() => { void act(u, { status: 'disabled' }, 'admin.users.disabled'); }}>
                  <Button type="link" size="small" danger>{t('admin.users.disable')}</Button>
                </Popconfirm>
              ) : (
                <Popconfirm title={t('admin.users.enableConfirm', { name: u.displayName })} okText={t('app.action.confirm')} cancelText={t('app.action.cancel')}
                  onConfirm={() => { void act(u, { status: 'active' }, 'admin.users.enabled'); }}>
                  <Button type="link" size="small">{t('admin.users.enable')}</Button>
                </Popconfirm>
              )}
              {u.locked ? (
                <Button type="link" size="small" onClick={() => void act(u, { unlock: true }, 'admin.users.unlocked')}>{t('admin.users.unlock')}</Button>
              ) : null}
              <Button type="link" size="small" onClick={() => setResetting(u)}>{t('admin.users.reset')}</Button>
            </Space>
          ),
        }]
      : []),
  ];

  return (
    <>
      <PageHeader
        title={t('admin.users.title')}
        subtitle={t('admin.users.subtitle')}
        extra={canManage ? <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="create-user">{t('admin.users.create')}</Button> : null}
      />
      <Form<Filters> form={filterForm} layout="inline" className="sg-filters" onFinish={(v) => setFilters({ ...(v.q?.trim() ? { q: v.q.trim() } : {}), ...(v.unit ? { unit: v.unit } : {}) })}>
        <Flex gap={8} wrap>
          <Form.Item name="q" noStyle><Input allowClear placeholder={t('admin.users.search')} style={{ width: 200 }} maxLength={64} /></Form.Item>
          <Form.Item name="unit" noStyle><UnitSelect allowClear placeholder={t('admin.users.unitFilter')} style={{ width: 200 }} /></Form.Item>
          <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>{t('app.action.search')}</Button>
          <Button icon={<ReloadOutlined />} onClick={() => { filterForm.resetFields(); setFilters({}); }}>{t('app.action.reset')}</Button>
        </Flex>
      </Form>
      <DataTable<UserItem> list={list} rowKey="id" columns={columns} />
      <CreateUserModal open={creating} onClose={() => setCreating(false)}
        onCreated={(u) => { setCreating(false); void message.success(t('admin.users.created', { username: u.username })); list.reload(); }} />
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)}
        onDone={(u) => { setResetting(null); list.replace((x) => x.id === u.id, u); void message.success(t('admin.users.resetDone', { name: u.displayName })); }} />
    </>
  );
}
