import { useState } from 'react';
import { Button, Card, Form, Input, Select, Space, Tag, type TableColumnsType } from 'antd';
import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import { THING_KINDS, THING_KIND_LABELS, THING_STATUSES } from '../../../../common/modules/things/things.contract.js';
import { useCan } from '../../../access/can.js';
import { pick, useLocale, useT } from '../../../app/i18n.js';
import { DataTable, useKeysetList } from '../../../components/DataTable.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { UnitSelect } from '../../../components/UnitSelect.js';
import { ExportButton } from '../../registries/components/ExportButton.js';
import { thingsApi, type Thing } from '../api.js';
import { ThingFormModal } from '../components/ThingForm.js';

interface Filters {
  unit?: string;
  kind?: string[];
  status?: 'normal' | 'faulty' | 'retired';
  q?: string;
}

export const STATUS_COLOUR: Record<string, string> = { normal: 'green', faulty: 'red', retired: 'default' };

export default function ThingListPage() {
  const t = useT();
  const { locale } = useLocale();
  const navigate = useNavigate();
  const canWrite = useCan('facility.write');
  const [form] = Form.useForm<Filters>();
  const [filters, setFilters] = useState<Filters>({});
  const [creating, setCreating] = useState(false);
  const query = {
    ...(filters.unit ? { unit: filters.unit } : {}),
    ...(filters.kind?.length ? { kind: filters.kind.join(',') } : {}),
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.q ? { q: filters.q } : {}),
  };
  const list = useKeysetList((cursor, signal) => thingsApi.list({ ...query, ...(cursor ? { cursor } : {}) }, signal), [JSON.stringify(query)]);
  const columns: TableColumnsType<Thing> = [
    { title: t('things.name'), key: 'n', render: (_v, x) => <Link to={`/things/${x.id}`}>{x.name}</Link> },
    { title: t('things.kind'), key: 'k', render: (_v, x) => pick(THING_KIND_LABELS[x.kind], locale) },
    { title: t('things.quantity'), key: 'q', render: (_v, x) => (x.quantity === null ? '—' : `${x.quantity}${x.unitOfMeasure ?? ''}`) },
    { title: t('things.expiresOn'), dataIndex: 'expiresOn', key: 'e', render: (v: string | null) => v ?? '—' },
    { title: t('things.nextInspectionOn'), dataIndex: 'nextInspectionOn', key: 'i', render: (v: string | null) => v ?? '—' },
    { title: t('things.status'), key: 's', render: (_v, x) => <Tag color={STATUS_COLOUR[x.status]}>{t(`things.status.${x.status}`)}</Tag> },
    { title: t('things.place'), key: 'p', render: (_v, x) => x.place?.name ?? x.enterprise?.name ?? '—' },
    { title: t('registries.grid'), key: 'g', render: (_v, x) => x.grid?.name ?? '—' },
  ];
  return (
    <>
      <PageHeader title={t('things.list.title')}
        extra={<>
          <Link to="/things/due"><Button>{t('things.menu.due')}</Button></Link>
          <ExportButton path="/api/things/export" query={query} />
          {canWrite ? <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('things.new')}</Button> : null}
        </>} />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Form<Filters> form={form} layout="inline" onFinish={setFilters} style={{ rowGap: 8 }}>
          <Form.Item name="unit" label={t('places.filter.unit')}><UnitSelect allowClear style={{ width: 160 }} /></Form.Item>
          <Form.Item name="kind" label={t('things.kind')}>
            <Select mode="multiple" allowClear style={{ minWidth: 180 }} options={THING_KINDS.map((k) => ({ value: k, label: pick(THING_KIND_LABELS[k], locale) }))} maxTagCount={2} />
          </Form.Item>
          <Form.Item name="status" label={t('things.status')}><Select allowClear style={{ width: 110 }} options={THING_STATUSES.map((s) => ({ value: s, label: t(`things.status.${s}`) }))} /></Form.Item>
          <Form.Item name="q" label={t('things.name')}><Input allowClear maxLength={64} style={{ width: 140 }} /></Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>{t('app.action.search')}</Button>
            <Button onClick={() => { form.resetFields(); setFilters({}); }}>{t('app.action.reset')}</Button>
          </Space>
        </Form>
      </Card>
      <DataTable<Thing> list={list} rowKey="id" columns={columns} />
      <ThingFormModal open={creating} onClose={() => setCreating(false)} onSaved={(x) => { setCreating(false); void navigate(`/things/${x.id}`); }} />
    </>
  );
}
