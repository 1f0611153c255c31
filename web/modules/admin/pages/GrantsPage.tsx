// Role grants: who holds which role at which unit (covering the unit's subtree), with the
// industry or enterprise the role's binding asks for. Grant and revoke.
import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Flex, Form, Input, Modal, Popconfirm, Select, Tag, type TableColumnsType } from 'antd';
import { PlusOutlined, ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { LIMITS } from '../../../../common/limits.js';
import { describeError } from '../../../api/client.js';
import { useCan } from '../../../access/can.js';
import { formatTime } from '../../../app/format.js';
import { applyServerErrors, rules } from '../../../app/forms.js';
import { pick, useLocale, useT } from '../../../app/i18n.js';
import { industryName } from '../../../app/industries.js';
import { DataTable, useKeysetList } from '../../../components/DataTable.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { UNIT_CODE_PATTERN, UnitSelect } from '../../../components/UnitSelect.js';
import { adminApi, type GrantItem, type RoleItem } from '../api.js';

const INDUSTRY_PATTERN = /^[A-T]([0-9]{2,4})?$/;
const ID_PATTERN = /^[0-9]{1,19}$/;

interface Filters {
  user?: string;
  role?: string;
}

interface GrantValues {
  username: string;
  role: string;
  unitCode: string;
  industryCode?: string;
  enterpriseId?: string;
}

function useRoles(): RoleItem[] {
  const [roles, setRoles] = useState<RoleItem[]>([]);
  const canRead = useCan('role.read');
  useEffect(() => {
    if (!canRead) return;
    let live = true;
    adminApi.listRoles().then((r) => live && setRoles(r.items), () => {});
    return () => { live = false; };
  }, [canRead]);
  return roles;
}

function GrantModal(props: { open: boolean; roles: RoleItem[]; onClose: () => void; onCreated: (g: GrantItem) => void }) {
  const t = useT();
  const { locale } = useLocale();
  const [form] = Form.useForm<GrantValues>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const roleCode = Form.useWatch('role', form);
  const binding = props.roles.find((r) => r.code === roleCode)?.binding ?? 'unit';
  const r = rules(t);

  const close = () => { form.resetFields(); setError(null); props.onClose(); };
  const submit = async () => {
    let v: GrantValues;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const g = await adminApi.createGrant({
        username: v.username.trim(), role: v.role, unitCode: v.unitCode,
        ...(binding === 'industry' && v.industryCode ? { industryCode: v.industryCode.trim().toUpperCase() } : {}),
        ...(binding === 'enterprise' && v.enterpriseId ? { enterpriseId: v.enterpriseId.trim() } : {}),
      });
      form.resetFields();
      props.onCreated(g);
    } catch (err) {
      setError(applyServerErrors(form, err, locale));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={props.open} title={t('admin.grants.create')} onCancel={close} onOk={() => void submit()}
      okText={t('app.action.confirm')} cancelText={t('app.action.cancel')} confirmLoading={busy} forceRender>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} /> : null}
      <Form<GrantValues> form={form} layout="vertical">
        <Form.Item name="username" label={t('admin.users.username')}
          rules={[r.required(t('admin.users.username')), r.max(t('admin.users.username'), LIMITS.usernameMax)]}>
          <Input autoComplete="off" maxLength={LIMITS.usernameMax} />
        </Form.Item>
        <Form.Item name="role" label={t('admin.grants.role')} rules={[r.choose(t('admin.grants.role'))]}>
          <Select showSearch={{ optionFilterProp: 'label' }}
            options={props.roles.map((x) => ({ value: x.code, label: `${pick(x.name, locale)}（${x.code}）` }))} />
        </Form.Item>
        <Form.Item name="unitCode" label={t('admin.grants.unit')}
          rules={[r.required(t('admin.grants.unit')), { pattern: UNIT_CODE_PATTERN, message: t('app.unit.invalid') }]}>
          <UnitSelect />
        </Form.Item>
        {binding === 'industry' ? (
          <Form.Item name="industryCode" label={t('admin.grants.industry')} extra={t('admin.grants.industryHelp')}
            rules={[r.required(t('admin.grants.industry')), r.pattern(t('admin.grants.industry'), INDUSTRY_PATTERN)]}
            normalize={(v: string) => v?.toUpperCase()}>
            <Input maxLength={5} style={{ width: 160 }} />
          </Form.Item>
        ) : null}
        {binding === 'enterprise' ? (
          <Form.Item name="enterpriseId" label={t('admin.grants.enterprise')}
            rules={[r.required(t('admin.grants.enterprise')), r.pattern(t('admin.grants.enterprise'), ID_PATTERN)]}>
            <Input maxLength={19} style={{ width: 220 }} />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}

export default function GrantsPage() {
  const t = useT();
  const { locale } = useLocale();
  const { message } = App.useApp();
  const canManage = useCan('grant.manage');
  const roles = useRoles();
  const roleName = useMemo(() => new Map(roles.map((r) => [r.code, pick(r.name, locale)])), [roles, locale]);
  const [filterForm] = Form.useForm<Filters>();
  const [filters, setFilters] = useState<Filters>({});
  const [creating, setCreating] = useState(false);
  const list = useKeysetList((cursor, signal) => adminApi.listGrants({ ...filters, ...(cursor ? { cursor } : {}) }, signal), [filters.user, filters.role]);

  const revoke = async (g: GrantItem) => {
    try {
      await adminApi.revokeGrant(g.id);
      void message.success(t('admin.grants.revoked'));
      list.reload();
    } catch (err) {
      void message.error(describeError(err, locale));
    }
  };

  const columns: TableColumnsType<GrantItem> = [
    { title: t('admin.grants.user'), key: 'user', render: (_v, g) => <>{g.displayName} <span className="sg-mono">({g.username})</span></> },
    { title: t('admin.grants.role'), key: 'role', render: (_v, g) => <Tag color="blue">{roleName.get(g.role) ?? g.role}</Tag> },
    { title: t('admin.grants.unit'), key: 'unit', render: (_v, g) => `${g.unitName}（${g.unitCode}）` },
    { title: t('admin.grants.industry'), dataIndex: 'industryCode', key: 'industry', render: (v: string | null) => industryName(v, locale) },
    { title: t('admin.grants.enterprise'), dataIndex: 'enterpriseId', key: 'enterprise', render: (v: string | null) => industryName(v, locale) },
    { title: t('admin.grants.createdAt'), key: 'createdAt', render: (_v, g) => formatTime(g.createdAt, locale) },
    ...(canManage
      ? [{
          title: t('app.action.actions'), key: 'actions',
          render: (_v: unknown, g: GrantItem) => (
            <Popconfirm
              title={t('admin.grants.revokeConfirm', { user: g.displayName, unit: g.unitName, role: roleName.get(g.role) ?? g.role })}
              okText={t('app.action.confirm')} cancelText={t('app.action.cancel')} onConfirm={() => { void revoke(g); }}>
              <Button type="link" size="small" danger>{t('admin.grants.revoke')}</Button>
            </Popconfirm>
          ),
        }]
      : []),
  ];

  return (
    <>
      <PageHeader title={t('admin.grants.title')} subtitle={t('admin.grants.subtitle')}
        extra={canManage ? <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('admin.grants.create')}</Button> : null} />
      <Form<Filters> form={filterForm} className="sg-filters"
        onFinish={(v) => setFilters({ ...(v.user?.trim() ? { user: v.user.trim() } : {}), ...(v.role ? { role: v.role } : {}) })}>
        <Flex gap={8} wrap>
          <Form.Item name="user" noStyle><Input allowClear placeholder={t('admin.grants.usernameFilter')} style={{ width: 200 }} maxLength={64} /></Form.Item>
          <Form.Item name="role" noStyle>
            <Select allowClear placeholder={t('admin.grants.allRoles')} style={{ width: 200 }}
              options={roles.map((x) => ({ value: x.code, label: pick(x.name, locale) }))} />
          </Form.Item>
          <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>{t('app.action.search')}</Button>
          <Button icon={<ReloadOutlined />} onClick={() => { filterForm.resetFields(); setFilters({}); }}>{t('app.action.reset')}</Button>
        </Flex>
      </Form>
      <DataTable<GrantItem> list={list} rowKey="id" columns={columns} />
      <GrantModal open={creating} roles={roles} onClose={() => setCreating(false)}
        onCreated={(g) => {
          setCreating(false);
          void message.success(t('admin.grants.created', { user: g.displayName, role: roleName.get(g.role) ?? g.role }));
          list.reload();
        }} />
    </>
  );
}
