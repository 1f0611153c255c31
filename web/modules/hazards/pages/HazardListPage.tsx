// The hazard ledger of my area: filters, the register, and registering a new hazard.
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Alert, App, Button, Checkbox, Flex, Form, Input, InputNumber, Modal, Select, Space, Tag, Typography, type TableColumnsType } from 'antd';
import { AimOutlined, PlusOutlined } from '@ant-design/icons';
import { HAZARD_CATEGORIES } from '../../../../common/modules/hazards/hazards.contract.js';
import { HAZARD_STATES } from '../../../../common/modules/hazards/hazards.workflow.js';
import { LIMITS } from '../../../../common/limits.js';
import { useCan } from '../../../access/can.js';
import { formatTime } from '../../../app/format.js';
import { applyServerErrors, rules } from '../../../app/forms.js';
import { useLocale, useT } from '../../../app/i18n.js';
import { DataTable, useKeysetList } from '../../../components/DataTable.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { hazardsApi, type HazardItem } from '../api.js';
import { PhotoUpload } from '../components/PhotoUpload.js';
import { usePosition } from '../components/position.js';
import { categoryName, gradeName, pick, SOURCE_NAMES, STATE_COLORS, stateName } from '../components/labels.js';

interface Filters {
  state?: string;
  category?: string;
  grade?: 'general' | 'major';
  overdue?: boolean;
  listed?: boolean;
  q?: string;
}

interface CreateValues {
  source: 'patrol' | 'manual' | 'self_inspection' | 'hotline' | 'drill';
  category: string;
  grade: 'general' | 'major';
  majorBasis?: string;
  description: string;
  lng: number;
  lat: number;
  rectifyDays?: number;
  photoIds?: string[];
}

