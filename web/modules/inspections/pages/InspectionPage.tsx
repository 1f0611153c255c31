// Doing an inspection on a phone: answer each item (pass / fail / n.a., a number, a note),
// attach photos, sign three times (team leader, inspector, the premises' person) and submit.
// A submitted inspection is shown read-only with the hazards it raised; a correction starts a
// new linked record.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import {
  Alert, App, Button, Card, Descriptions, Divider, Flex, Input, InputNumber, Result, Segmented, Space, Spin, Tag, Typography,
} from 'antd';
import { CheckCircleOutlined, ExclamationCircleOutlined, SaveOutlined } from '@ant-design/icons';
import { SIGNATURE_ROLE_NAMES, SIGNATURE_ROLES, type SignatureRole } from '../../../../common/modules/inspections/inspections.contract.js';
import { LIMITS } from '../../../../common/limits.js';
import { ApiError, describeError } from '../../../api/client.js';
import { formatTime } from '../../../app/format.js';
import { useLocale, useT } from '../../../app/i18n.js';
import { useSession } from '../../../app/session.js';
import { PhotoUpload } from '../../hazards/components/PhotoUpload.js';
import { categoryName, pick } from '../../hazards/components/labels.js';
import { inspectionsApi, type Answer, type Inspection } from '../api.js';
import { SignaturePad } from '../components/SignaturePad.js';
import { fileContentUrl, thumbnailUrl } from '../../../api/files.js';

type Item = Inspection['items'][number];
type Draft = Record<string, Answer>;

function fromInspection(i: Inspection): Draft {
  const out: Draft = {};
  for (const it of i.items) {
    if (!it.answer) continue;
    out[it.id] = {
      itemId: it.id,
      ...(it.answer.result ? { result: it.answer.result as 'pass' | 'fail' | 'na' } : {}),
      ...(it.answer.numberValue !== null ? { numberValue: it.answer.numberValue } : {}),
      ...(it.answer.textValue ? { textValue: it.answer.textValue } : {}),
      ...(it.answer.comment ? { comment: it.answer.comment } : {}),
      photoIds: it.answer.photos.map((p) => p.id),
    };
  }
  return out;
}

function fails(it: Item, a: Answer | undefined): boolean {
  if (!a) return false;
  if (it.answerType === 'pass_fail' || it.answerType === 'photo') return a.result === 'fail';
  if (it.answerType === 'number' && typeof a.numberValue === 'number' && it.number) {
    return (it.number.min !== null && a.numberValue < it.number.min) || (it.number.max !== null && a.numberValue > it.number.max);
  }
  return false;
}

