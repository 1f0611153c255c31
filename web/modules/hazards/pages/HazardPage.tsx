// One hazard: what, where, who is responsible, its deadline and escalation, photos before and
// after, the signatures of the inspection it came from, the timeline of every step, and the
// actions the server says this user may take now.
import { useCallback, useEffect, useState } from 'react';
import { useParams } from 'react-router';
import {
  Alert, App, Button, Card, Descriptions, Empty, Flex, Form, Image, Input, InputNumber, Modal, Result, Select, Space, Spin, Tag, Timeline, Typography,
} from 'antd';
import { FilePdfOutlined, ReloadOutlined } from '@ant-design/icons';
import { HAZARD_CATEGORIES, RESPONSIBILITY_NAMES, RESPONSIBILITY_ROLES } from '../../../../common/modules/hazards/hazards.contract.js';
import { PLAN_ITEMS, PLAN_ITEM_NAMES, type HazardAction } from '../../../../common/modules/hazards/hazards.workflow.js';
import { SIGNATURE_ROLE_NAMES, type SignatureRole } from '../../../../common/modules/inspections/inspections.contract.js';
import { LIMITS } from '../../../../common/limits.js';
import { ApiError, describeError } from '../../../api/client.js';
import { formatTime } from '../../../app/format.js';
import { applyServerErrors } from '../../../app/forms.js';
import { useLocale, useT } from '../../../app/i18n.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { hazardsApi, type Hazard } from '../api.js';
import { PhotoUpload } from '../components/PhotoUpload.js';
import { actionName, categoryName, gradeName, pick, SOURCE_NAMES, STATE_COLORS, stateName } from '../components/labels.js';
import { fileContentUrl, thumbnailUrl } from '../../../api/files.js';

type ActionValues = {
  comment?: string;
  reason?: string;
  evidence?: string[];
  category?: string;
  grade?: 'general' | 'major';
  majorBasis?: string;
  rectifyDays?: number;
  extensionDays?: number;
  responsible?: Record<string, string | undefined>;
  plan?: Record<string, string>;
};

/** Which fields each action asks for. */
const ACTION_FIELDS: Record<HazardAction, Array<'comment' | 'reason' | 'evidence' | 'evidenceRequired' | 'classify' | 'rectifyDays' | 'extensionDays' | 'responsible' | 'plan'>> = {
  confirm: ['classify', 'rectifyDays', 'responsible', 'comment'],
  reject: ['reason'],
  issue: ['rectifyDays', 'responsible', 'comment'],
  submit: ['evidenceRequired', 'comment'],
  accept: ['evidence', 'comment'],
  return: ['reason', 'evidence'],
  request_extension: ['extensionDays', 'reason'],
  approve_extension: ['extensionDays', 'comment'],
  deny_extension: ['reason'],
  reopen: ['reason', 'rectifyDays'],
  assign: ['responsible', 'comment'],
  set_plan: ['plan', 'evidence'],
  list: ['comment'],
  waive_listing: ['reason'],
};

const DANGER: ReadonlySet<HazardAction> = new Set(['reject', 'return', 'deny_extension', 'reopen']);
const PRIMARY: ReadonlySet<HazardAction> = new Set(['confirm', 'issue', 'submit', 'accept', 'approve_extension']);