function CreateHazardModal(props: { open: boolean; onClose: () => void; onCreated: (id: string) => void }) {
  const t = useT();
  const { locale } = useLocale();
  const { message } = App.useApp();
  const [form] = Form.useForm<CreateValues>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const grade = Form.useWatch('grade', form);
  const pos = usePosition();
  const r = rules(t);

  const locate = async () => {
    try {
      const p = await pos.get();
      form.setFieldsValue({ lng: p.lng, lat: p.lat });
    } catch {
      message.warning(t('hazards.create.noPosition'));
    }
  };

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
      const res = await hazardsApi.create({
        source: v.source, category: v.category, grade: v.grade, description: v.description.trim(), lng: v.lng, lat: v.lat,
        ...(v.grade === 'major' && v.majorBasis ? { majorBasis: v.majorBasis.trim() } : {}),
        ...(v.rectifyDays !== undefined && v.rectifyDays !== null ? { rectifyDays: v.rectifyDays } : {}),
        ...(v.photoIds?.length ? { photoIds: v.photoIds } : {}),
      });
      form.resetFields();
      message.success(t('hazards.create.done', { code: res.code }));
      props.onCreated(res.id);
    } catch (err) {
      setError(applyServerErrors(form, err, locale));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={props.open} title={t('hazards.create.title')} onCancel={props.onClose} onOk={() => void submit()} okText={t('app.action.save')}
      cancelText={t('app.action.cancel')} confirmLoading={busy} forceRender width={640} okButtonProps={{ 'data-testid': 'hazard-create-ok' }}>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} /> : null}
      <Form<CreateValues> form={form} layout="vertical" initialValues={{ source: 'patrol', grade: 'general' }}>
        <Flex gap={12} wrap>
          <Form.Item name="source" label={t('hazards.field.source')} style={{ minWidth: 160 }}>
            <Select options={(['patrol', 'manual', 'self_inspection', 'hotline', 'drill'] as const).map((s) => ({ value: s, label: pick(SOURCE_NAMES[s], locale) }))} />
          </Form.Item>
          <Form.Item name="category" label={t('hazards.field.category')} rules={[r.choose(t('hazards.field.category'))]} style={{ minWidth: 220, flex: 1 }}>
            <Select showSearch optionFilterProp="label" options={HAZARD_CATEGORIES.map((c) => ({ value: c.code, label: pick(c, locale) }))} data-testid="hazard-category" />
          </Form.Item>
          <Form.Item name="grade" label={t('hazards.field.grade')} style={{ minWidth: 140 }}>
            <Select options={(['general', 'major'] as const).map((g) => ({ value: g, label: gradeName(g, locale) }))} />
          </Form.Item>
        </Flex>
        {grade === 'major' ? (
          <Form.Item name="majorBasis" label={t('hazards.field.majorBasis')} extra={t('hazards.field.majorBasisHelp')}
            rules={[r.required(t('hazards.field.majorBasis')), r.max(t('hazards.field.majorBasis'), LIMITS.textMax)]}>
            <Input.TextArea rows={2} maxLength={LIMITS.textMax} />
          </Form.Item>
        ) : null}
        <Form.Item name="description" label={t('hazards.field.description')} rules={[r.required(t('hazards.field.description')), r.max(t('hazards.field.description'), LIMITS.textMax)]}>
          <Input.TextArea rows={3} maxLength={LIMITS.textMax} data-testid="hazard-description" />
        </Form.Item>
        <Flex gap={12} wrap align="end">
          <Form.Item name="lng" label={t('hazards.field.lng')} rules={[r.range(t('hazards.field.lng'), -180, 180), { required: true, message: t('app.form.required', { field: t('hazards.field.lng') }) }]}>
            <InputNumber step={0.0001} style={{ width: 150 }} data-testid="hazard-lng" />
          </Form.Item>
          <Form.Item name="lat" label={t('hazards.field.lat')} rules={[r.range(t('hazards.field.lat'), -90, 90), { required: true, message: t('app.form.required', { field: t('hazards.field.lat') }) }]}>
            <InputNumber step={0.0001} style={{ width: 150 }} data-testid="hazard-lat" />
          </Form.Item>
          <Form.Item>
            <Button icon={<AimOutlined />} loading={pos.busy} onClick={() => void locate()}>{t('hazards.create.myPosition')}</Button>
          </Form.Item>
        </Flex>
        <Form.Item name="rectifyDays" label={t('hazards.field.rectifyDays')} extra={t('hazards.field.rectifyDaysHelp')}>
          <InputNumber min={0} max={365} style={{ width: 150 }} />
        </Form.Item>
        <Form.Item name="photoIds" label={t('hazards.field.photos')}>
          <PhotoUpload testId="hazard-photos" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function HazardListPage() {
  const t = useT();
  const { locale } = useLocale();
  const navigate = useNavigate();
  const canReport = useCan('hazard.report');
  const [filters, setFilters] = useState<Filters>({});
  const [q, setQ] = useState('');
  // /hazards?new=1 (the grid worker's "report a hazard" button) opens the form at once.
  const [searchParams, setSearchParams] = useSearchParams();
  const [creating, setCreatingState] = useState(() => canReport && searchParams.get('new') === '1');
  const setCreating = (open: boolean) => {
    setCreatingState(open);
    if (!open && searchParams.has('new')) setSearchParams((p) => { p.delete('new'); return p; }, { replace: true });
  };
  const list = useKeysetList((cursor, signal) => hazardsApi.list({ ...filters, ...(cursor ? { cursor } : {}) }, signal), [JSON.stringify(filters)]);

  const columns: TableColumnsType<HazardItem> = [
    { title: t('hazards.field.code'), dataIndex: 'code', width: 170, render: (v: string, h) => <Link to={`/hazards/${h.id}`}>{v}</Link> },
    { title: t('hazards.field.state'), dataIndex: 'state', width: 110, render: (s: string) => <Tag color={STATE_COLORS[s]}>{stateName(s, locale)}</Tag> },
    {
      title: t('hazards.field.category'), dataIndex: 'category', width: 160,
      render: (c: string, h) => <Space size={4}>{categoryName(c, locale)}{h.grade === 'major' ? <Tag color="red">{gradeName('major', locale)}</Tag> : null}</Space>,
    },
    {
      title: t('hazards.field.description'), dataIndex: 'description', width: 320,
      render: (v: string) => <Typography.Paragraph ellipsis={{ rows: 2, tooltip: v }} style={{ marginBottom: 0, minWidth: 240 }}>{v}</Typography.Paragraph>,
    },
    { title: t('hazards.field.target'), key: 'target', width: 160, render: (_: unknown, h) => h.enterprise?.name ?? h.place?.name ?? '—' },
    { title: t('hazards.field.grid'), key: 'grid', width: 150, render: (_: unknown, h) => h.grid?.name ?? '—' },
    {
      title: t('hazards.field.deadline'), dataIndex: 'deadline', width: 140,
      render: (d: string | null, h) => (
        <Space size={4}>
          <Typography.Text type={h.overdue ? 'danger' : undefined}>{d ?? '—'}</Typography.Text>
          {h.overdue ? <Tag color="red">{t('hazards.overdue')}</Tag> : null}
          {h.escalationLevel > 0 ? <Tag color="volcano">{t('hazards.escalated', { n: h.escalationLevel })}</Tag> : null}
          {h.listed ? <Tag color="magenta">{t('hazards.listedShort')}</Tag> : null}
        </Space>
      ),
    },
    { title: t('hazards.field.createdAt'), dataIndex: 'createdAt', width: 170, render: (v: string) => formatTime(v, locale) },
  ];

  return (
    <>
      <PageHeader title={t('hazards.list.title')} subtitle={t('hazards.list.subtitle')}
        extra={canReport ? <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="hazard-create">{t('hazards.create.button')}</Button> : null} />
      <Flex wrap gap={8} style={{ marginBottom: 12 }}>
        <Select allowClear placeholder={t('hazards.field.state')} style={{ width: 140 }} value={filters.state}
          options={HAZARD_STATES.map((s) => ({ value: s, label: stateName(s, locale) }))} onChange={(v?: string) => setFilters((f) => ({ ...f, state: v }))} />
        <Select allowClear showSearch optionFilterProp="label" placeholder={t('hazards.field.category')} style={{ width: 200 }} value={filters.category}
          options={HAZARD_CATEGORIES.map((c) => ({ value: c.code, label: pick(c, locale) }))} onChange={(v?: string) => setFilters((f) => ({ ...f, category: v }))} />
        <Select allowClear placeholder={t('hazards.field.grade')} style={{ width: 130 }} value={filters.grade}
          options={(['general', 'major'] as const).map((g) => ({ value: g, label: gradeName(g, locale) }))} onChange={(v?: 'general' | 'major') => setFilters((f) => ({ ...f, grade: v }))} />
        <Checkbox checked={!!filters.overdue} onChange={(e) => setFilters((f) => ({ ...f, overdue: e.target.checked || undefined }))}>{t('hazards.filter.overdue')}</Checkbox>
        <Checkbox checked={!!filters.listed} onChange={(e) => setFilters((f) => ({ ...f, listed: e.target.checked || undefined }))}>{t('hazards.filter.listed')}</Checkbox>
        <Input.Search allowClear placeholder={t('hazards.filter.q')} style={{ width: 220 }} value={q} onChange={(e) => setQ(e.target.value)}
          onSearch={(v) => setFilters((f) => ({ ...f, q: v.trim() || undefined }))} />
      </Flex>
      <DataTable list={list} rowKey="id" columns={columns} scroll={{ x: 1400 }} size="middle"
        onRow={(h) => ({ onDoubleClick: () => void navigate(`/hazards/${h.id}`) })} data-testid="hazard-table" />
      <CreateHazardModal open={creating} onClose={() => setCreating(false)} onCreated={(id) => { setCreating(false); void navigate(`/hazards/${id}`); }} />
    </>
  );
}
