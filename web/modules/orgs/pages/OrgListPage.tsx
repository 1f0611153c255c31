import { useState } from 'react';
import { Button, Card, Checkbox, Form, Input, Select, Space, Tag, Tooltip, type TableColumnsType } from 'antd';
import { PlusOutlined, SearchOutlined, WarningOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import { ORG_KINDS, ORG_KIND_LABELS } from '../../../../common/modules/orgs/orgs.contract.js';
import { useCan } from '../../../access/can.js';
import { pick, useLocale, useT } from '../../../app/i18n.js';
import { DataTable, useKeysetList } from '../../../components/DataTable.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { UnitSelect } from '../../../components/UnitSelect.js';
import { orgsApi, type Org } from '../api.js';
import { OrgFormModal } from '../components/OrgForm.js';

interface Filters {
  unit?: string;
  kind?: string[];
  q?: string;
  flagged?: boolean;
}

export default function OrgListPage() {
  const t = useT();
  const { locale } = useLocale();
  const navigate = useNavigate();
  const canWrite = useCan('org.write');
  const [form] = Form.useForm<Filters>();
  const [filters, setFilters] = useState<Filters>({});
  const [creating, setCreating] = useState(false);
  const query = {
    ...(filters.unit ? { unit: filters.unit } : {}),
    ...(filters.kind?.length ? { kind: filters.kind.join(',') } : {}),
    ...(filters.q ? { q: filters.q } : {}),
    ...(filters.flagged ? { flagged: true } : {}),
  };
  const list = useKeysetList((cursor, signal) => orgsApi.list({ ...query, ...(cursor ? { cursor } : {}) }, signal), [JSON.stringify(query)]);
  const columns: TableColumnsType<Org> = [
    { title: t('orgs.name'), key: 'n', render: (_v, o) => <Space><Link to={`/orgs/${o.id}`}>{o.name}</Link>
      {o.warnings.length > 0 ? <Tooltip title={o.warnings.map((w) => pick(w.message, locale)).join('；')}><WarningOutlined style={{ color: '#fa8c16' }} /></Tooltip> : null}</Space> },
    { title: t('orgs.kind'), key: 'k', render: (_v, o) => <>{pick(ORG_KIND_LABELS[o.kind], locale)}{o.safeCommunity ? <Tag color="blue" style={{ marginInlineStart: 6 }}>{t('orgs.safeCommunity')}</Tag> : null}</> },
    { title: t('orgs.unit'), key: 'u', render: (_v, o) => o.unit.name },
    { title: t('orgs.members'), dataIndex: 'memberCount', key: 'm' },
    { title: t('orgs.departments'), dataIndex: 'departmentCount', key: 'd' },
    { title: t('orgs.serviceHours'), dataIndex: 'serviceHours', key: 'h' },
    { title: t('orgs.contact'), key: 'c', render: (_v, o) => [o.contactName, o.contactPhone].filter(Boolean).join(' ') || '—' },
  ];
  return (
    <>
      <PageHeader title={t('orgs.list.title')} subtitle={t('orgs.list.subtitle')}
        extra={canWrite ? <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('orgs.new')}</Button> : null} />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Form<Filters> form={form} layout="inline" onFinish={setFilters} style={{ rowGap: 8 }}>
          <Form.Item name="unit" label={t('places.filter.unit')}><UnitSelect allowClear style={{ width: 160 }} /></Form.Item>
          <Form.Item name="kind" label={t('orgs.kind')}><Select mode="multiple" allowClear style={{ minWidth: 180 }} options={ORG_KINDS.map((k) => ({ value: k, label: pick(ORG_KIND_LABELS[k], locale) }))} /></Form.Item>
          <Form.Item name="q" label={t('orgs.name')}><Input allowClear maxLength={64} style={{ width: 140 }} /></Form.Item>
          <Form.Item name="flagged" valuePropName="checked"><Checkbox>{t('orgs.flagged')}</Checkbox></Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>{t('app.action.search')}</Button>
            <Button onClick={() => { form.resetFields(); setFilters({}); }}>{t('app.action.reset')}</Button>
          </Space>
        </Form>
      </Card>
      <DataTable<Org> list={list} rowKey="id" columns={columns} />
      <OrgFormModal open={creating} onClose={() => setCreating(false)} onSaved={(o) => { setCreating(false); void navigate(`/orgs/${o.id}`); }} />
    </>
  );
}
