// The places of my area, filtered by unit subtree, kind, grade and risk colour.
import { useState } from 'react';
import { Button, Card, Form, Input, Select, Space, type TableColumnsType } from 'antd';
import { EnvironmentOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import { PLACE_KIND_INFO } from '../../../../common/modules/places/places.contract.js';
import { useCan } from '../../../access/can.js';
import { formatTime } from '../../../app/format.js';
import { useLocale, useT } from '../../../app/i18n.js';
import { DataTable, useKeysetList } from '../../../components/DataTable.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { UnitSelect } from '../../../components/UnitSelect.js';
import { ExportButton } from '../../registries/components/ExportButton.js';
import { GradeTag, RiskTag } from '../../registries/components/Tags.js';
import { placesApi, type Place } from '../api.js';
import { PlaceFormModal, usePlaceKindOptions } from '../components/PlaceForm.js';

interface Filters {
  unit?: string;
  kind?: string[];
  grade?: string[];
  risk?: string[];
  q?: string;
}

export function kindLabel(code: string, locale: string): string {
  const k = PLACE_KIND_INFO.find((x) => x.code === code);
  return k ? (locale === 'en' ? k.en : k.zh) : code;
}

export default function PlaceListPage() {
  const t = useT();
  const { locale } = useLocale();
  const navigate = useNavigate();
  const canWrite = useCan('place.write');
  const kinds = usePlaceKindOptions();
  const [form] = Form.useForm<Filters>();
  const [filters, setFilters] = useState<Filters>({});
  const [creating, setCreating] = useState(false);
  const query = {
    ...(filters.unit ? { unit: filters.unit } : {}),
    ...(filters.kind?.length ? { kind: filters.kind.join(',') } : {}),
    ...(filters.grade?.length ? { grade: filters.grade.join(',') } : {}),
    ...(filters.risk?.length ? { risk: filters.risk.join(',') } : {}),
    ...(filters.q ? { q: filters.q } : {}),
  };
  const list = useKeysetList((cursor, signal) => placesApi.list({ ...query, ...(cursor ? { cursor } : {}) }, signal), [JSON.stringify(query)]);

  const columns: TableColumnsType<Place> = [
    { title: t('places.name'), key: 'name', render: (_v, p) => <Link to={`/places/${p.id}`}>{p.name}</Link> },
    { title: t('places.kind'), key: 'kind', render: (_v, p) => kindLabel(p.kind, locale) },
    { title: t('registries.grade'), key: 'grade', render: (_v, p) => <GradeTag grade={p.grade} /> },
    { title: t('registries.risk'), key: 'risk', render: (_v, p) => <RiskTag level={p.riskLevel} short /> },
    { title: t('registries.grid'), key: 'grid', render: (_v, p) => p.grid?.name ?? '—' },
    { title: t('registries.address'), dataIndex: 'address', key: 'address', ellipsis: true },
    { title: t('places.operator'), key: 'op', render: (_v, p) => [p.operatorName, p.operatorPhone].filter(Boolean).join(' ') || '—' },
    { title: t('registries.updatedAt'), key: 'u', render: (_v, p) => formatTime(p.updatedAt, locale) },
  ];

  return (
    <>
      <PageHeader title={t('places.list.title')} subtitle={t('places.list.subtitle')}
        extra={<>
          <Link to="/places/map"><Button icon={<EnvironmentOutlined />}>{t('places.menu.map')}</Button></Link>
          <ExportButton path="/api/places/export" query={query} />
          {canWrite ? <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('places.new')}</Button> : null}
        </>} />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Form<Filters> form={form} layout="inline" onFinish={(v) => setFilters({ ...v, ...(v.q ? { q: v.q.trim() } : {}) })} style={{ rowGap: 8 }}>
          <Form.Item name="unit" label={t('places.filter.unit')}><UnitSelect allowClear style={{ width: 160 }} /></Form.Item>
          <Form.Item name="kind" label={t('places.filter.kind')}><Select mode="multiple" allowClear options={kinds} style={{ minWidth: 200 }} maxTagCount={2} /></Form.Item>
          <Form.Item name="grade" label={t('places.filter.grade')}>
            <Select mode="multiple" allowClear style={{ minWidth: 120 }} options={[...['A', 'B', 'C', 'D'].map((g) => ({ value: g, label: g })), { value: 'none', label: t('registries.grade.none') }]} />
          </Form.Item>
          <Form.Item name="risk" label={t('places.filter.risk')}>
            <Select mode="multiple" allowClear style={{ minWidth: 140 }}
              options={[...['red', 'orange', 'yellow', 'blue'].map((c) => ({ value: c, label: t(`registries.colour.${c}`) })), { value: 'none', label: t('registries.risk.none') }]} />
          </Form.Item>
          <Form.Item name="q" label={t('places.filter.q')}><Input allowClear maxLength={64} style={{ width: 160 }} /></Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>{t('app.action.search')}</Button>
            <Button onClick={() => { form.resetFields(); setFilters({}); }}>{t('app.action.reset')}</Button>
          </Space>
        </Form>
      </Card>
      <DataTable<Place> list={list} rowKey="id" columns={columns} />
      <PlaceFormModal open={creating} onClose={() => setCreating(false)} onSaved={(p) => { setCreating(false); void navigate(`/places/${p.id}`); }} />
    </>
  );
}