function ItemCard(props: { item: Item; answer: Answer | undefined; editable: boolean; onChange: (a: Answer) => void }) {
  const t = useT();
  const { locale } = useLocale();
  const { item: it, answer: a, editable } = props;
  const set = (patch: Partial<Answer>) => props.onChange({ itemId: it.id, ...a, ...patch });
  const failed = editable ? fails(it, a) : !!it.answer?.failed;
  const answered = it.answerType === 'text' || (it.answerType === 'number' ? typeof a?.numberValue === 'number' : !!a?.result);
  return (
    <Card size="small" data-testid={`item-${it.key}`}
      style={{ borderColor: failed ? '#ff7875' : undefined, background: failed ? '#fff1f0' : undefined }}
      title={<Space size={6} wrap><Tag>{it.key}</Tag><span style={{ whiteSpace: 'normal' }}>{pick(it.text, locale)}</span></Space>}
      extra={answered ? (failed ? <ExclamationCircleOutlined style={{ color: '#cf1322' }} /> : <CheckCircleOutlined style={{ color: '#52c41a' }} />) : null}>
      {it.legalBasis ? <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>{t('inspections.item.basis')}：{it.legalBasis}</Typography.Paragraph> : null}
      {it.answerType === 'pass_fail' || it.answerType === 'photo' ? (
        <Segmented block disabled={!editable} value={a?.result ?? ''} onChange={(v) => set({ result: v as 'pass' | 'fail' | 'na' })}
          options={[{ value: 'pass', label: t('inspections.answer.pass') }, { value: 'fail', label: t('inspections.answer.fail') }, { value: 'na', label: t('inspections.answer.na') }]}
          data-testid={`answer-${it.key}`} />
      ) : null}
      {it.answerType === 'number' ? (
        <Space wrap>
          <InputNumber disabled={!editable} value={a?.numberValue ?? null} onChange={(v) => set({ numberValue: typeof v === 'number' ? v : null })} style={{ width: 140 }}
            data-testid={`answer-${it.key}`} />
          {it.number?.unit ? <span>{it.number.unit}</span> : null}
          {it.number && (it.number.min !== null || it.number.max !== null)
            ? <Typography.Text type="secondary">{t('inspections.item.bounds', { min: it.number.min ?? '—', max: it.number.max ?? '—' })}</Typography.Text> : null}
        </Space>
      ) : null}
      {it.answerType === 'text' ? (
        <Input.TextArea disabled={!editable} rows={2} maxLength={LIMITS.textMax} value={a?.textValue ?? ''} onChange={(e) => set({ textValue: e.target.value })} />
      ) : null}
      {failed && it.onFail ? (
        <Alert style={{ marginTop: 8 }} type="warning" showIcon title={t(it.onFail.days === 0 ? 'inspections.item.raisesNow' : 'inspections.item.raises', {
          category: categoryName(it.onFail.category, locale), grade: t(`inspections.grade.${it.onFail.grade}`), days: it.onFail.days,
        })} />
      ) : null}
      {it.answerType !== 'text' && (editable || a?.comment) ? (
        <Input.TextArea style={{ marginTop: 8 }} disabled={!editable} rows={1} autoSize maxLength={LIMITS.commentMax} placeholder={t('inspections.item.comment')}
          value={a?.comment ?? ''} onChange={(e) => set({ comment: e.target.value })} data-testid={`comment-${it.key}`} />
      ) : null}
      <div style={{ marginTop: 8 }}>
        {editable ? (
          <PhotoUpload value={a?.photoIds ?? []} onChange={(ids) => set({ photoIds: ids })} testId={`photos-${it.key}`} />
        ) : (
          <Flex wrap gap={6}>{(it.answer?.photos ?? []).map((p) => <a key={p.id} href={fileContentUrl(p.id)} target="_blank" rel="noreferrer"><img src={thumbnailUrl(p.id)} alt="" style={{ width: 64, height: 64, objectFit: 'cover', borderRadius: 4 }} /></a>)}</Flex>
        )}
        {it.answerType === 'photo' && editable ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('inspections.item.photoRequired')}</Typography.Text> : null}
      </div>
      {it.answer?.hazard ? <div style={{ marginTop: 8 }}><Link to={`/hazards/${it.answer.hazard.id}`}>{t('inspections.item.hazard', { code: it.answer.hazard.code })}</Link></div> : null}
    </Card>
  );
}

