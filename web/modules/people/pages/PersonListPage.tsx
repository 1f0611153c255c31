// People at risk in my area, masked.
import { useState } from 'react';
import { Button, Card, Form, Input, Select, Space, type TableColumnsType } from 'antd';
import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import { PERSON_CATEGORIES, PERSON_CATEGORY_LABELS } from '../../../../common/modules/people/people.contract.js';
import { useCan } from '../../../access/can.js';
import { pick, useLocale, useT } from '../../../app/i18n.js';
import { DataTable, useKeysetList } from '../../../components/DataTable.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { UnitSelect } from '../../../components/UnitSelect.js';
import { ExportButton } from '../../registries/components/ExportButton.js';
import { peopleApi, type Person } from '../api.js';
import { PersonFormModal } from '../components/PersonForm.js';

interface Filters {
  unit?: string;
  category?: string[];
  q?: string;
  idNumber?: string;
}

export default function PersonListPage() {
  const t = useT();
  const { locale } = useLocale();
  const navigate = useNavigate();
  const canWrite = useCan('person.write');
  const [form] = Form.useForm<Filters>();
  const [filters, setFilters] = useState<Filters>({});
  const [creating, setCreating] = useState(false);
  const query = {
    ...(filters.unit ? { unit: filters.unit } : {}),
    ...(filters.category?.length ? { category: filters.category.join(',') } : {}),
    ...(filters.q ? { q: filters.q } : {}),
  };
  const list = useKeysetList(
    (cursor, signal) => (filters.idNumber ? peopleApi.lookup(filters.idNumber.trim()) : peopleApi.list({ ...query, ...(cursor ? { cursor } : {}) }, signal)),
    [JSON.stringify(query), filters.idNumber],
  );
  const columns: TableColumnsType<Person> = [
    { title: t('people.name'), key: 'n', render: (_v, p) => <Link to={`/people/${p.id}`}>{p.name}</Link> },
    { title: t('people.category'), key: 'c', render: (_v, p) => pick(PERSON_CATEGORY_LABELS[p.category], locale) },
    { title: t('people.idNumber'), dataIndex: 'idNumber', key: 'id', render: (v: string | null) => <span className="sg-mono">{v ?? '—'}</span> },
    { title: t('people.phone'), dataIndex: 'phone', key: 'ph', render: (v: string | null) => v ?? '—' },
    { title: t('registries.grid'), key: 'g', render: (_v, p) => p.grid?.name ?? '—' },
    { title: t('registries.address'), dataIndex: 'address', key: 'a', ellipsis: true },
    { title: t('people.helper'), key: 'h', render: (_v, p) => [p.helperName, p.helperPhone].filter(Boolean).join(' ') || '—' },
  ];
  return (
    <>
      <PageHeader title={t('people.list.title')} subtitle={t('people.list.subtitle')}
        extra={<>
          <ExportButton path="/api/people/export" query={query} />
          {canWrite ? <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('people.new')}</Button> : null}
        </>} />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Form<Filters> form={form} layout="inline" onFinish={setFilters} style={{ rowGap: 8 }}>
          <Form.Item name="unit" label={t('places.filter.unit')}><UnitSelect allowClear style={{ width: 160 }} /></Form.Item>
          <Form.Item name="category" label={t('people.category')}>
            <Select mode="multiple" allowClear style={{ minWidth: 180 }} options={PERSON_CATEGORIES.map((c) => ({ value: c, label: pick(PERSON_CATEGORY_LABELS[c], locale) }))} />
          </Form.Item>
          <Form.Item name="q" label={t('people.filter.q')}><Input allowClear maxLength={64} style={{ width: 120 }} /></Form.Item>
          <Form.Item name="idNumber" label={t('people.filter.idNumber')}><Input allowClear maxLength={32} style={{ width: 200 }} autoComplete="off" /></Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>{t('app.action.search')}</Button>
            <Button onClick={() => { form.resetFields(); setFilters({}); }}>{t('app.action.reset')}</Button>
          </Space>
        </Form>
      </Card>
      <DataTable<Person> list={list} rowKey="id" columns={columns} />
      <PersonFormModal open={creating} onClose={() => setCreating(false)} onSaved={(p) => { setCreating(false); void navigate(`/people/${p.id}`); }} />
    </>
  );
}
