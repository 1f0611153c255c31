// /rewards — 举报奖励: proposals for the first valid reporter of each hazard, approval within the
// band of the hazard's grade, and the payout record (by someone other than the approver).
import { useState } from 'react';
import { Alert, App, Button, Flex, Form, Input, InputNumber, Modal, Radio, Select, Space, type TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { describeError } from '../../../api/client.js';
import { formatTime } from '../../../app/format.js';
import { useLocale, useT } from '../../../app/i18n.js';
import { DataTable, useKeysetList } from '../../../components/DataTable.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { StatusTag } from '../../../components/StatusTag.js';
import { REWARD_STATES } from '../../../../common/modules/reports/reports.contract.js';
import { rewardsApi, type RewardFilter, type RewardView } from '../api.js';
import { REWARD_STATE_STYLES } from '../statuses.js';

type Decision = { kind: 'approve' | 'reject' | 'pay'; reward: RewardView } | null;

export default function RewardsPage() {
  const t = useT();
  const { locale } = useLocale();
  const lang = locale === 'en' ? 'en' : 'zh';
  const [state, setState] = useState<RewardFilter['state']>('proposed');
  const [decision, setDecision] = useState<Decision>(null);
  const list = useKeysetList((cursor, signal) => rewardsApi.list({ ...(state ? { state } : {}), ...(cursor ? { cursor } : {}) }, signal), [state]);

  const columns: TableColumnsType<RewardView> = [
    { title: t('reports.col.code'), key: 'code', render: (_v, w) => <Link to={`/reports/${w.report.id}`} className="sg-mono">{w.report.code}</Link> },
    { title: t('reports.col.category'), key: 'cat', render: (_v, w) => w.report.category.name[lang] },
    { title: t('reports.col.unit'), key: 'unit', render: (_v, w) => w.unit.name },
    { title: t('reports.confirm.grade'), key: 'grade', render: (_v, w) => t(`reports.grade.${w.grade}`) },
    { title: t('reports.reward.band'), key: 'band', render: (_v, w) => `${w.band.min}–${w.band.max} ${w.currency}` },
    { title: t('reports.reward.reporter'), key: 'rep', render: (_v, w) => (w.reporter ? [w.reporter.name, w.reporter.phone].filter(Boolean).join(' · ') : '—') },
    { title: t('reports.col.state'), key: 'state', render: (_v, w) => <StatusTag status={w.state} map={REWARD_STATE_STYLES} /> },
    { title: t('reports.reward.amount'), key: 'amount', render: (_v, w) => (w.amount ? `${w.amount} ${w.currency}` : '—') },
    { title: t('reports.reward.record'), key: 'rec', render: (_v, w) => (w.paidAt ? `${formatTime(w.paidAt, locale)} · ${w.payoutReference ?? ''}` : w.decidedAt ? `${formatTime(w.decidedAt, locale)} · ${w.decidedBy ?? ''}` : '—') },
    {
      title: t('app.action.actions'), key: 'act',
      render: (_v, w) => (
        <Space>
          {w.state === 'proposed' ? <Button size="small" type="primary" onClick={() => setDecision({ kind: 'approve', reward: w })}>{t('reports.reward.approve')}</Button> : null}
          {w.state === 'proposed' ? <Button size="small" danger onClick={() => setDecision({ kind: 'reject', reward: w })}>{t('reports.reward.reject')}</Button> : null}
          {w.state === 'approved' ? <Button size="small" onClick={() => setDecision({ kind: 'pay', reward: w })}>{t('reports.reward.pay')}</Button> : null}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader title={t('reports.reward.title')} subtitle={t('reports.reward.subtitle')} />
      <Flex className="sg-filters" gap={8}>
        <Select allowClear value={state} onChange={setState} style={{ width: 180 }} placeholder={t('reports.filter.state')}
          options={REWARD_STATES.map((s) => ({ value: s, label: t(`reports.reward.state.${s}`) }))} />
      </Flex>
      <DataTable<RewardView> list={list} columns={columns} rowKey="id" />
      <DecisionModal decision={decision} onClose={() => setDecision(null)} onDone={(w) => { setDecision(null); list.replace((x) => x.id === w.id, w); }} />
    </>
  );
}

function DecisionModal(props: { decision: Decision; onClose: () => void; onDone: (w: RewardView) => void }) {
  const t = useT();
  const { locale } = useLocale();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ amount?: number; grade?: 'general' | 'major'; note?: string; method?: 'bank_transfer' | 'cash' | 'mobile_payment' | 'other'; reference?: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const d = props.decision;
  const submit = async (v: { amount?: number; grade?: 'general' | 'major'; note?: string; method?: 'bank_transfer' | 'cash' | 'mobile_payment' | 'other'; reference?: string }) => {
    if (!d) return;
    setBusy(true);
    setError(null);
    try {
      const w = d.kind === 'approve'
        ? await rewardsApi.approve(d.reward.id, { amount: v.amount ?? 0, ...(v.grade ? { grade: v.grade } : {}), ...(v.note ? { note: v.note } : {}) })
        : d.kind === 'reject'
          ? await rewardsApi.reject(d.reward.id, v.note ?? '')
          : await rewardsApi.pay(d.reward.id, { method: v.method ?? 'bank_transfer', reference: v.reference ?? '', ...(v.note ? { note: v.note } : {}) });
      void message.success(t('app.saved'));
      form.resetFields();
      props.onDone(w);
    } catch (e) {
      setError(describeError(e, locale));
    } finally {
      setBusy(false);
    }
  };
  const title = d ? t(`reports.reward.${d.kind}`) : '';
  return (
    <Modal open={d !== null} title={title} onCancel={props.onClose} onOk={() => form.submit()} confirmLoading={busy} okText={title} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ grade: d?.reward.grade, method: 'bank_transfer' }}>
        {d?.kind === 'approve' ? (
          <>
            <Form.Item name="grade" label={t('reports.confirm.grade')}><Radio.Group options={[{ value: 'general', label: t('reports.grade.general') }, { value: 'major', label: t('reports.grade.major') }]} /></Form.Item>
            <Form.Item name="amount" label={t('reports.reward.amount')} extra={t('reports.reward.bandHint', { min: d.reward.band.min, max: d.reward.band.max })} rules={[{ required: true, message: t('reports.reward.amountNeeded') }]}>
              <InputNumber min={0} step={50} style={{ width: '100%' }} addonAfter={d.reward.currency} />
            </Form.Item>
          </>
        ) : null}
        {d?.kind === 'pay' ? (
          <>
            <Form.Item name="method" label={t('reports.reward.method')}>
              <Select options={(['bank_transfer', 'mobile_payment', 'cash', 'other'] as const).map((m) => ({ value: m, label: t(`reports.reward.method.${m}`) }))} />
            </Form.Item>
            <Form.Item name="reference" label={t('reports.reward.reference')} rules={[{ required: true, message: t('reports.reward.referenceNeeded') }]}><Input maxLength={100} /></Form.Item>
          </>
        ) : null}
        <Form.Item name="note" label={t('reports.reward.note')} rules={d?.kind === 'reject' ? [{ required: true, min: 2, message: t('reports.reward.noteNeeded') }] : []}><Input.TextArea rows={2} maxLength={500} /></Form.Item>
      </Form>
      {d?.kind === 'pay' ? <Alert type="info" showIcon title={t('reports.reward.payHint')} style={{ marginBottom: 8 }} /> : null}
      {error ? <Alert type="error" showIcon title={error} /> : null}
    </Modal>
  );
}