function ActionModal(props: { hazard: Hazard; action: HazardAction | null; onClose: () => void; onDone: (h: Hazard) => void }) {
  const t = useT();
  const { locale } = useLocale();
  const { message } = App.useApp();
  const [form] = Form.useForm<ActionValues>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { hazard: h, action } = props;
  const grade = Form.useWatch('grade', form);

  useEffect(() => {
    if (!action) return;
    form.resetFields();
    setError(null);
    form.setFieldsValue({
      category: h.category, grade: h.grade, majorBasis: h.majorBasis ?? undefined, rectifyDays: h.rectifyDays ?? undefined,
      extensionDays: h.extensionRequest?.days,
      responsible: Object.fromEntries(RESPONSIBILITY_ROLES.map((k) => [k, h.responsible[k]?.name])),
      plan: Object.fromEntries(PLAN_ITEMS.map((k) => [k, h.plan?.[k] ?? ''])),
    });
  }, [action, h, form]);

  if (!action) return null;
  const fields = ACTION_FIELDS[action];
  const submit = async () => {
    let v: ActionValues;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const responsible = fields.includes('responsible') && v.responsible
        ? Object.fromEntries(RESPONSIBILITY_ROLES.flatMap((k) => {
            const name = v.responsible?.[k]?.trim();
            if (!name) return [];
            const same = h.responsible[k];
            return [[k, same && same.name === name ? same : { name }]];
          }))
        : undefined;
      const res = await hazardsApi.act(h.id, action, {
        ...(v.comment?.trim() ? { comment: v.comment.trim() } : {}),
        ...(v.reason?.trim() ? { reason: v.reason.trim() } : {}),
        ...(v.evidence?.length ? { evidence: v.evidence } : {}),
        ...(fields.includes('classify') ? { category: v.category, grade: v.grade, ...(v.grade === 'major' && v.majorBasis ? { majorBasis: v.majorBasis } : {}) } : {}),
        ...(fields.includes('rectifyDays') && v.rectifyDays !== undefined && v.rectifyDays !== null ? { rectifyDays: v.rectifyDays } : {}),
        ...(fields.includes('extensionDays') && v.extensionDays ? { extensionDays: v.extensionDays } : {}),
        ...(responsible && Object.keys(responsible).length ? { responsible } : {}),
        ...(fields.includes('plan') && v.plan ? { plan: Object.fromEntries(PLAN_ITEMS.map((k) => [k, (v.plan?.[k] ?? '').trim()])) as NonNullable<Parameters<typeof hazardsApi.act>[2]['plan']> } : {}),
        expectedUpdatedAt: h.updatedAt,
      });
      message.success(t('hazards.action.done', { action: actionName(action, locale) }));
      props.onDone(res);
    } catch (err) {
      const placed = applyServerErrors(form, err, locale);
      const reason = err instanceof ApiError ? (err.details.reason as { zh: string; en: string } | undefined) : undefined;
      setError(reason ? pick(reason, locale) : placed);
    } finally {
      setBusy(false);
    }
  };

  const required = (f: string) => ({ required: true, message: t('app.form.required', { field: f }) });
  return (
    <Modal open title={actionName(action, locale)} onCancel={props.onClose} onOk={() => void submit()} confirmLoading={busy} okText={t('app.action.confirm')}
      cancelText={t('app.action.cancel')} okButtonProps={{ danger: DANGER.has(action), 'data-testid': 'hazard-action-ok' }} width={640} forceRender>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} /> : null}
      <Form<ActionValues> form={form} layout="vertical">
        {fields.includes('classify') ? (
          <Flex gap={12} wrap>
            <Form.Item name="category" label={t('hazards.field.category')} style={{ minWidth: 220, flex: 1 }}>
              <Select showSearch optionFilterProp="label" options={HAZARD_CATEGORIES.map((c) => ({ value: c.code, label: pick(c, locale) }))} />
            </Form.Item>
            <Form.Item name="grade" label={t('hazards.field.grade')} style={{ minWidth: 140 }}>
              <Select options={(['general', 'major'] as const).map((g) => ({ value: g, label: gradeName(g, locale) }))} />
            </Form.Item>
          </Flex>
        ) : null}
        {fields.includes('classify') && grade === 'major' ? (
          <Form.Item name="majorBasis" label={t('hazards.field.majorBasis')} rules={[required(t('hazards.field.majorBasis'))]}>
            <Input.TextArea rows={2} maxLength={LIMITS.textMax} />
          </Form.Item>
        ) : null}
        {fields.includes('rectifyDays') ? (
          <Form.Item name="rectifyDays" label={t('hazards.field.rectifyDays')} extra={t('hazards.field.rectifyDaysHelp')}>
            <InputNumber min={0} max={365} style={{ width: 160 }} />
          </Form.Item>
        ) : null}
        {fields.includes('extensionDays') ? (
          <Form.Item name="extensionDays" label={t('hazards.field.extensionDays')} rules={action === 'request_extension' ? [{ required: true, message: t('app.form.required', { field: t('hazards.field.extensionDays') }) }] : []}>
            <InputNumber min={1} max={365} style={{ width: 160 }} />
          </Form.Item>
        ) : null}
        {fields.includes('responsible') ? (
          <Flex gap={12} wrap>
            {RESPONSIBILITY_ROLES.map((k) => (
              <Form.Item key={k} name={['responsible', k]} label={pick(RESPONSIBILITY_NAMES[k], locale)} style={{ minWidth: 130, flex: 1 }}>
                <Input maxLength={LIMITS.displayNameMax} />
              </Form.Item>
            ))}
          </Flex>
        ) : null}
        {fields.includes('plan') ? PLAN_ITEMS.map((k) => (
          <Form.Item key={k} name={['plan', k]} label={pick(PLAN_ITEM_NAMES[k], locale)}>
            <Input.TextArea rows={2} maxLength={LIMITS.textMax} />
          </Form.Item>
        )) : null}
        {fields.includes('reason') ? (
          <Form.Item name="reason" label={t('hazards.field.reason')} rules={[required(t('hazards.field.reason'))]}>
            <Input.TextArea rows={3} maxLength={LIMITS.commentMax} data-testid="hazard-action-reason" />
          </Form.Item>
        ) : null}
        {fields.includes('evidence') || fields.includes('evidenceRequired') ? (
          <Form.Item name="evidence" label={fields.includes('evidenceRequired') ? t('hazards.field.afterPhotos') : t('hazards.field.evidence')}
            rules={fields.includes('evidenceRequired') ? [{ required: true, type: 'array', min: 1, message: t('hazards.field.afterPhotosRequired') }] : []}>
            <PhotoUpload testId="hazard-action-photos" />
          </Form.Item>
        ) : null}
        {fields.includes('comment') ? (
          <Form.Item name="comment" label={t('hazards.field.comment')}>
            <Input.TextArea rows={3} maxLength={LIMITS.commentMax} data-testid="hazard-action-comment" />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}

function Photos(props: { items: Array<{ id: string; url: string; takenAt: string | null }>; size?: number }) {
  const { locale } = useLocale();
  if (props.items.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Image.PreviewGroup>
      <Flex wrap gap={8}>
        {props.items.map((p) => (
          <div key={p.id} style={{ textAlign: 'center' }}>
            <Image src={thumbnailUrl(p.id)} preview={{ src: fileContentUrl(p.id) }} width={props.size ?? 96} height={props.size ?? 96} style={{ objectFit: 'cover', borderRadius: 6 }} alt="" />
            {p.takenAt ? <div style={{ fontSize: 11, color: '#888' }}>{formatTime(p.takenAt, locale)}</div> : null}
          </div>
        ))}
      </Flex>
    </Image.PreviewGroup>
  );
}

export default function HazardPage() {
  const t = useT();
  const { locale } = useLocale();
  const { id = '' } = useParams();
  const [h, setH] = useState<Hazard | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [action, setAction] = useState<HazardAction | null>(null);

  const load = useCallback(() => {
    setError(null);
    hazardsApi.get(id).then(setH, setError);
  }, [id]);
  useEffect(load, [load]);

  if (error) return <Result status={error instanceof ApiError && error.status === 404 ? '404' : 'error'} title={describeError(error, locale)} extra={<Button onClick={load}>{t('app.action.refresh')}</Button>} />;
  if (!h) return <Spin style={{ display: 'block', margin: '64px auto' }} />;

  const person = (k: (typeof RESPONSIBILITY_ROLES)[number]) => h.responsible[k]?.name ?? '—';
  return (
    <>
      <PageHeader
        title={<Space wrap>{h.code}<Tag color={STATE_COLORS[h.state]} data-testid="hazard-state">{stateName(h.state, locale)}</Tag>
          {h.grade === 'major' ? <Tag color="red">{gradeName('major', locale)}</Tag> : null}
          {h.overdue ? <Tag color="red">{t('hazards.overdueDays', { n: h.daysOverdue })}</Tag> : null}
          {h.supervision && !h.supervision.delistedAt ? <Tag color="magenta">{t('hazards.listed')}</Tag> : null}</Space>}
        subtitle={h.description}
        extra={<Space wrap>
          <Button icon={<FilePdfOutlined />} href={hazardsApi.noticePdf(h.id)} target="_blank">{t('hazards.pdf.notice')}</Button>
          {h.state === 'closed' ? <Button icon={<FilePdfOutlined />} href={hazardsApi.acceptancePdf(h.id)} target="_blank">{t('hazards.pdf.acceptance')}</Button> : null}
          <Button icon={<ReloadOutlined />} onClick={load} aria-label={t('app.action.refresh')} />
        </Space>} />

      {h.abilities.length > 0 ? (
        <Card size="small" style={{ marginBottom: 12 }} title={t('hazards.actions')}>
          <Flex wrap gap={8}>
            {h.abilities.map((a) => (
              <Button key={a} type={PRIMARY.has(a) ? 'primary' : 'default'} danger={DANGER.has(a)} onClick={() => setAction(a)} data-testid={`hazard-action-${a}`}>
                {actionName(a, locale)}
              </Button>
            ))}
          </Flex>
        </Card>
      ) : null}

      <Flex gap={12} wrap align="start">
        <Card size="small" style={{ flex: '1 1 420px', minWidth: 0 }} title={t('hazards.section.facts')}>
          <Descriptions column={{ xs: 1, sm: 1, md: 2 }} size="small">
            <Descriptions.Item label={t('hazards.field.category')}>{categoryName(h.category, locale)}</Descriptions.Item>
            <Descriptions.Item label={t('hazards.field.grade')}>{gradeName(h.grade, locale)}</Descriptions.Item>
            {h.grade === 'major' ? <Descriptions.Item label={t('hazards.field.majorBasis')} span={2}>{h.majorBasis}</Descriptions.Item> : null}
            <Descriptions.Item label={t('hazards.field.source')}>{pick(SOURCE_NAMES[h.source], locale)}</Descriptions.Item>
            <Descriptions.Item label={t('hazards.field.target')}>{h.enterprise?.name ?? h.place?.name ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('hazards.field.grid')}>{h.grid?.name ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('hazards.field.location')}>{h.location.lng.toFixed(6)}, {h.location.lat.toFixed(6)}</Descriptions.Item>
            <Descriptions.Item label={t('hazards.field.deadline')}>
              <Typography.Text type={h.overdue ? 'danger' : undefined} data-testid="hazard-deadline">{h.deadline ?? '—'}</Typography.Text>
              {h.rectifyDays !== null ? <Typography.Text type="secondary"> {t('hazards.workingDays', { n: h.rectifyDays })}</Typography.Text> : null}
              {h.deadlineProvisional ? <Tag color="gold" style={{ marginLeft: 8 }} data-testid="hazard-deadline-provisional">{t('hazards.deadlineProvisional')}</Tag> : null}
            </Descriptions.Item>
            <Descriptions.Item label={t('hazards.field.createdAt')}>{formatTime(h.createdAt, locale)}</Descriptions.Item>
            {h.extensionRequest ? (
              <Descriptions.Item label={t('hazards.field.extensionRequest')} span={2}>
                {t('hazards.extensionText', { days: h.extensionRequest.days, by: h.extensionRequest.by })}：{h.extensionRequest.reason}
              </Descriptions.Item>
            ) : null}
            {h.rejectReason ? <Descriptions.Item label={t('hazards.field.reason')} span={2}>{h.rejectReason}</Descriptions.Item> : null}
            {h.closedAt ? <Descriptions.Item label={t('hazards.field.closedAt')}>{formatTime(h.closedAt, locale)} {h.closedOnTime ? <Tag color="green">{t('hazards.onTime')}</Tag> : <Tag color="orange">{t('hazards.late')}</Tag>}</Descriptions.Item> : null}
          </Descriptions>
        </Card>
        <Card size="small" style={{ flex: '1 1 300px', minWidth: 0 }} title={t('hazards.section.responsible')}>
          <Descriptions column={1} size="small">
            {RESPONSIBILITY_ROLES.map((k) => <Descriptions.Item key={k} label={pick(RESPONSIBILITY_NAMES[k], locale)}>{person(k)}</Descriptions.Item>)}
            {h.rectifiedBy ? <Descriptions.Item label={t('hazards.field.rectifiedBy')}>{h.rectifiedBy}</Descriptions.Item> : null}
            {h.acceptedBy ? <Descriptions.Item label={t('hazards.field.acceptedBy')}>{h.acceptedBy}</Descriptions.Item> : null}
          </Descriptions>
        </Card>
      </Flex>

      {h.grade === 'major' ? (
        <Card size="small" style={{ marginTop: 12 }} title={<Space>{t('hazards.section.plan')}{h.planComplete ? <Tag color="green">{t('hazards.planComplete')}</Tag> : <Tag color="orange">{t('hazards.planIncomplete')}</Tag>}</Space>}>
          {h.listingWaiver ? <Alert style={{ marginBottom: 8 }} type="info" showIcon
            title={t('hazards.listingWaived', { by: h.listingWaiver.by, at: formatTime(h.listingWaiver.at, locale), reason: h.listingWaiver.reason })} /> : null}
          {h.supervision ? <Alert style={{ marginBottom: 8 }} type={h.supervision.delistedAt ? 'success' : 'warning'} showIcon
            title={h.supervision.delistedAt ? t('hazards.delistedAt', { unit: h.supervision.unit?.name ?? '', at: formatTime(h.supervision.delistedAt, locale) })
              : t('hazards.listedAt', { unit: h.supervision.unit?.name ?? '', at: formatTime(h.supervision.listedAt, locale) })} /> : null}
          <Descriptions column={1} size="small">
            {PLAN_ITEMS.map((k) => <Descriptions.Item key={k} label={pick(PLAN_ITEM_NAMES[k], locale)}>{h.plan?.[k] || '—'}</Descriptions.Item>)}
          </Descriptions>
        </Card>
      ) : null}

      {h.escalations.length > 0 || h.deadlineHistory.length > 1 ? (
        <Card size="small" style={{ marginTop: 12 }} title={t('hazards.section.escalation')}>
          <Flex wrap gap={8}>
            {h.escalations.map((e) => (
              <Tag key={e.level} color={e.level === 0 ? 'orange' : 'volcano'}>
                {e.level === 0 ? t('hazards.escalation.overdue') : t('hazards.escalation.level', { n: e.level })} · {e.unit?.name ?? ''} · {e.dueOn}
              </Tag>
            ))}
          </Flex>
          {h.deadlineHistory.length > 1 ? (
            <div style={{ marginTop: 8 }} data-testid="hazard-deadline-history">
              <Typography.Text type="secondary">{t('hazards.deadlineHistory')}</Typography.Text>
              {h.deadlineHistory.map((ep) => (
                <div key={ep.episode}>
                  {t('hazards.deadlineEpisode', { n: ep.episode, due: ep.dueOn, reason: t(`hazards.deadlineReason.${ep.reason}`) })}
                  {ep.provisional ? <Tag color="gold" style={{ marginLeft: 4 }}>{t('hazards.deadlineProvisional')}</Tag> : null}
                  {ep.steps.map((e) => (
                    <Tag key={e.level} style={{ marginLeft: 4 }} color={e.level === 0 ? 'orange' : 'volcano'}>
                      {e.level === 0 ? t('hazards.escalation.overdue') : t('hazards.escalation.level', { n: e.level })} · {e.dueOn}
                    </Tag>
                  ))}
                </div>
              ))}
            </div>
          ) : null}
        </Card>
      ) : null}

      <Card size="small" style={{ marginTop: 12 }} title={t('hazards.section.photos')}>
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('hazards.photos.before')}><Photos items={h.photos.before} /></Descriptions.Item>
          <Descriptions.Item label={t('hazards.photos.after')}><div data-testid="hazard-after-photos"><Photos items={h.photos.after} /></div></Descriptions.Item>
          {h.photos.evidence.length ? <Descriptions.Item label={t('hazards.photos.evidence')}><Photos items={h.photos.evidence} /></Descriptions.Item> : null}
        </Descriptions>
      </Card>

      {h.signatures.length > 0 ? (
        <Card size="small" style={{ marginTop: 12 }} title={t('hazards.section.signatures')} data-testid="hazard-signatures">
          <Flex wrap gap={16}>
            {h.signatures.map((s) => (
              <div key={`${s.role}-${s.file.id}`}>
                <img src={s.file.url} alt={s.signerName} style={{ width: 180, height: 68, objectFit: 'contain', border: '1px solid #eee', borderRadius: 4, background: '#fff' }} />
                <div style={{ fontSize: 12 }}>{pick(SIGNATURE_ROLE_NAMES[s.role as SignatureRole], locale)} · {s.signerName}</div>
                <div style={{ fontSize: 11, color: '#888' }}>{formatTime(s.signedAt, locale)}</div>
              </div>
            ))}
          </Flex>
        </Card>
      ) : null}

      <Card size="small" style={{ marginTop: 12 }} title={t('hazards.section.timeline')}>
        {h.timeline.length === 0 ? <Empty /> : (
          <Timeline data-testid="hazard-timeline" items={h.timeline.map((e) => ({
            color: e.action === 'accept' ? 'green' : e.action === 'escalate' || e.action === 'overdue' ? 'red' : e.action === 'reject' || e.action === 'return' ? 'orange' : 'blue',
            content: (
              <div data-testid={`timeline-${e.action}`}>
                <Space wrap size={6}>
                  <Typography.Text strong>{pick(e.actionName, locale)}</Typography.Text>
                  <Typography.Text type="secondary">{e.actor}</Typography.Text>
                  <Typography.Text type="secondary">{formatTime(e.at, locale)}</Typography.Text>
                  {e.toState && e.fromState !== e.toState ? <Tag>{stateName(e.toState, locale)}</Tag> : null}
                </Space>
                {e.comment ? <div>{e.comment}</div> : null}
                {typeof (e.data as { deadline?: unknown }).deadline === 'string' ? <div style={{ color: '#888' }}>{t('hazards.field.deadline')}：{String((e.data as { deadline?: unknown }).deadline)}</div> : null}
                {e.evidence.length ? <div style={{ marginTop: 4 }}><Photos items={e.evidence} size={56} /></div> : null}
              </div>
            ),
          }))} />
        )}
      </Card>

      <ActionModal hazard={h} action={action} onClose={() => setAction(null)} onDone={(nh) => { setAction(null); setH(nh); }} />
    </>
  );
}