function Signatures(props: { insp: Inspection; editable: boolean; onSigned: (i: Inspection) => void }) {
  const t = useT();
  const { locale } = useLocale();
  const { message } = App.useApp();
  const { me } = useSession();
  const [names, setNames] = useState<Record<string, string>>({ inspector: me?.displayName ?? '' });
  const [pngs, setPngs] = useState<Record<string, string | null>>({});
  const [busy, setBusy] = useState<string | null>(null);
  const signed = new Map(props.insp.signatures.map((s) => [s.role, s]));

  const sign = async (role: SignatureRole) => {
    const name = names[role]?.trim();
    const png = pngs[role];
    if (!name || !png) {
      message.warning(t('inspections.sign.missing'));
      return;
    }
    setBusy(role);
    try {
      props.onSigned(await inspectionsApi.sign(props.insp.id, role, name, png));
    } catch (err) {
      message.error(describeError(err, locale));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Flex vertical gap={12}>
      {SIGNATURE_ROLES.map((role) => {
        const s = signed.get(role);
        return (
          <Card key={role} size="small" title={pick(SIGNATURE_ROLE_NAMES[role], locale)} data-testid={`sign-${role}`}
            extra={s ? <Tag color="green">{t('inspections.sign.done')}</Tag> : null}>
            {s ? (
              <Flex align="center" gap={12} wrap>
                <img src={s.file.url} alt={s.signerName} style={{ width: 180, height: 64, objectFit: 'contain', background: '#fff', border: '1px solid #eee' }} />
                <span>{s.signerName} · {formatTime(s.signedAt, locale)}</span>
              </Flex>
            ) : null}
            {props.editable ? (
              <Flex vertical gap={8} style={{ marginTop: s ? 8 : 0 }}>
                <Input placeholder={t('inspections.sign.name')} maxLength={LIMITS.displayNameMax} value={names[role] ?? ''}
                  onChange={(e) => setNames((n) => ({ ...n, [role]: e.target.value }))} data-testid={`sign-${role}-name`} />
                <SignaturePad testId={`sign-${role}-pad`} height={140} onChange={(png) => setPngs((p) => ({ ...p, [role]: png }))} />
                <Button type={s ? 'default' : 'primary'} loading={busy === role} onClick={() => void sign(role)} data-testid={`sign-${role}-save`}>
                  {s ? t('inspections.sign.again') : t('inspections.sign.save')}
                </Button>
              </Flex>
            ) : null}
          </Card>
        );
      })}
    </Flex>
  );
}

export default function InspectionPage() {
  const t = useT();
  const { locale } = useLocale();
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  const { id = '' } = useParams();
  const [insp, setInsp] = useState<Inspection | null>(null);
  const [draft, setDraft] = useState<Draft>({});
  const [dirty, setDirty] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [summary, setSummary] = useState('');

  const show = useCallback((i: Inspection) => {
    setInsp(i);
    setDraft(fromInspection(i));
    setDirty(false);
  }, []);
  const load = useCallback(() => {
    setError(null);
    inspectionsApi.get(id).then(show, setError);
  }, [id, show]);
  useEffect(load, [load]);

  const editable = !!insp?.abilities.includes('answer');
  const sections = useMemo(() => {
    const out: Array<{ title: string; items: Item[] }> = [];
    for (const it of insp?.items ?? []) {
      const title = pick(it.section, locale);
      const last = out[out.length - 1];
      if (last && last.title === title) last.items.push(it);
      else out.push({ title, items: [it] });
    }
    return out;
  }, [insp, locale]);

  if (error) return <Result status={error instanceof ApiError && error.status === 404 ? '404' : 'error'} title={describeError(error, locale)} />;
  if (!insp) return <Spin style={{ display: 'block', margin: '64px auto' }} />;

  const save = async (): Promise<Inspection | null> => {
    const answers = Object.values(draft).filter((a) => a.result || typeof a.numberValue === 'number' || a.textValue || a.comment || a.photoIds?.length);
    if (answers.length === 0) return insp;
    setBusy(true);
    try {
      const next = await inspectionsApi.answer(insp.id, answers.map((a) => ({ ...a, comment: a.comment?.trim() || null, textValue: a.textValue?.trim() || null })));
      show(next);
      return next;
    } catch (err) {
      message.error(describeError(err, locale));
      return null;
    } finally {
      setBusy(false);
    }
  };

  const submit = async () => {
    if (dirty && !(await save())) return;
    setProblems([]);
    const failedCount = insp.items.filter((it) => fails(it, draft[it.id])).length;
    modal.confirm({
      title: t('inspections.submit.confirmTitle'),
      content: failedCount ? t('inspections.submit.confirmFailed', { n: failedCount }) : t('inspections.submit.confirmClean'),
      okText: t('inspections.submit.button'), cancelText: t('app.action.cancel'),
      okButtonProps: { 'data-testid': 'submit-confirm' },
      onOk: async () => {
        try {
          const done = await inspectionsApi.submit(insp.id, summary.trim() || undefined);
          show(done);
          message.success(t('inspections.submit.done', { n: done.hazards.length }));
        } catch (err) {
          if (err instanceof ApiError && err.fields.length) {
            setProblems(err.fields.map((f) => {
              const [kind, key] = f.field.split('/');
              return kind === 'signatures' ? t('inspections.problem.signature', { role: pick(SIGNATURE_ROLE_NAMES[key as SignatureRole], locale) }) : t('inspections.problem.item', { key: key ?? '' });
            }));
          } else message.error(describeError(err, locale));
        }
      },
    });
  };

  const correct = () => {
    let reason = '';
    modal.confirm({
      title: t('inspections.correct.title'),
      content: <Input.TextArea rows={3} maxLength={LIMITS.commentMax} placeholder={t('inspections.correct.reason')} onChange={(e) => { reason = e.target.value; }} />,
      okText: t('inspections.correct.button'), cancelText: t('app.action.cancel'),
      onOk: async () => {
        if (!reason.trim()) {
          message.warning(t('inspections.correct.reason'));
          throw new Error('reason');
        }
        const c = await inspectionsApi.correct(insp.id, reason.trim());
        await navigate(`/inspections/${c.id}`);
      },
    });
  };

  return (
    <div style={{ maxWidth: 760, margin: '0 auto', paddingBottom: editable ? 72 : 0 }}>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        <Space wrap>{insp.target.name}<Tag color={insp.status === 'draft' ? 'orange' : 'green'} data-testid="inspection-status">{t(`inspections.status.${insp.status}`)}</Tag></Space>
      </Typography.Title>
      <Descriptions size="small" column={{ xs: 1, sm: 2 }} style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('inspections.field.code')}>{insp.code}</Descriptions.Item>
        <Descriptions.Item label={t('inspections.field.template')}>{pick(insp.template.name, locale)} v{insp.template.version}</Descriptions.Item>
        <Descriptions.Item label={t('inspections.field.grid')}>{insp.grid?.name ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('inspections.field.inspector')}>{insp.inspector.name}</Descriptions.Item>
        <Descriptions.Item label={t('inspections.field.distance')}>
          {insp.distanceM === null ? '—' : <Typography.Text type={insp.distanceM > 200 ? 'warning' : undefined}>{t('inspections.meters', { n: Math.round(insp.distanceM) })}</Typography.Text>}
        </Descriptions.Item>
        <Descriptions.Item label={t('inspections.field.startedAt')}>{formatTime(insp.startedAt, locale)}</Descriptions.Item>
        {insp.submittedAt ? <Descriptions.Item label={t('inspections.field.submittedAt')}>{formatTime(insp.submittedAt, locale)}</Descriptions.Item> : null}
        {insp.corrects ? <Descriptions.Item label={t('inspections.field.corrects')}><Link to={`/inspections/${insp.corrects.id}`}>{insp.corrects.code}</Link>：{insp.corrects.reason}</Descriptions.Item> : null}
        {insp.supersededBy ? <Descriptions.Item label={t('inspections.field.supersededBy')}><Link to={`/inspections/${insp.supersededBy}`}>{t('inspections.field.newer')}</Link></Descriptions.Item> : null}
      </Descriptions>

      {insp.hazards.length ? (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('inspections.hazardsRaised', { n: insp.hazards.length })}
          description={<Flex wrap gap={8}>{insp.hazards.map((h) => <Link key={h.id} to={`/hazards/${h.id}`} data-testid="raised-hazard">{h.code}</Link>)}</Flex>} />
      ) : null}
      {insp.abilities.includes('correct') ? <Button style={{ marginBottom: 12 }} onClick={correct}>{t('inspections.correct.button')}</Button> : null}

      {sections.map((sec) => (
        <div key={sec.title || '-'}>
          {sec.title ? <Divider titlePlacement="start" style={{ margin: '16px 0 8px' }}>{sec.title}</Divider> : null}
          <Flex vertical gap={8}>
            {sec.items.map((it) => (
              <ItemCard key={it.id} item={it} answer={draft[it.id]} editable={editable}
                onChange={(a) => { setDraft((d) => ({ ...d, [it.id]: a })); setDirty(true); }} />
            ))}
          </Flex>
        </div>
      ))}

      <Divider titlePlacement="start">{t('inspections.section.signatures')}</Divider>
      <Signatures insp={insp} editable={editable} onSigned={(i) => { setInsp(i); }} />

      {editable ? (
        <>
          <Input.TextArea style={{ marginTop: 12 }} rows={2} maxLength={LIMITS.textMax} placeholder={t('inspections.field.summary')} value={summary} onChange={(e) => setSummary(e.target.value)} />
          {problems.length ? <Alert type="error" showIcon style={{ marginTop: 12 }} title={t('inspections.problem.title')} description={<ul style={{ margin: 0 }}>{problems.map((p) => <li key={p}>{p}</li>)}</ul>} /> : null}
          <Flex gap={8} style={{ position: 'sticky', bottom: 0, background: 'var(--ant-color-bg-container, #fff)', padding: '10px 0', marginTop: 12, zIndex: 2 }}>
            <Button icon={<SaveOutlined />} block loading={busy} disabled={!dirty} onClick={() => void save().then((r) => r && message.success(t('inspections.saved')))} data-testid="inspection-save">
              {t('app.action.save')}
            </Button>
            <Button type="primary" block onClick={() => void submit()} data-testid="inspection-submit">{t('inspections.submit.button')}</Button>
          </Flex>
        </>
      ) : insp.summary ? <Card size="small" style={{ marginTop: 12 }} title={t('inspections.field.summary')}>{insp.summary}</Card> : null}
    </div>
  );
}
