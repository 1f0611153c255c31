// The selected unit: code, kind, households, area, boundary version, responsible persons (phones
// masked by the server), grid workers with assign/unassign, counts of what lies in a grid, and
// the actions the server says the user may take (correct attributes, generate grids).
import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Empty, Form, Input, InputNumber, List, Modal, Popconfirm, Select, Space, Tag, Typography } from 'antd';
import { UserAddOutlined } from '@ant-design/icons';
import { describeError } from '../../../api/client.js';
import { formatTime } from '../../../app/format.js';
import { applyServerErrors } from '../../../app/forms.js';
import { useLocale, useT } from '../../../app/i18n.js';
import { KINDS_BY_LEVEL } from '../../../../common/modules/units/units.rules.js';
import { unitsApi, type Generate, type UnitDetailView } from '../api.js';

export function formatArea(m2: number | null | undefined, t: (k: string, v?: Record<string, string | number>) => string): string {
  if (m2 === null || m2 === undefined) return '—';
  if (m2 >= 1e6) return t('units.area.km2', { n: (m2 / 1e6).toFixed(2) });
  return t('units.area.m2', { n: Math.round(m2) });
}

interface EditValues {
  kind?: string;
  households?: number | null;
  population?: number | null;
  leaderName?: string;
  leaderPhone?: string;
  officerName?: string;
  officerPhone?: string;
}

function EditModal(props: { detail: UnitDetailView; open: boolean; onClose: () => void; onSaved: () => void }) {
  const t = useT();
  const { locale } = useLocale();
  const [form] = Form.useForm<EditValues>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const d = props.detail;
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    setError(null);
    try {
      const person = (name?: string, phone?: string) => (name?.trim() ? { name: name.trim(), ...(phone?.trim() ? { phone: phone.trim() } : {}) } : null);
      await unitsApi.update(d.code, {
        ...(v.kind && v.kind !== d.kind ? { kind: v.kind } : {}),
        ...(v.households !== undefined && v.households !== d.households ? { households: v.households } : {}),
        ...(v.population !== undefined && v.population !== d.population ? { population: v.population } : {}),
        ...(v.leaderName !== (d.leader?.name ?? '') || v.leaderPhone ? { leader: person(v.leaderName, v.leaderPhone) } : {}),
        ...(v.officerName !== (d.safetyOfficer?.name ?? '') || v.officerPhone ? { safetyOfficer: person(v.officerName, v.officerPhone) } : {}),
      });
      props.onSaved();
    } catch (err) {
      setError(applyServerErrors(form, err, locale));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={props.open} title={t('units.detail.editTitle', { name: d.shortName })} onCancel={props.onClose} onOk={() => void submit()}
      okText={t('app.action.save')} cancelText={t('app.action.cancel')} confirmLoading={busy} destroyOnHidden>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Form<EditValues> form={form} layout="vertical" initialValues={{
        kind: d.kind, households: d.households, population: d.population,
        leaderName: d.leader?.name ?? '', officerName: d.safetyOfficer?.name ?? '',
      }}>
        <Form.Item name="kind" label={t('units.detail.kind')} extra={t('units.detail.kindHelp')}>
          <Select options={KINDS_BY_LEVEL[d.level].map((k) => ({ value: k, label: k }))} />
        </Form.Item>
        <Space.Compact block>
          <Form.Item name="households" label={t('units.detail.households')} style={{ flex: 1 }}><InputNumber min={0} style={{ width: '100%' }} /></Form.Item>
          <Form.Item name="population" label={t('units.detail.population')} style={{ flex: 1 }}><InputNumber min={0} style={{ width: '100%' }} /></Form.Item>
        </Space.Compact>
        <Space.Compact block>
          <Form.Item name="leaderName" label={t('units.detail.leader')} style={{ flex: 1 }}><Input maxLength={64} /></Form.Item>
          <Form.Item name="leaderPhone" label={t('units.detail.phoneNew')} style={{ flex: 1 }} rules={[{ pattern: /^[0-9+\- ]{5,20}$/, message: t('units.detail.phoneInvalid') }]}>
            <Input placeholder={d.leader?.phone ?? ''} maxLength={20} />
          </Form.Item>
        </Space.Compact>
        <Space.Compact block>
          <Form.Item name="officerName" label={t('units.detail.safetyOfficer')} style={{ flex: 1 }}><Input maxLength={64} /></Form.Item>
          <Form.Item name="officerPhone" label={t('units.detail.phoneNew')} style={{ flex: 1 }} rules={[{ pattern: /^[0-9+\- ]{5,20}$/, message: t('units.detail.phoneInvalid') }]}>
            <Input placeholder={d.safetyOfficer?.phone ?? ''} maxLength={20} />
          </Form.Item>
        </Space.Compact>
      </Form>
    </Modal>
  );
}

