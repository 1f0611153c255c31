// Enterprises in my area (an industry department sees its industry, an enterprise user its own).
import { useState } from 'react';
import { Button, Card, Checkbox, Form, Input, Select, Space, Tag, type TableColumnsType } from 'antd';
import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import { useCan } from '../../../access/can.js';
import { formatTime } from '../../../app/format.js';
import { useLocale, useT } from '../../../app/i18n.js';
import { industryName } from '../../../app/industries.js';
import { DataTable, useKeysetList } from '../../../components/DataTable.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { UnitSelect } from '../../../components/UnitSelect.js';
import { ExportButton } from '../../registries/components/ExportButton.js';
import { RiskTag } from '../../registries/components/Tags.js';
import { enterprisesApi, type Enterprise } from '../api.js';
import { EnterpriseFormModal } from '../components/EnterpriseForm.js';

interface Filters {
  unit?: string;
  industry?: string;
  risk?: string[];
  majorHazard?: boolean;
  q?: string;
}

export default function EnterpriseListPage() {
  const t = useT();
  const { locale } = useLocale();
  const navigate = useNavigate();
  const canWrite = useCan('enterprise.write');
  const [form] = Form.useForm<Filters>();
  const [filters, setFilters] = useState<Filters>({});
  const [creating, setCreating] = useState(false);
  const query = {
    ...(filters.unit ? { unit: filters.unit } : {}),
    ...(filters.industry ? { industry: filters.industry.toUpperCase() } : {}),
    ...(filters.risk?.length ? { risk: filters.risk.join(',') } : {}),
    ...(filters.majorHazard ? { majorHazard: true } : {}),
    ...(filters.q ? { q: filters.q } : {}),
  };
  const list = useKeysetList((cursor, signal) => enterprisesApi.list({ ...query, ...(cursor ? { cursor } : {}) }, signal), [JSON.stringify(query)]);
  const columns: TableColumnsType<Enterprise> = [
    { title: t('enterprises.name'), key: 'name', render: (_v, e) => <Link to={`/enterprises/${e.id}`}>{e.name}</Link> },
    { title: t('enterprises.uscc'), dataIndex: 'uscc', key: 'uscc', render: (v: string) => <span className="sg-mono">{v}</span> },
    { title: t('enterprises.industry'), dataIndex: 'industryCode', key: 'ind', render: (v: string) => industryName(v, locale) },
    { title: t('registries.risk'), key: 'risk', render: (_v, e) => <RiskTag level={e.riskLevel} short /> },
    { title: t('enterprises.majorHazardLevel'), key: 'mh', render: (_v, e) => (e.majorHazardLevel ? <Tag color="red">{e.majorHazardLevel}</Tag> : '—') },
    { title: t('registries.grid'), key: 'grid', render: (_v, e) => e.grid?.name ?? '—' },
    { title: t('enterprises.principal'), key: 'p', render: (_v, e) => [e.principalName, e.principalPhone].filter(Boolean).join(' ') || '—' },
    { title: t('registries.updatedAt'), key: 'u', render: (_v, e) => formatTime(e.updatedAt, locale) },
  ];
  return (
    <>
      <PageHeader title={t('enterprises.list.title')} subtitle={t('enterprises.list.subtitle')}
        extra={<>
          <ExportButton path="/api/enterprises/export" query={query} />
          {canWrite ? <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('enterprises.new')}</Button> : null}
        </>} />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Form<Filters> form={form} layout="inline" onFinish={setFilters} style={{ rowGap: 8 }}>
          <Form.Item name="unit" label={t('places.filter.unit')}><UnitSelect allowClear style={{ width: 160 }} /></Form.Item>
          <Form.Item name="industry" label={t('enterprises.filter.industry')} rules={[{ pattern: /^[A-Ta-t]([0-9]{0,4})?$/, message: t('enterprises.industry.help') }]}><Input allowClear maxLength={5} style={{ width: 110 }} /></Form.Item>
          <Form.Item name="risk" label={t('places.filter.risk')}>
            <Select mode="multiple" allowClear style={{ minWidth: 140 }}
              options={[...['red', 'orange', 'yellow', 'blue'].map((c) => ({ value: c, label: t(`registries.colour.${c}`) })), { value: 'none', label: t('registries.risk.none') }]} />
          </Form.Item>
          <Form.Item name="majorHazard" valuePropName="checked"><Checkbox>{t('enterprises.majorHazard.only')}</Checkbox></Form.Item>
          <Form.Item name="q" label={t('enterprises.filter.q')}><Input allowClear maxLength={64} style={{ width: 160 }} /></Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>{t('app.action.search')}</Button>
            <Button onClick={() => { form.resetFields(); setFilters({}); }}>{t('app.action.reset')}</Button>
          </Space>
        </Form>
      </Card>
      <DataTable<Enterprise> list={list} rowKey="id" columns={columns} />
      <EnterpriseFormModal open={creating} onClose={() => setCreating(false)} onSaved={(e) => { setCreating(false); void navigate(`/enterprises/${e.id}`); }} />
    </>
  );
}
