// Register or edit a facility, equipment, supplies or a camera.
import { useEffect, useState } from 'react';
import { Alert, Col, Form, Input, InputNumber, Modal, Row, Select } from 'antd';
import { THING_KINDS, THING_KIND_LABELS, THING_STATUSES } from '../../../../common/modules/things/things.contract.js';
import { applyServerErrors, rules } from '../../../app/forms.js';
import { pick, useLocale, useT } from '../../../app/i18n.js';
import { LocationFields, placementBody, type LocationValues } from '../../registries/components/LocationFields.js';
import { thingsApi, type ThingFull } from '../api.js';

interface Values extends LocationValues {
  kind: string;
  name: string;
  code?: string;
  placeId?: string;
  enterpriseId?: string;
  quantity?: number | null;
  unitOfMeasure?: string;
  spec?: string;
  expiresOn?: string;
  lastInspectedOn?: string;
  nextInspectionOn?: string;
  status?: string;
  notes?: string;
}

export function ThingFormModal(props: { open: boolean; thing?: ThingFull | null; onClose: () => void; onSaved: (x: ThingFull) => void }) {
  const t = useT();
  const { locale } = useLocale();
  const r = rules(t);
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const x = props.thing ?? null;
  useEffect(() => {
    if (!props.open) return;
    form.resetFields();
    if (x) {
      form.setFieldsValue({
        kind: x.kind, name: x.name, code: x.code ?? '', placeId: x.place?.id ?? '', enterpriseId: x.enterprise?.id ?? '', quantity: x.quantity,
        unitOfMeasure: x.unitOfMeasure ?? '', spec: x.spec ?? '', expiresOn: x.expiresOn ?? '', lastInspectedOn: x.lastInspectedOn ?? '',
        nextInspectionOn: x.nextInspectionOn ?? '', status: x.status, notes: x.notes ?? '', lng: x.location?.lng ?? null, lat: x.location?.lat ?? null,
        gridCode: x.gridOverride ? x.grid?.code ?? '' : '', gridOverrideReason: x.gridOverrideReason ?? '',
      });
    }
  }, [props.open, x, form]);
  const submit = async () => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    setError(null);
    const d = (s?: string) => (s ? s : null);
    const body = {
      kind: v.kind as 'hydrant', name: v.name.trim(), code: v.code?.trim() || null, quantity: v.quantity ?? null, unitOfMeasure: v.unitOfMeasure?.trim() || null,
      spec: v.spec?.trim() || null, expiresOn: d(v.expiresOn), lastInspectedOn: d(v.lastInspectedOn), nextInspectionOn: d(v.nextInspectionOn), notes: v.notes?.trim() || null,
      placeId: v.placeId?.trim() || null, enterpriseId: v.enterpriseId?.trim() || null,
    };
    try {
      const saved = x
        ? await thingsApi.update(x.id, { ...body, ...(v.status ? { status: v.status as 'normal' } : {}), ...(v.lng !== (x.location?.lng ?? null) || v.lat !== (x.location?.lat ?? null) ? placementBody(v) : {}) })
        : await thingsApi.create({ ...body, ...placementBody(v) });
      props.onSaved(saved);
    } catch (err) {
      setError(applyServerErrors(form, err, locale));
    } finally {
      setBusy(false);
    }
  };
  const idRule = (label: string) => r.pattern(label, /^[0-9]{1,19}$/);
  return (
    <Modal open={props.open} title={x ? t('things.edit') : t('things.new')} onCancel={props.onClose} onOk={() => void submit()} confirmLoading={busy}
      okText={t('app.action.save')} cancelText={t('app.action.cancel')} width={720} forceRender style={{ top: 24 }}>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Form<Values> form={form} layout="vertical" initialValues={{ kind: 'extinguisher' }}>
        <Row gutter={12}>
          <Col xs={24} sm={8}>
            <Form.Item name="kind" label={t('things.kind')} rules={[r.choose(t('things.kind'))]}>
              <Select options={THING_KINDS.map((k) => ({ value: k, label: pick(THING_KIND_LABELS[k], locale) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={10}><Form.Item name="name" label={t('things.name')} rules={[r.required(t('things.name')), r.max(t('things.name'), 200)]}><Input maxLength={200} /></Form.Item></Col>
          <Col xs={24} sm={6}><Form.Item name="code" label={t('things.code')}><Input maxLength={64} /></Form.Item></Col>
          <Col xs={12} sm={6}><Form.Item name="quantity" label={t('things.quantity')}><InputNumber min={0} precision={0} style={{ width: '100%' }} /></Form.Item></Col>
          <Col xs={12} sm={6}><Form.Item name="unitOfMeasure" label={t('things.unitOfMeasure')}><Input maxLength={16} /></Form.Item></Col>
          <Col xs={24} sm={12}><Form.Item name="spec" label={t('things.spec')}><Input maxLength={400} /></Form.Item></Col>
          <Col xs={24} sm={8}><Form.Item name="expiresOn" label={t('things.expiresOn')}><Input type="date" /></Form.Item></Col>
          <Col xs={12} sm={8}><Form.Item name="lastInspectedOn" label={t('things.lastInspectedOn')}><Input type="date" /></Form.Item></Col>
          <Col xs={12} sm={8}><Form.Item name="nextInspectionOn" label={t('things.nextInspectionOn')}><Input type="date" /></Form.Item></Col>
          {x ? (
            <Col xs={24} sm={8}>
              <Form.Item name="status" label={t('things.status')}><Select options={THING_STATUSES.map((s) => ({ value: s, label: t(`things.status.${s}`) }))} /></Form.Item>
            </Col>
          ) : null}
          <Col xs={12} sm={8}><Form.Item name="placeId" label={t('things.placeId')} rules={[idRule(t('things.placeId'))]}><Input maxLength={19} inputMode="numeric" /></Form.Item></Col>
          <Col xs={12} sm={8}><Form.Item name="enterpriseId" label={t('things.enterpriseId')} rules={[idRule(t('things.enterpriseId'))]} extra={t('things.hostHelp')}><Input maxLength={19} inputMode="numeric" /></Form.Item></Col>
        </Row>
        <LocationFields />
        <Form.Item name="notes" label={t('things.notes')}><Input.TextArea rows={2} maxLength={4000} /></Form.Item>
      </Form>
    </Modal>
  );
}