function GenerateModal(props: { detail: UnitDetailView; open: boolean; onClose: () => void; onDone: () => void }) {
  const t = useT();
  const { locale } = useLocale();
  const [seed, setSeed] = useState<number>(1);
  const [min, setMin] = useState<number>(300);
  const [max, setMax] = useState<number>(500);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<Generate | null>(null);
  const run = async (force: boolean) => {
    setBusy(true);
    setError(null);
    try {
      setResult(await unitsApi.generate({ unit: props.detail.code, seed, targetMin: min, targetMax: max, force }));
      props.onDone();
    } catch (err) {
      setError(describeError(err, locale));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={props.open} title={t('units.generate.title', { name: props.detail.shortName })} onCancel={props.onClose} destroyOnHidden
      footer={[
        <Button key="c" onClick={props.onClose}>{t('app.action.close')}</Button>,
        <Button key="f" danger loading={busy} onClick={() => void run(true)}>{t('units.generate.force')}</Button>,
        <Button key="g" type="primary" loading={busy} onClick={() => void run(false)}>{t('units.generate.run')}</Button>,
      ]}>
      <Typography.Paragraph type="secondary">{t('units.generate.help')}</Typography.Paragraph>
      <Space wrap>
        <span>{t('units.generate.seed')} <InputNumber min={0} value={seed} onChange={(v) => setSeed(v ?? 1)} /></span>
        <span>{t('units.generate.target')} <InputNumber min={50} value={min} onChange={(v) => setMin(v ?? 300)} /> – <InputNumber min={50} value={max} onChange={(v) => setMax(v ?? 500)} /></span>
      </Space>
      {error ? <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} /> : null}
      {result ? (
        <Alert type="success" showIcon style={{ marginTop: 12 }} title={t('units.generate.done', {
          streets: result.street.total, communities: result.community.total, grids: result.grid.total, created: result.grid.created, changed: result.grid.changed,
        })} description={result.skipped.length ? result.skipped.map((s) => t('units.generate.skipped', { name: s.name, n: s.descendants })).join('；') : undefined} />
      ) : null}
    </Modal>
  );
}

