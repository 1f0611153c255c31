// Risk-driven plans: coverage per unit for a period (planned vs done, overdue), the tasks, the
// interval table (grade × risk colour → months) and 双随机 spot checks with their seed.
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import {
  Alert, App, Button, Card, Descriptions, Flex, Form, Input, InputNumber, Progress, Result, Select, Space, Table, Tabs, Tag, Typography, type TableColumnsType,
} from 'antd';
import { ExperimentOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { RISK_LEVELS, type RiskLevel } from '../../../../common/rules/risk-level.js';
import { describeError } from '../../../api/client.js';
import { useCan } from '../../../access/can.js';
import { useLocale, useT } from '../../../app/i18n.js';
import { DataTable, useKeysetList } from '../../../components/DataTable.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { UnitSelect } from '../../../components/UnitSelect.js';
import { pick } from '../../hazards/components/labels.js';
import { inspectionsApi, type Coverage, type SpotCheck, type Task } from '../api.js';

function thisPeriod(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}
const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;

function CoverageTab(props: { period: string; unit: string | undefined }) {
  const t = useT();
  const { locale } = useLocale();
  const { message } = App.useApp();
  const canManage = useCan('plan.manage');
  const [cov, setCov] = useState<Coverage | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const load = useCallback(() => {
    if (!PERIOD.test(props.period)) return;
    setError(null);
    inspectionsApi.coverage({ period: props.period, ...(props.unit ? { unit: props.unit } : {}) }).then(setCov, setError);
  }, [props.period, props.unit]);
  useEffect(() => {
    const timer = setTimeout(load, 300);
    return () => clearTimeout(timer);
  }, [load]);
  const generate = async () => {
    setBusy(true);
    try {
      const r = await inspectionsApi.generate({ period: props.period, ...(props.unit ? { unitCode: props.unit } : cov ? { unitCode: cov.unit.code } : {}) });
      message.success(t('inspections.plans.generated', { created: r.created, considered: r.considered, unassigned: r.unassigned }));
      load();
    } catch (err) {
      message.error(describeError(err, locale));
    } finally {
      setBusy(false);
    }
  };
  type CovRow = Coverage['rows'][number];
  const columns: TableColumnsType<CovRow> = [
    { title: t('inspections.plans.unit'), key: 'unit', render: (_: unknown, r) => r.unit.name },
    { title: t('inspections.plans.planned'), dataIndex: 'planned', align: 'right' },
    { title: t('inspections.plans.done'), dataIndex: 'done', align: 'right' },
    { title: t('inspections.plans.open'), dataIndex: 'open', align: 'right' },
    { title: t('inspections.plans.overdue'), dataIndex: 'overdue', align: 'right', render: (n: number) => <Typography.Text type={n ? 'danger' : undefined}>{n}</Typography.Text> },
    { title: t('inspections.plans.rate'), dataIndex: 'rate', width: 180, render: (r: number | null) => (r === null ? '—' : <Progress percent={Math.round(r * 100)} size="small" />) },
  ];
  return (
    <>
      {error ? <Alert type="error" showIcon title={describeError(error, locale)} style={{ marginBottom: 12 }} /> : null}
      {canManage ? <Button icon={<ThunderboltOutlined />} loading={busy} onClick={() => void generate()} style={{ marginBottom: 12 }}>{t('inspections.plans.generate', { period: props.period })}</Button> : null}
      {cov ? (
        <>
          <Descriptions size="small" column={{ xs: 2, md: 5 }} style={{ marginBottom: 8 }}>
            <Descriptions.Item label={t('inspections.plans.unit')}>{cov.unit.name}</Descriptions.Item>
            <Descriptions.Item label={t('inspections.plans.planned')}>{cov.totals.planned}</Descriptions.Item>
            <Descriptions.Item label={t('inspections.plans.done')}>{cov.totals.done}</Descriptions.Item>
            <Descriptions.Item label={t('inspections.plans.overdue')}>{cov.totals.overdue}</Descriptions.Item>
            <Descriptions.Item label={t('inspections.plans.rate')}>{cov.totals.rate === null ? '—' : `${Math.round(cov.totals.rate * 1000) / 10}%`}</Descriptions.Item>
          </Descriptions>
          <Table<CovRow> rowKey={(r) => r.unit.code} size="small" columns={columns} dataSource={cov.rows} pagination={false} scroll={{ x: 700 }} />
        </>
      ) : null}
    </>
  );
}

function TasksTab(props: { period: string; unit: string | undefined }) {
  const t = useT();
  const [status, setStatus] = useState<'open' | 'done' | undefined>(undefined);
  const list = useKeysetList((cursor, signal) => inspectionsApi.tasks({
    ...(PERIOD.test(props.period) ? { period: props.period } : {}), ...(props.unit ? { unit: props.unit } : {}), ...(status ? { status } : {}), ...(cursor ? { cursor } : {}),
  }, signal), [props.period, props.unit, status]);
  const columns: TableColumnsType<Task> = [
    { title: t('inspections.field.target'), key: 'target', render: (_: unknown, r) => <Space>{r.target.name}{r.kind === 'spot_check' ? <Tag color="purple">{t('inspections.tasks.spot')}</Tag> : null}</Space> },
    { title: t('inspections.field.grid'), key: 'grid', render: (_: unknown, r) => r.grid?.name ?? '—' },
    { title: t('inspections.tasks.assignee'), key: 'assignee', render: (_: unknown, r) => [r.assignee?.name, ...r.coAssignees.map((c) => c.name)].filter(Boolean).join('、') || <Tag color="orange">{t('inspections.tasks.unassigned')}</Tag> },
    { title: t('inspections.tasks.dueDate'), dataIndex: 'dueDate', render: (d: string, r) => <Typography.Text type={r.overdue ? 'danger' : undefined}>{d}</Typography.Text> },
    { title: t('inspections.field.status'), dataIndex: 'status', render: (s: string, r) => (r.inspectionId ? <Link to={`/inspections/${r.inspectionId}`}>{t(`inspections.taskStatus.${s}`)}</Link> : t(`inspections.taskStatus.${s}`)) },
  ];
  return (
    <>
      <Select allowClear placeholder={t('inspections.field.status')} style={{ width: 140, marginBottom: 8 }} value={status} onChange={setStatus}
        options={(['open', 'done'] as const).map((s) => ({ value: s, label: t(`inspections.taskStatus.${s}`) }))} />
      <DataTable list={list} rowKey="id" columns={columns} size="small" scroll={{ x: 800 }} />
    </>
  );
}

function IntervalsTab() {
  const t = useT();
  const { locale } = useLocale();
  const { message } = App.useApp();
  const canManage = useCan('plan.manage');
  const [rows, setRows] = useState<Array<{ grade: 'A' | 'B' | 'C' | 'D' | '-'; riskLevel: number; months: number }>>([]);
  useEffect(() => { inspectionsApi.intervals().then((r) => setRows(r.items), (e: unknown) => message.error(describeError(e, locale))); }, [message, locale]);
  const grades = ['D', 'C', 'B', 'A', '-'] as const;
  const levels = [0, 1, 2, 3, 4];
  const value = (g: string, l: number) => rows.find((r) => r.grade === g && r.riskLevel === l)?.months;
  const set = (g: (typeof grades)[number], l: number, months: number) => setRows((rs) => rs.map((r) => (r.grade === g && r.riskLevel === l ? { ...r, months } : r)));
  const save = async () => {
    try {
      setRows((await inspectionsApi.saveIntervals(rows)).items);
      message.success(t('inspections.intervals.saved'));
    } catch (err) {
      message.error(describeError(err, locale));
    }
  };
  const levelName = (l: number) => (l === 0 ? t('inspections.intervals.noRisk') : pick(RISK_LEVELS[l as RiskLevel].colourName, locale) + ' · ' + pick(RISK_LEVELS[l as RiskLevel].name, locale));
  return (
    <>
      <Typography.Paragraph type="secondary">{t('inspections.intervals.help')}</Typography.Paragraph>
      <Table size="small" pagination={false} rowKey="grade" dataSource={grades.map((g) => ({ grade: g }))} scroll={{ x: 700 }}
        columns={[
          { title: t('inspections.intervals.grade'), dataIndex: 'grade', render: (g: string) => (g === '-' ? t('inspections.intervals.ungraded') : g) },
          ...levels.map((l) => ({
            title: levelName(l), key: String(l),
            render: (_: unknown, r: { grade: (typeof grades)[number] }) => (canManage
              ? <InputNumber min={1} max={24} size="small" value={value(r.grade, l)} onChange={(v) => typeof v === 'number' && set(r.grade, l, v)} style={{ width: 70 }} />
              : value(r.grade, l)),
          })),
        ]} />
      {canManage ? <Button type="primary" style={{ marginTop: 12 }} onClick={() => void save()}>{t('app.action.save')}</Button> : null}
    </>
  );
}

function SpotCheckTab(props: { period: string; unit: string | undefined }) {
  const t = useT();
  const { locale } = useLocale();
  const { message } = App.useApp();
  const canManage = useCan('plan.manage');
  const [form] = Form.useForm<{ placeCount: number; inspectorsPerPlace: number; seed?: string }>();
  const [result, setResult] = useState<SpotCheck | null>(null);
  const [verified, setVerified] = useState<boolean | null>(null);
  const [lookup, setLookup] = useState('');
  const draw = async () => {
    const v = await form.validateFields();
    if (!props.unit) {
      message.warning(t('inspections.spot.unitNeeded'));
      return;
    }
    try {
      setVerified(null);
      setResult(await inspectionsApi.spotCheck({ unitCode: props.unit, period: props.period, placeCount: v.placeCount, inspectorsPerPlace: v.inspectorsPerPlace, ...(v.seed?.trim() ? { seed: v.seed.trim() } : {}) }));
    } catch (err) {
      message.error(describeError(err, locale));
    }
  };
  const open = async (id: string) => {
    try {
      setVerified(null);
      setResult(await inspectionsApi.getSpotCheck(id));
    } catch (err) {
      message.error(describeError(err, locale));
    }
  };
  const verify = async () => {
    if (!result) return;
    setVerified((await inspectionsApi.verifySpotCheck(result.id)).reproduced);
  };
  return (
    <Flex vertical gap={12}>
      {canManage ? (
        <Form form={form} layout="inline" initialValues={{ placeCount: 5, inspectorsPerPlace: 2 }}>
          <Form.Item name="placeCount" label={t('inspections.spot.places')} rules={[{ required: true }]}><InputNumber min={1} max={500} /></Form.Item>
          <Form.Item name="inspectorsPerPlace" label={t('inspections.spot.inspectors')}><InputNumber min={1} max={5} /></Form.Item>
          <Form.Item name="seed" label={t('inspections.spot.seed')} extra={t('inspections.spot.seedHelp')}><Input style={{ width: 200 }} /></Form.Item>
          <Form.Item><Button type="primary" icon={<ExperimentOutlined />} onClick={() => void draw()}>{t('inspections.spot.draw')}</Button></Form.Item>
        </Form>
      ) : null}
      <Space>
        <Input placeholder={t('inspections.spot.id')} value={lookup} onChange={(e) => setLookup(e.target.value)} style={{ width: 160 }} />
        <Button disabled={!/^\d+$/.test(lookup)} onClick={() => void open(lookup)}>{t('inspections.spot.open')}</Button>
      </Space>
      {result ? (
        <Card size="small" title={t('inspections.spot.result', { id: result.id, period: result.period })}
          extra={<Button size="small" onClick={() => void verify()}>{t('inspections.spot.verify')}</Button>}>
          {verified !== null ? <Alert style={{ marginBottom: 8 }} type={verified ? 'success' : 'error'} showIcon title={verified ? t('inspections.spot.reproduced') : t('inspections.spot.notReproduced')} /> : null}
          <Descriptions size="small" column={{ xs: 1, md: 3 }}>
            <Descriptions.Item label={t('inspections.spot.seed')}><Typography.Text code copyable>{result.seed}</Typography.Text></Descriptions.Item>
            <Descriptions.Item label={t('inspections.spot.candidates')}>{t('inspections.spot.candidatesText', { places: result.candidates.places, inspectors: result.candidates.inspectors })}</Descriptions.Item>
            <Descriptions.Item label={t('inspections.spot.by')}>{result.createdBy}</Descriptions.Item>
          </Descriptions>
          <Table size="small" rowKey={(r) => r.place.id} pagination={false} dataSource={result.selection}
            columns={[
              { title: t('inspections.field.target'), key: 'p', render: (_: unknown, r) => r.place.name },
              { title: t('inspections.spot.inspectors'), key: 'i', render: (_: unknown, r) => r.inspectors.map((i) => i.name).join('、') },
            ]} />
        </Card>
      ) : null}
    </Flex>
  );
}

export default function PlansPage() {
  const t = useT();
  const [period, setPeriod] = useState(thisPeriod());
  const [unit, setUnit] = useState<string | undefined>(undefined);
  if (!useCan('plan.read')) return <Result status="403" />;
  return (
    <>
      <PageHeader title={t('inspections.plans.title')} subtitle={t('inspections.plans.subtitle')} />
      <Flex wrap gap={8} style={{ marginBottom: 12 }}>
        <Input value={period} onChange={(e) => setPeriod(e.target.value)} style={{ width: 120 }} aria-label={t('inspections.plans.period')} placeholder="YYYY-MM"
          status={PERIOD.test(period) ? '' : 'error'} />
        <UnitSelect value={unit} onChange={(v) => setUnit(v || undefined)} style={{ width: 220 }} />
      </Flex>
      <Tabs items={[
        { key: 'coverage', label: t('inspections.plans.coverage'), children: <CoverageTab period={period} unit={unit} /> },
        { key: 'tasks', label: t('inspections.plans.tasks'), children: <TasksTab period={period} unit={unit} /> },
        { key: 'spot', label: t('inspections.plans.spot'), children: <SpotCheckTab period={period} unit={unit} /> },
        { key: 'intervals', label: t('inspections.plans.intervals'), children: <IntervalsTab /> },
      ]} />
    </>
  );
}
