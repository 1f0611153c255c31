// Roles and their permissions. The security administrator may change a role's permission set;
// a set that mixes two of the three administrators' groups cannot be saved.
import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Checkbox, Drawer, Flex, Grid, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { adminGroupsOf, ALL_PERMISSIONS, isPermission, PERMISSIONS, type Permission, type PermissionGroup } from '../../../../common/permissions.js';
import { describeError } from '../../../api/client.js';
import { useCan } from '../../../access/can.js';
import { pick, useLocale, useT } from '../../../app/i18n.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { adminApi, type RoleItem } from '../api.js';
import { permissionLabel } from '../permissionLabels.js';

const GROUP_ORDER: PermissionGroup[] = ['business', 'system', 'security', 'audit'];

function RoleDrawer(props: { role: RoleItem | null; editable: boolean; onClose: () => void; onSaved: (r: RoleItem) => void }) {
  const t = useT();
  const { locale } = useLocale();
  const { message } = App.useApp();
  const [selected, setSelected] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const role = props.role;
  const screens = Grid.useBreakpoint();

  useEffect(() => {
    setSelected(role?.permissions ?? []);
    setError(null);
  }, [role]);

  const groups = adminGroupsOf(selected.filter(isPermission));
  const sodBroken = groups.length > 1;

  const save = async () => {
    if (!role) return;
    setBusy(true);
    setError(null);
    try {
      const saved = await adminApi.updateRole(role.code, { permissions: selected });
      void message.success(t('admin.roles.saved', { name: pick(saved.name, locale) }));
      props.onSaved(saved);
    } catch (err) {
      setError(describeError(err, locale));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Drawer
      open={role !== null}
      onClose={props.onClose}
      size={screens.md === false ? '100%' : 560}
      title={role ? t('admin.roles.editTitle', { name: pick(role.name, locale) }) : ''}
      extra={props.editable ? (
        <Space>
          <Button onClick={props.onClose}>{t('app.action.cancel')}</Button>
          <Button type="primary" loading={busy} disabled={sodBroken} onClick={() => void save()} data-testid="role-save">{t('app.action.save')}</Button>
        </Space>
      ) : null}
      footer={sodBroken ? (
        <Alert type="error" showIcon data-testid="role-sod"
          title={t('admin.roles.sod', { groups: groups.map((g) => t(`admin.permGroup.${g}`)).join(locale === 'en' ? ', ' : '、') })} />
      ) : null}
    >
      {error ? <Alert type="error" showIcon style={{ marginBottom: 16 }} title={error} /> : null}
      <Typography.Text type="secondary">{t('admin.roles.selected', { n: selected.length })}</Typography.Text>
      <Checkbox.Group value={selected} onChange={(v) => setSelected(v)} disabled={!props.editable} style={{ display: 'block' }}>
        {GROUP_ORDER.map((g) => {
          const perms = ALL_PERMISSIONS.filter((p) => PERMISSIONS[p] === g);
          return (
            <div key={g} style={{ marginTop: 16 }}>
              <Typography.Title level={5}>{t(`admin.permGroup.${g}`)}</Typography.Title>
              <Flex wrap gap="4px 16px">
                {perms.map((p: Permission) => (
                  <Checkbox key={p} value={p} style={{ width: 240, marginInlineStart: 0 }}>
                    {permissionLabel(p, locale)} <Typography.Text type="secondary" className="sg-mono">{p}</Typography.Text>
                  </Checkbox>
                ))}
              </Flex>
            </div>
          );
        })}
      </Checkbox.Group>
    </Drawer>
  );
}

export default function RolesPage() {
  const t = useT();
  const { locale } = useLocale();
  const canManage = useCan('role.manage');
  const [roles, setRoles] = useState<RoleItem[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [open, setOpen] = useState<RoleItem | null>(null);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let live = true;
    setLoading(true);
    adminApi.listRoles().then(
      (res) => { if (live) { setRoles(res.items); setError(null); setLoading(false); } },
      (err: unknown) => { if (live) { setError(err); setLoading(false); } },
    );
    return () => { live = false; };
  }, [generation]);

  const columns: TableColumnsType<RoleItem> = useMemo(() => [
    { title: t('admin.roles.name'), key: 'name', render: (_v, r) => pick(r.name, locale) },
    { title: t('admin.roles.code'), dataIndex: 'code', key: 'code', render: (v: string) => <span className="sg-mono">{v}</span> },
    { title: t('admin.roles.binding'), dataIndex: 'binding', key: 'binding', render: (v: string) => t(`admin.binding.${v}`) },
    { title: t('admin.roles.permissions'), key: 'permissions', render: (_v, r) => t('admin.roles.permissionCount', { n: r.permissions.length }) },
    {
      title: '', key: 'tags',
      render: (_v, r) => (
        <Space size={4}>
          {r.builtin ? <Tag>{t('admin.roles.builtin')}</Tag> : null}
          {r.customized ? <Tag color="orange">{t('admin.roles.customized')}</Tag> : null}
        </Space>
      ),
    },
    {
      title: t('app.action.actions'), key: 'actions',
      render: (_v, r) => (
        <Button type="link" size="small" onClick={() => setOpen(r)}>{canManage ? t('admin.roles.edit') : t('admin.roles.view')}</Button>
      ),
    },
  ], [t, locale, canManage]);

  return (
    <>
      <PageHeader title={t('admin.roles.title')} subtitle={t('admin.roles.subtitle')}
        extra={<Button icon={<ReloadOutlined />} onClick={() => setGeneration((g) => g + 1)}>{t('app.action.refresh')}</Button>} />
      {error ? <Alert type="error" showIcon style={{ marginBottom: 12 }} title={describeError(error, locale)} /> : null}
      <Table<RoleItem> rowKey="code" columns={columns} dataSource={roles} loading={loading} pagination={false} scroll={{ x: 'max-content' }} size="middle" />
      <RoleDrawer role={open} editable={canManage} onClose={() => setOpen(null)}
        onSaved={(saved) => { setRoles((rs) => rs.map((r) => (r.code === saved.code ? saved : r))); setOpen(null); }} />
    </>
  );
}
