// Risk points of a place or an enterprise: the list with their levels and working, and a form
// assessing a new one by LEC or LS with a live preview of the result.
import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Empty, Form, Input, InputNumber, Modal, Popconfirm, Radio, Select, Space, Table, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { describeError } from '../../../api/client.js';
import { useCan } from '../../../access/can.js';
import { formatTime } from '../../../app/format.js';
import { applyServerErrors, rules } from '../../../app/forms.js';
import { pick, useLocale, useT } from '../../../app/i18n.js';
import { calcApi, type LecResult, type LsResult } from '../../calculators/api.js';
import { registryApi, type RiskPoint, type Subject } from '../api.js';
import { RiskTag } from './Tags.js';
import { WorkingSteps } from './Working.js';

interface FactorRow {
  value: number;
  meaning: { zh: string; en: string };
}

interface FormValues {
  name: string;
  hazardFactors?: string;
  controls?: string;
  method: 'lec' | 'ls';
  L?: number;
  E?: number;
  C?: number;
  S?: number;
}

function AssessModal(props: { subject: Subject; open: boolean; onClose: () => void; onSaved: (p: RiskPoint) => void }) {
  const t = useT();
  const { locale } = useLocale();
  const r = rules(t);
  const [form] = Form.useForm<FormValues>();
  const [factors, setFactors] = useState<{ L: FactorRow[]; E: FactorRow[]; C: FactorRow[] } | null>(null);
  const [preview, setPreview] = useState<LecResult | LsResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const method = Form.useWatch('method', form) ?? 'lec';
  const L = Form.useWatch('L', form);
  const E = Form.useWatch('E', form);
  const C = Form.useWatch('C', form);
  const S = Form.useWatch('S', form);

  useEffect(() => {
    if (!props.open || factors) return;
    registryApi.ruleSet('lec.factors').then((rs) => setFactors(rs.data as unknown as { L: FactorRow[]; E: FactorRow[]; C: FactorRow[] }), () => setFactors({ L: [], E: [], C: [] }));
  }, [props.open, factors]);

  useEffect(() => {
    setPreview(null);
    const ready = method === 'lec' ? L !== undefined && E !== undefined && C !== undefined : L !== undefined && S !== undefined;
    if (!ready) return;
    const h = setTimeout(() => {
      const p = method === 'lec' ? calcApi.lec({ L: L as number, E: E as number, C: C as number }) : calcApi.ls({ L: L as number, S: S as number });
      p.then(setPreview, () => setPreview(null));
    }, 250);
    return () => clearTimeout(h);
  }, [method, L, E, C, S]);

  const options = (rows: FactorRow[] | undefined) => (rows ?? []).map((f) => ({ value: f.value, label: `${f.value} — ${pick(f.meaning, locale)}` }));

  const submit = async () => {
    let v: FormValues;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const base = { name: v.name.trim(), ...(v.hazardFactors ? { hazardFactors: v.hazardFactors } : {}), ...(v.controls ? { controls: v.controls } : {}) };
      const saved = v.method === 'lec'
        ? await registryApi.assessRisk(props.subject, { ...base, method: 'lec', inputs: { L: v.L as number, E: v.E as number, C: v.C as number } })
        : await registryApi.assessRisk(props.subject, { ...base, method: 'ls', inputs: { L: v.L as number, S: v.S as number } });
      form.resetFields();
      setPreview(null);
      props.onSaved(saved);
    } catch (err) {
      setError(applyServerErrors(form, err, locale));
    } finally {
      setBusy(false);
    }
  };

  const value = preview ? ('D' in preview ? preview.D : preview.R) : null;
  return (
    <Modal open={props.open} title={t('registries.riskPoints.add')} onCancel={props.onClose} onOk={() => void submit()} confirmLoading={busy}
      okText={t('app.action.save')} cancelText={t('app.action.cancel')} forceRender width={640}>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Form<FormValues> form={form} layout="vertical" initialValues={{ method: 'lec' }}>
        <Form.Item name="name" label={t('registries.riskPoints.name')} rules={[r.required(t('registries.riskPoints.name')), r.max(t('registries.riskPoints.name'), 200)]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="hazardFactors" label={t('registries.riskPoints.factors')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Form.Item name="controls" label={t('registries.riskPoints.controls')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Form.Item name="method" label={t('registries.riskPoints.method')}>
          <Radio.Group optionType="button" options={[{ value: 'lec', label: t('registries.riskPoints.lec') }, { value: 'ls', label: t('registries.riskPoints.ls') }]} />
        </Form.Item>
        {method === 'lec' ? (
          <>
            <Form.Item name="L" label={t('registries.lec.L')} rules={[r.choose(t('registries.lec.L'))]}><Select options={options(factors?.L)} /></Form.Item>
            <Form.Item name="E" label={t('registries.lec.E')} rules={[r.choose(t('registries.lec.E'))]}><Select options={options(factors?.E)} /></Form.Item>
            <Form.Item name="C" label={t('registries.lec.C')} rules={[r.choose(t('registries.lec.C'))]}><Select options={options(factors?.C)} /></Form.Item>
          </>
        ) : (
          <Space wrap>
            <Form.Item name="L" label={t('registries.ls.L')} rules={[r.range(t('registries.ls.L'), 1, 5), r.choose(t('registries.ls.L'))]}><InputNumber min={1} max={5} precision={0} /></Form.Item>
            <Form.Item name="S" label={t('registries.ls.S')} rules={[r.range(t('registries.ls.S'), 1, 5), r.choose(t('registries.ls.S'))]}><InputNumber min={1} max={5} precision={0} /></Form.Item>
          </Space>
        )}
      </Form>
      {preview ? (
        <Card size="small" style={{ marginTop: 8 }}>
          <Space align="center" wrap>
            <Typography.Text strong style={{ fontSize: 18 }}>{'D' in preview ? 'D' : 'R'} = {value}</Typography.Text>
            <RiskTag level={preview.level} />
          </Space>
          <WorkingSteps steps={preview.working} />
        </Card>
      ) : null}
    </Modal>
  );
}

export function RiskPointsPanel(props: { subject: Subject; canAssess: boolean; onChanged?: () => void }) {
  const t = useT();
  const { locale } = useLocale();
  const { message } = App.useApp();
  const can = useCan('risk.assess') && props.canAssess;
  const [items, setItems] = useState<RiskPoint[] | null>(null);
  const [level, setLevel] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [open, setOpen] = useState(false);
  const [gen, setGen] = useState(0);
  useEffect(() => {
    registryApi.riskPoints(props.subject).then((r) => {
      setItems(r.items);
      setLevel(r.subjectLevel);
    }, setError);
  }, [props.subject.type, props.subject.id, gen]);

  const columns: TableColumnsType<RiskPoint> = useMemo(() => [
    { title: t('registries.riskPoints.name'), dataIndex: 'name', key: 'name' },
    { title: t('registries.riskPoints.method'), key: 'method', render: (_v, p) => (p.method === 'lec' ? `LEC ${p.inputs.L}×${p.inputs.E}×${p.inputs.C}` : `LS ${p.inputs.L}×${p.inputs.S}`) },
    { title: t('registries.riskPoints.value'), dataIndex: 'value', key: 'value' },
    { title: t('registries.risk'), key: 'level', render: (_v, p) => <RiskTag level={p.level} /> },
    { title: t('registries.updatedAt'), key: 'at', render: (_v, p) => `${formatTime(p.assessedAt, locale)} ${p.assessedBy ?? ''}` },
    ...(can ? [{
      title: t('app.action.actions'), key: 'actions',
      render: (_v: unknown, p: RiskPoint) => (
        <Popconfirm title={t('registries.riskPoints.retireConfirm', { name: p.name })} okText={t('app.action.confirm')} cancelText={t('app.action.cancel')}
          onConfirm={() => { void registryApi.retireRisk(p.id).then(() => { setGen((g) => g + 1); props.onChanged?.(); }, (e: unknown) => void message.error(describeError(e, locale))); }}>
          <Button type="link" size="small" danger>{t('registries.riskPoints.retire')}</Button>
        </Popconfirm>
      ),
    }] : []),
  ], [t, locale, can, message, props]);

  return (
    <Card size="small" title={t('registries.riskPoints')}
      extra={can ? <Button size="small" icon={<PlusOutlined />} onClick={() => setOpen(true)}>{t('registries.riskPoints.add')}</Button> : null}>
      {error ? <Alert type="error" showIcon title={describeError(error, locale)} /> : null}
      <Space style={{ marginBottom: 8 }}>
        <Typography.Text type="secondary">{t('registries.riskPoints.subjectLevel')}</Typography.Text>
        <RiskTag level={level} />
      </Space>
      {items && items.length === 0 ? <Empty description={t('registries.riskPoints.empty')} /> : (
        <Table<RiskPoint> size="small" rowKey="id" dataSource={items ?? []} columns={columns} pagination={false} scroll={{ x: 'max-content' }}
          expandable={{ expandedRowRender: (p) => <WorkingSteps steps={p.working} table={p.table} /> }} />
      )}
      <AssessModal subject={props.subject} open={open} onClose={() => setOpen(false)}
        onSaved={() => { setOpen(false); setGen((g) => g + 1); props.onChanged?.(); }} />
    </Card>
  );
}
