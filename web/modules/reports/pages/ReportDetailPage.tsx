// /reports/:id — one report for staff: what the resident wrote, photos, place, timeline, linked
// reports; the triage decisions (confirm as a hazard, reject with a reason, transfer), merging
// nearby duplicates, and the audited view of who reported.
import { useCallback, useEffect, useState } from 'react';
import {
  Alert, App, Button, Card, Col, Descriptions, Empty, Flex, Form, Image, Input, Modal, Radio, Row, Space, Spin, Table, Tag, Timeline, Typography,
} from 'antd';
import { ArrowLeftOutlined, CheckOutlined, CloseOutlined, EyeOutlined, MergeCellsOutlined, SwapOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams } from 'react-router';
import { describeError } from '../../../api/client.js';
import { formatTime } from '../../../app/format.js';
import { applyServerErrors } from '../../../app/forms.js';
import { useLocale, useT } from '../../../app/i18n.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { StatusTag } from '../../../components/StatusTag.js';
import { UnitSelect } from '../../../components/UnitSelect.js';
import { REPORT_ATTRIBUTES, REPORT_LIMITS } from '../../../../common/modules/reports/reports.contract.js';
import { reportsApi, type ReportDetailView, type ReporterContacts, type SimilarItem } from '../api.js';
import { REPORT_STATE_STYLES, REWARD_STATE_STYLES, STAGE_STYLES } from '../statuses.js';
import { fileContentUrl, thumbnailUrl } from '../../../api/files.js';

type Action = 'confirm' | 'reject' | 'transfer' | null;