export function UnitDetailPanel(props: { detail: UnitDetailView; onChanged: () => void }) {
  const t = useT();
  const { locale } = useLocale();
  const { message } = App.useApp();
  const d = props.detail;
  const [editOpen, setEditOpen] = useState(false);
  const [genOpen, setGenOpen] = useState(false);
  const [worker, setWorker] = useState('');
  const [busy, setBusy] = useState(false);

  if (d.restricted) {
    return (
      <Card size="small" title={d.name}>
        <Typography.Text type="secondary">{t('units.detail.restricted')}</Typography.Text>
      </Card>
    );
  }
  const assign = async () => {
    if (!worker.trim()) return;
    setBusy(true);
    try {
      await unitsApi.assignWorker(d.code, worker.trim());
      setWorker('');
      props.onChanged();
    } catch (err) {
      void message.error(describeError(err, locale));
    } finally {
      setBusy(false);
    }
  };
  const unassign = async (userId: string) => {
    try {
      await unitsApi.unassignWorker(d.code, userId);
      props.onChanged();
    } catch (err) {
      void message.error(describeError(err, locale));
    }
  };
  const levelLabel = t(`units.level.${d.level}`);
  return (
    <Card size="small" title={<span>{d.shortName} <Tag>{levelLabel}</Tag></span>} data-testid="unit-detail"
      extra={
        <Space size={4}>
          {d.abilities.manage ? <Button size="small" onClick={() => setEditOpen(true)}>{t('app.action.edit')}</Button> : null}
          {d.abilities.generate ? <Button size="small" onClick={() => setGenOpen(true)}>{t('units.generate.button')}</Button> : null}
        </Space>
      }>
      <Descriptions size="small" column={1} items={[
        { key: 'name', label: t('units.detail.name'), children: d.name },
        { key: 'code', label: t('units.detail.code'), children: <Typography.Text copyable>{d.code}</Typography.Text> },
        { key: 'kind', label: t('units.detail.kind'), children: <span>{d.kind}{d.kindSource === 'manual' ? <Tag style={{ marginLeft: 6 }}>{t('units.detail.kindManual')}</Tag> : null}</span> },
        { key: 'households', label: t('units.detail.households'), children: d.households === null ? '—' : <span>{d.households}{d.householdsEstimated ? <Tag color="gold" style={{ marginLeft: 6 }}>{t('units.detail.estimated')}</Tag> : null}</span> },
        { key: 'population', label: t('units.detail.population'), children: d.population ?? '—' },
        { key: 'area', label: t('units.detail.area'), children: formatArea(d.areaM2, t) },
        { key: 'children', label: t('units.detail.children'), children: d.childCount },
        {
          key: 'boundary', label: t('units.detail.boundary'), children: d.boundary
            ? t('units.detail.boundaryVersion', { v: d.boundary.version, source: t(`units.source.${d.boundary.source}`), from: formatTime(d.boundary.validFrom, locale) })
            : t('units.detail.noBoundary'),
        },
        { key: 'leader', label: t('units.detail.leader'), children: d.leader ? `${d.leader.name}${d.leader.phone ? ` ${d.leader.phone}` : ''}` : '—' },
        { key: 'officer', label: t('units.detail.safetyOfficer'), children: d.safetyOfficer ? `${d.safetyOfficer.name}${d.safetyOfficer.phone ? ` ${d.safetyOfficer.phone}` : ''}` : '—' },
      ]} />
      {d.level === 'grid' ? (
        <>
          <Typography.Title level={5} style={{ marginTop: 12 }}>{t('units.detail.workers')}</Typography.Title>
          <List size="small" dataSource={d.workers} locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('units.detail.noWorkers')} /> }}
            renderItem={(w) => (
              <List.Item actions={d.abilities.assignWorkers ? [
                <Popconfirm key="x" title={t('units.detail.unassignConfirm', { name: w.displayName })} onConfirm={() => void unassign(w.userId)}>
                  <Button size="small" type="link" danger>{t('units.detail.unassign')}</Button>
                </Popconfirm>,
              ] : []}>
                <span data-testid="grid-worker">{w.displayName} <Typography.Text type="secondary">({w.username})</Typography.Text></span>
              </List.Item>
            )} />
          {d.abilities.assignWorkers ? (
            <Space.Compact style={{ width: '100%', marginTop: 8 }}>
              <Input value={worker} onChange={(e) => setWorker(e.target.value)} placeholder={t('units.detail.assignPlaceholder')} onPressEnter={() => void assign()} />
              <Button icon={<UserAddOutlined />} loading={busy} onClick={() => void assign()}>{t('units.detail.assign')}</Button>
            </Space.Compact>
          ) : null}
          <Typography.Title level={5} style={{ marginTop: 12 }}>{t('units.detail.counts')}</Typography.Title>
          {Object.keys(d.counts).length === 0 ? <Typography.Text type="secondary">—</Typography.Text> : (
            <Space wrap>{Object.entries(d.counts).map(([k, n]) => <Tag key={k}>{t(`units.table.${k}`) === `units.table.${k}` ? k : t(`units.table.${k}`)}: {n}</Tag>)}</Space>
          )}
        </>
      ) : null}
      <EditModal detail={d} open={editOpen} onClose={() => setEditOpen(false)} onSaved={() => { setEditOpen(false); props.onChanged(); }} />
      <GenerateModal detail={d} open={genOpen} onClose={() => setGenOpen(false)} onDone={props.onChanged} />
    </Card>
  );
}
