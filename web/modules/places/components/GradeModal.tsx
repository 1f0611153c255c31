// Grade a small place by the current rubric: one input per criterion, a live score with the
// working, an optional different grade (the reason must say why).
import { useEffect, useState } from 'react';
import { Alert, Card, Form, Input, InputNumber, Modal, Select, Space, Typography } from 'antd';
import { applyServerErrors, rules } from '../../../app/forms.js';
import { pick, useLocale, useT } from '../../../app/i18n.js';
import { calcApi, type PlaceGradeResult } from '../../calculators/api.js';
import { registryApi } from '../../registries/api.js';
import { GradeTag } from '../../registries/components/Tags.js';
import { WorkingSteps } from '../../registries/components/Working.js';
import { placesApi } from '../api.js';

interface Criterion {
  id: string;
  field: string;
  label: { zh: string; en: string };
  type: 'count' | 'choice';
  options?: Array<{ value: string; label: { zh: string; en: string } }>;
}

export function GradeModal(props: { placeId: string; open: boolean; onClose: () => void; onSaved: (grade: string) => void }) {
  const t = useT();
  const { locale } = useLocale();
  const r = rules(t);
  const [form] = Form.useForm<{ inputs: Record<string, number | string>; grade?: string; reason: string }>();
  const [criteria, setCriteria] = useState<Criterion[]>([]);
  const [preview, setPreview] = useState<PlaceGradeResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const inputs = Form.useWatch('inputs', form) as Record<string, number | string> | undefined;

  useEffect(() => {
    if (!props.open) return;
    registryApi.ruleSet('place-grading').then((rs) => setCriteria((rs.data as unknown as { criteria: Criterion[] }).criteria), () => setCriteria([]));
  }, [props.open]);

  useEffect(() => {
    setPreview(null);
    if (!inputs || criteria.some((c) => inputs[c.field] === undefined || inputs[c.field] === null)) return;
    const h = setTimeout(() => { void calcApi.placeGrade(inputs).then(setPreview, () => setPreview(null)); }, 250);
    return () => clearTimeout(h);
  }, [JSON.stringify(inputs), criteria]);

  const submit = async () => {
    let v: { inputs: Record<string, number | string>; grade?: string; reason: string };
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const res = await placesApi.grade(props.placeId, { inputs: v.inputs, reason: v.reason.trim(), ...(v.grade ? { grade: v.grade as 'A' } : {}) });
      form.resetFields();
      props.onSaved(res.record.gradeTo);
    } catch (err) {
      setError(applyServerErrors(form, err, locale));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={props.open} title={t('places.grade.action')} onCancel={props.onClose} onOk={() => void submit()} confirmLoading={busy}
      okText={t('app.action.save')} cancelText={t('app.action.cancel')} width={640} forceRender>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical">
        {criteria.map((c) => (
          <Form.Item key={c.id} name={['inputs', c.field]} label={pick(c.label, locale)} rules={[r.choose(pick(c.label, locale))]}>
            {c.type === 'count'
              ? <InputNumber min={0} precision={0} style={{ width: 160 }} inputMode="numeric" />
              : <Select options={(c.options ?? []).map((o) => ({ value: o.value, label: pick(o.label, locale) }))} />}
          </Form.Item>
        ))}
        {preview ? (
          <Card size="small" style={{ marginBottom: 12 }}>
            <Space wrap>
              <Typography.Text strong>{t('places.grade.preview', { total: preview.total, grade: preview.grade })}</Typography.Text>
              <GradeTag grade={preview.grade} />
            </Space>
            <Typography.Paragraph type="secondary" style={{ margin: '4px 0' }}>{t('places.grade.advice', { action: pick(preview.action, locale), days: preview.inspectionIntervalDays })}</Typography.Paragraph>
            <WorkingSteps steps={preview.working} table={preview.rubric} />
          </Card>
        ) : null}
        <Form.Item name="grade" label={t('places.grade.override')}>
          <Select allowClear placeholder={t('places.grade.byRubric')} options={['A', 'B', 'C', 'D'].map((g) => ({ value: g, label: g }))} />
        </Form.Item>
        <Form.Item name="reason" label={t('places.grade.reason')} rules={[r.required(t('places.grade.reason')), r.min(t('places.grade.reason'), 2), r.max(t('places.grade.reason'), 2000)]}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