export default function ReportDetailPage() {
  const t = useT();
  const { locale } = useLocale();
  const lang = locale === 'en' ? 'en' : 'zh';
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [r, setR] = useState<ReportDetailView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [action, setAction] = useState<Action>(null);
  const [similar, setSimilar] = useState<SimilarItem[] | null>(null);
  const [picked, setPicked] = useState<string[]>([]);
  const [merging, setMerging] = useState(false);
  const [reporter, setReporter] = useState<ReporterContacts | null>(null);
  const [mergedCount, setMergedCount] = useState(0);

  const load = useCallback(() => {
    reportsApi.get(id).then((d) => { setR(d); setError(null); }).catch((e: unknown) => setError(describeError(e, locale)));
  }, [id, locale]);
  useEffect(load, [load]);
  useEffect(() => {
    if (!r?.can.merge || r.state === 'merged' || r.state === 'rejected') {
      setSimilar(null);
      return;
    }
    reportsApi.similar(id).then((s) => setSimilar(s.items.filter((x) => x.state !== 'merged' && x.mergedInto === null))).catch(() => setSimilar([]));
  }, [id, r?.can.merge, r?.state, mergedCount]);

  if (error) return <Alert type="error" showIcon title={error} action={<Button onClick={() => void navigate(-1)}>{t('reports.detail.back')}</Button>} />;
  if (!r) return <div className="sg-center"><Spin /></div>;

  const attrText = (code: string, v: unknown) => {
    const values = REPORT_ATTRIBUTES.find((a) => a.code === code)?.values ?? [];
    const name = (x: unknown) => values.find((e) => e.key === x)?.name[lang] ?? (typeof x === 'string' || typeof x === 'number' ? String(x) : '');
    return Array.isArray(v) ? v.map(name).join('、') : name(v);
  };
  const merge = async () => {
    setMerging(true);
    try {
      const res = await reportsApi.merge({ targetId: r.id, sourceIds: picked });
      setR(res.target);
      setPicked([]);
      setMergedCount((n) => n + 1);
      void message.success(t('reports.detail.merged', { n: res.merged.length }));
    } catch (e) {
      void message.error(describeError(e, locale));
    } finally {
      setMerging(false);
    }
  };
  const unmask = async () => {
    try {
      setReporter(await reportsApi.reporter(r.id));
    } catch (e) {
      void message.error(describeError(e, locale));
    }
  };

  const pending = r.state === 'pending' && r.can.triage;
  return (
    <>
      <PageHeader
        title={<Space wrap><Link to="/reports/triage" aria-label={t('reports.detail.back')}><ArrowLeftOutlined /></Link>{r.category.name[lang]} <span className="sg-mono">{r.code}</span></Space>}
        subtitle={`${r.unit.name} · ${formatTime(r.createdAt, locale)}`}
        extra={
          <>
            {pending ? <Button type="primary" icon={<CheckOutlined />} onClick={() => setAction('confirm')} data-testid="report-confirm">{t('reports.action.confirm')}</Button> : null}
            {pending ? <Button danger icon={<CloseOutlined />} onClick={() => setAction('reject')} data-testid="report-reject">{t('reports.action.reject')}</Button> : null}
            {pending ? <Button icon={<SwapOutlined />} onClick={() => setAction('transfer')}>{t('reports.action.transfer')}</Button> : null}
            {r.can.reporter && r.contact ? <Button icon={<EyeOutlined />} onClick={() => void unmask()}>{t('reports.action.reporter')}</Button> : null}
          </>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card title={t('reports.detail.report')}>
            <Flex gap={6} wrap style={{ marginBottom: 12 }}>
              <StatusTag status={r.state} map={REPORT_STATE_STYLES} />
              {r.state !== 'pending' ? <StatusTag status={r.stage} map={STAGE_STYLES} /> : null}
              {r.channel === 'open311' ? <Tag>Open311</Tag> : null}
              {r.gridOverride ? <Tag>{t('reports.col.transferred')}</Tag> : null}
            </Flex>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} data-testid="report-text">{r.description}</Typography.Paragraph>
            <Descriptions column={1} size="small">
              {Object.entries(r.attributes).map(([k, v]) => (
                <Descriptions.Item key={k} label={t(`reports.attr.${k}`)}>{attrText(k, v)}</Descriptions.Item>
              ))}
              <Descriptions.Item label={t('reports.detail.location')}>
                {`${r.lng.toFixed(5)}, ${r.lat.toFixed(5)}`} · {t(`reports.source.${r.locationSource}`)}{r.address ? ` · ${r.address}` : ''}
              </Descriptions.Item>
              <Descriptions.Item label={t('reports.status.contact')}>
                {r.contact ? [r.contact.name, r.contact.phone, r.contact.email].filter(Boolean).join(' · ') : t('reports.status.anonymous')}
              </Descriptions.Item>
              {r.rejectReason ? <Descriptions.Item label={t('reports.status.rejectReason')}>{r.rejectReason}</Descriptions.Item> : null}
              {r.hazardId ? <Descriptions.Item label={t('reports.detail.hazard')}><Link to={`/hazards/${r.hazardId}`}>#{r.hazardId}</Link>{r.hazardGrade ? ` · ${t(`reports.grade.${r.hazardGrade}`)}` : ''}</Descriptions.Item> : null}
              {r.reward ? <Descriptions.Item label={t('reports.status.reward')}><StatusTag status={r.reward.state} map={REWARD_STATE_STYLES} />{r.reward.amount ? `¥${r.reward.amount}` : ''}</Descriptions.Item> : null}
            </Descriptions>
            {r.photoList.length ? (
              <Image.PreviewGroup>
                <div className="sg-report-photos" style={{ marginTop: 12 }}>
                  {r.photoList.map((p) => <Image key={p.id} src={thumbnailUrl(p.id)} preview={{ src: fileContentUrl(p.id) }} width={120} height={90} style={{ objectFit: 'cover' }} alt={t('reports.form.photos')} />)}
                </div>
              </Image.PreviewGroup>
            ) : null}
          </Card>
          {similar !== null ? (
            <Card title={t('reports.detail.similar')} extra={<Button icon={<MergeCellsOutlined />} disabled={picked.length === 0} loading={merging} onClick={() => void merge()} data-testid="report-merge">{t('reports.action.merge', { n: picked.length })}</Button>}>
              {similar.length === 0 ? <Empty description={t('reports.detail.noSimilar')} /> : (
                <Table<SimilarItem>
                  size="small" rowKey="id" pagination={false} dataSource={similar}
                  rowSelection={{ selectedRowKeys: picked, onChange: (keys) => setPicked(keys.map(String)) }}
                  columns={[
                    { title: t('reports.col.code'), key: 'c', render: (_v, x) => <Link to={`/reports/${x.id}`} className="sg-mono">{x.code}</Link> },
                    { title: t('reports.col.excerpt'), key: 'e', render: (_v, x) => x.excerpt },
                    { title: t('reports.detail.distance'), key: 'd', render: (_v, x) => <span style={{ whiteSpace: 'nowrap' }}>{x.distanceM} m</span> },
                    { title: t('reports.col.state'), key: 's', render: (_v, x) => <StatusTag status={x.state} map={REPORT_STATE_STYLES} /> },
                  ]}
                />
              )}
              <Typography.Text type="secondary">{t('reports.detail.mergeHint')}</Typography.Text>
            </Card>
          ) : null}
        </Col>
        <Col xs={24} lg={10}>
          <Card title={t('reports.detail.timeline')}>
            <Timeline items={r.events.map((e) => ({
              children: (
                <>
                  <Typography.Text strong>{t(`reports.event.${e.kind}`)}</Typography.Text>
                  {e.toUnit ? <Typography.Text> → {e.toUnit.name}</Typography.Text> : null}
                  <br />
                  <Typography.Text type="secondary">{formatTime(e.at, locale)}{e.actor ? ` · ${e.actor}` : ''}</Typography.Text>
                  {e.publicNote && e.kind !== 'reward' ? <div>{t('reports.detail.publicNote')}: {e.publicNote}</div> : null}
                  {e.internalNote ? <div><Typography.Text type="secondary">{t('reports.detail.internalNote')}: {e.internalNote}</Typography.Text></div> : null}
                </>
              ),
            }))} />
          </Card>
          {r.linked.length ? (
            <Card title={t('reports.detail.linked')}>
              {r.linked.map((l) => (
                <div key={l.id}><Link to={`/reports/${l.id}`} className="sg-mono">{l.code}</Link> <StatusTag status={l.state} map={REPORT_STATE_STYLES} /> {formatTime(l.createdAt, locale)}</div>
              ))}
            </Card>
          ) : null}
          {r.supporterList.length ? (
            <Card title={t('reports.detail.supporters', { n: r.supporterList.length })}>
              {r.supporterList.map((s, i) => (
                <div key={i}>{formatTime(s.at, locale)} · {s.contact ? [s.contact.name, s.contact.phone, s.contact.email].filter(Boolean).join(' · ') : t('reports.status.anonymous')}</div>
              ))}
            </Card>
          ) : null}
        </Col>
      </Row>

      <DecisionModal report={r} action={action} onClose={() => setAction(null)} onDone={(d) => { setAction(null); if (d) setR(d); else void navigate('/reports/triage'); }} />
      <Modal open={reporter !== null} title={t('reports.reporter.title')} onCancel={() => setReporter(null)} footer={null} destroyOnHidden>
        <Alert type="warning" showIcon title={t('reports.reporter.audited')} style={{ marginBottom: 12 }} />
        <Descriptions column={1} size="small" bordered>
          <Descriptions.Item label={t('reports.form.name')}>{reporter?.reporter?.name ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('reports.form.phone')}>{reporter?.reporter?.phone ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('reports.form.email')}>{reporter?.reporter?.email ?? '—'}</Descriptions.Item>
        </Descriptions>
        {reporter?.supporters.length ? (
          <>
            <Typography.Title level={5} style={{ marginTop: 16 }}>{t('reports.detail.supporters', { n: reporter.supporters.length })}</Typography.Title>
            {reporter.supporters.map((s, i) => <div key={i}>{formatTime(s.at, locale)} · {s.contact ? [s.contact.name, s.contact.phone, s.contact.email].filter(Boolean).join(' · ') : t('reports.status.anonymous')}</div>)}
          </>
        ) : null}
      </Modal>
    </>
  );
}

interface DecisionValues {
  mode?: 'new' | 'link';
  hazardId?: string;
  grade?: 'general' | 'major';
  majorBasis?: string;
  description?: string;
  reason?: string;
  note?: string;
  unitCode?: string;
}

function DecisionModal(props: { report: ReportDetailView; action: Action; onClose: () => void; onDone: (d: ReportDetailView | null) => void }) {
  const t = useT();
  const { locale } = useLocale();
  const [form] = Form.useForm<DecisionValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const mode = Form.useWatch('mode', form);
  const grade = Form.useWatch('grade', form);
  const { action, report } = props;

  const submit = async (v: DecisionValues) => {
    setBusy(true);
    setError(null);
    try {
      if (action === 'confirm') {
        props.onDone(await reportsApi.confirm(report.id, v.mode === 'link' && v.hazardId ? { hazardId: v.hazardId, ...(v.note ? { note: v.note } : {}) } : {
          grade: v.grade ?? 'general', ...(v.grade === 'major' && v.majorBasis ? { majorBasis: v.majorBasis } : {}),
          ...(v.description?.trim() ? { description: v.description.trim() } : {}), ...(v.note ? { note: v.note } : {}),
        }));
      } else if (action === 'reject') {
        props.onDone(await reportsApi.reject(report.id, { reason: v.reason ?? '', ...(v.note ? { note: v.note } : {}) }));
      } else if (action === 'transfer') {
        props.onDone((await reportsApi.transfer(report.id, { unitCode: v.unitCode ?? '', reason: v.reason ?? '' })).report);
      }
      form.resetFields();
    } catch (e) {
      setError(applyServerErrors(form, e, locale));
    } finally {
      setBusy(false);
    }
  };

  const title = action ? t(`reports.action.${action}`) : '';
  return (
    <Modal open={action !== null} title={title} onCancel={props.onClose} onOk={() => form.submit()} confirmLoading={busy} destroyOnHidden okText={title}>
      <Form<DecisionValues> form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ mode: 'new', grade: 'general', description: report.description }}>
        {action === 'confirm' ? (
          <>
            <Form.Item name="mode"><Radio.Group options={[{ value: 'new', label: t('reports.confirm.new') }, { value: 'link', label: t('reports.confirm.link') }]} /></Form.Item>
            {mode === 'link' ? (
              <Form.Item name="hazardId" label={t('reports.confirm.hazardId')} rules={[{ required: true, pattern: /^[0-9]{1,19}$/, message: t('reports.confirm.hazardIdNeeded') }]}><Input /></Form.Item>
            ) : (
              <>
                <Form.Item name="grade" label={t('reports.confirm.grade')}><Radio.Group options={[{ value: 'general', label: t('reports.grade.general') }, { value: 'major', label: t('reports.grade.major') }]} /></Form.Item>
                {grade === 'major' ? <Form.Item name="majorBasis" label={t('reports.confirm.majorBasis')} rules={[{ required: true, message: t('reports.confirm.majorBasisNeeded') }]}><Input.TextArea rows={2} maxLength={500} /></Form.Item> : null}
                <Form.Item name="description" label={t('reports.confirm.description')} extra={t('reports.confirm.descriptionHint')}><Input.TextArea rows={4} maxLength={REPORT_LIMITS.descriptionMax} /></Form.Item>
              </>
            )}
          </>
        ) : null}
        {action === 'reject' ? (
          <Form.Item name="reason" label={t('reports.reject.reason')} extra={t('reports.reject.reasonHint')} rules={[{ required: true, min: 2, message: t('reports.reject.reasonNeeded') }]}>
            <Input.TextArea rows={3} maxLength={REPORT_LIMITS.reasonMax} />
          </Form.Item>
        ) : null}
        {action === 'transfer' ? (
          <>
            <Form.Item name="unitCode" label={t('reports.transfer.unit')} rules={[{ required: true, message: t('reports.transfer.unitNeeded') }]}><UnitSelect /></Form.Item>
            <Form.Item name="reason" label={t('reports.transfer.reason')} rules={[{ required: true, min: 2, message: t('reports.transfer.reasonNeeded') }]}><Input.TextArea rows={2} maxLength={REPORT_LIMITS.reasonMax} /></Form.Item>
          </>
        ) : null}
        {action !== 'transfer' ? <Form.Item name="note" label={t('reports.detail.internalNote')}><Input maxLength={REPORT_LIMITS.reasonMax} /></Form.Item> : null}
      </Form>
      {error ? <Alert type="error" showIcon title={error} /> : null}
    </Modal>
  );
}
