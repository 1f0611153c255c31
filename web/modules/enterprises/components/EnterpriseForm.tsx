// Register or edit an enterprise; an enterprise user edits only their people, contacts and duties.
import { useEffect, useState } from 'react';
import { Alert, Col, Divider, Form, Input, InputNumber, Modal, Row, Select } from 'antd';
import { ENTERPRISE_LABELS, ENTERPRISE_SCALES, SELF_INSPECTION_CYCLES, STANDARDIZATION_LEVELS } from '../../../../common/modules/enterprises/enterprises.contract.js';
import { validateUscc } from '../../../../common/rules/uscc.js';
import { applyServerErrors, rules } from '../../../app/forms.js';
import { pick, useLocale, useT } from '../../../app/i18n.js';
import { LocationFields, placementBody, type LocationValues } from '../../registries/components/LocationFields.js';
import { PHONE_PATTERN } from '../../places/components/PlaceForm.js';
import { enterprisesApi, type EnterpriseFull } from '../api.js';

interface Values extends LocationValues {
  uscc: string;
  name: string;
  industryCode: string;
  scale?: string | null;
  address?: string;
  legalRepName?: string;
  legalRepPhone?: string;
  principalName?: string;
  principalPhone?: string;
  safetyManagerName?: string;
  safetyManagerPhone?: string;
  employees?: number | null;
  supervisingDepartment?: string;
  standardizationLevel?: string | null;
  selfInspectionCycle?: string | null;
  selfInspectionItems?: string;
}

export function EnterpriseFormModal(props: { open: boolean; enterprise?: EnterpriseFull | null; own?: boolean; onClose: () => void; onSaved: (e: EnterpriseFull) => void }) {
  const t = useT();
  const { locale } = useLocale();
  const r = rules(t);
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const e = props.enterprise ?? null;
  const own = props.own ?? false;

  useEffect(() => {
    if (!props.open) return;
    if (e) {
      form.setFieldsValue({
        uscc: e.uscc, name: e.name, industryCode: e.industryCode, scale: e.scale, address: e.address ?? '', legalRepName: e.legalRepName ?? '',
        principalName: e.principalName ?? '', safetyManagerName: e.safetyManagerName ?? '', employees: e.employees, supervisingDepartment: e.supervisingDepartment ?? '',
        standardizationLevel: e.standardizationLevel, selfInspectionCycle: e.selfInspectionCycle, selfInspectionItems: e.selfInspectionItems ?? '',
        lng: e.location?.lng ?? null, lat: e.location?.lat ?? null, gridCode: e.gridOverride ? e.grid?.code ?? '' : '', gridOverrideReason: e.gridOverrideReason ?? '',
      });
    } else form.resetFields();
  }, [props.open, e, form]);

  const usccRule = {
    validator: async (_r: unknown, value: string | undefined) => {
      if (!value) return;
      const v = validateUscc(value);
      if (!v.valid) throw new Error(v.errors.map((x) => pick(x.message, locale)).join('；'));
    },
  };
  const opt = <K extends string>(values: readonly K[], labels: Record<K, { zh: string; en: string }>) => values.map((v) => ({ value: v, label: pick(labels[v], locale) }));

  const submit = async () => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    setError(null);
    const contacts = {
      address: v.address?.trim() || null, legalRepName: v.legalRepName?.trim() || null, principalName: v.principalName?.trim() || null,
      safetyManagerName: v.safetyManagerName?.trim() || null, employees: v.employees ?? null, standardizationLevel: (v.standardizationLevel ?? null) as 'level1' | null,
      selfInspectionCycle: (v.selfInspectionCycle ?? null) as 'daily' | null, selfInspectionItems: v.selfInspectionItems?.trim() || null,
      ...(v.legalRepPhone ? { legalRepPhone: v.legalRepPhone.trim() } : {}),
      ...(v.principalPhone ? { principalPhone: v.principalPhone.trim() } : {}),
      ...(v.safetyManagerPhone ? { safetyManagerPhone: v.safetyManagerPhone.trim() } : {}),
    };
    try {
      let saved: EnterpriseFull;
      if (own && e) saved = await enterprisesApi.updateOwn(e.id, contacts);
      else {
        const official = { name: v.name.trim(), industryCode: v.industryCode.trim().toUpperCase(), scale: (v.scale ?? null) as 'large' | null, supervisingDepartment: v.supervisingDepartment?.trim() || null };
        const moved = !e || v.lng !== e.location?.lng || v.lat !== e.location?.lat || (v.gridCode ?? '') !== (e.gridOverride ? e.grid?.code ?? '' : '');
        const where = placementBody(v);
        saved = e
          ? await enterprisesApi.update(e.id, { ...contacts, ...official, ...(v.uscc.trim().toUpperCase() !== e.uscc ? { uscc: v.uscc.trim() } : {}), ...(moved ? { ...where, ...(v.gridCode ? {} : { gridCode: null }) } : {}) })
          : await enterprisesApi.create({ ...contacts, ...official, uscc: v.uscc.trim(), ...where });
      }
      props.onSaved(saved);
    } catch (err) {
      setError(applyServerErrors(form, err, locale));
    } finally {
      setBusy(false);
    }
  };

  const phone = (name: keyof Values, label: string, masked: string | null | undefined) => (
    <Form.Item name={name} label={label} rules={[r.pattern(label, PHONE_PATTERN)]} extra={masked ? `${masked}（${t('registries.masked')}）` : undefined}>
      <Input inputMode="tel" maxLength={32} autoComplete="off" />
    </Form.Item>
  );

  return (
    <Modal open={props.open} title={own ? t('enterprises.editOwn') : e ? t('enterprises.edit') : t('enterprises.new')} onCancel={props.onClose} onOk={() => void submit()} confirmLoading={busy}
      okText={t('app.action.save')} cancelText={t('app.action.cancel')} width={760} forceRender style={{ top: 24 }}>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Form<Values> form={form} layout="vertical">
        {own ? null : (
          <>
            <Row gutter={12}>
              <Col xs={24} sm={12}>
                <Form.Item name="uscc" label={t('enterprises.uscc')} extra={t('enterprises.uscc.help')} rules={[r.required(t('enterprises.uscc')), usccRule]} validateTrigger="onBlur">
                  <Input maxLength={40} style={{ fontFamily: 'monospace' }} autoComplete="off" />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12}>
                <Form.Item name="name" label={t('enterprises.name')} rules={[r.required(t('enterprises.name')), r.max(t('enterprises.name'), 200)]}><Input maxLength={200} /></Form.Item>
              </Col>
              <Col xs={24} sm={8}>
                <Form.Item name="industryCode" label={t('enterprises.industry')} extra={t('enterprises.industry.help')} rules={[r.required(t('enterprises.industry')), r.pattern(t('enterprises.industry'), /^[A-Ta-t]([0-9]{2,4})?$/)]}>
                  <Input maxLength={5} style={{ fontFamily: 'monospace' }} />
                </Form.Item>
              </Col>
              <Col xs={12} sm={8}><Form.Item name="scale" label={t('enterprises.scale')}><Select allowClear options={opt(ENTERPRISE_SCALES, ENTERPRISE_LABELS.scale)} /></Form.Item></Col>
              <Col xs={12} sm={8}><Form.Item name="supervisingDepartment" label={t('enterprises.supervising')} rules={[r.max(t('enterprises.supervising'), 100)]}><Input maxLength={100} /></Form.Item></Col>
            </Row>
            <LocationFields required />
          </>
        )}
        <Form.Item name="address" label={t('registries.address')} rules={[r.max(t('registries.address'), 400)]}><Input maxLength={400} /></Form.Item>
        <Divider plain />
        <Row gutter={12}>
          <Col xs={24} sm={12}><Form.Item name="legalRepName" label={t('enterprises.legalRep')}><Input maxLength={64} /></Form.Item></Col>
          <Col xs={24} sm={12}>{phone('legalRepPhone', t('enterprises.legalRepPhone'), e?.legalRepPhone)}</Col>
          <Col xs={24} sm={12}><Form.Item name="principalName" label={t('enterprises.principal')}><Input maxLength={64} /></Form.Item></Col>
          <Col xs={24} sm={12}>{phone('principalPhone', t('enterprises.principalPhone'), e?.principalPhone)}</Col>
          <Col xs={24} sm={12}><Form.Item name="safetyManagerName" label={t('enterprises.safetyManager')}><Input maxLength={64} /></Form.Item></Col>
          <Col xs={24} sm={12}>{phone('safetyManagerPhone', t('enterprises.safetyManagerPhone'), e?.safetyManagerPhone)}</Col>
          <Col xs={12} sm={8}><Form.Item name="employees" label={t('enterprises.employees')} rules={[r.range(t('enterprises.employees'), 0, 10_000_000)]}><InputNumber min={0} precision={0} style={{ width: '100%' }} /></Form.Item></Col>
          <Col xs={12} sm={8}><Form.Item name="standardizationLevel" label={t('enterprises.standardization')}><Select allowClear options={opt(STANDARDIZATION_LEVELS, ENTERPRISE_LABELS.standardization)} /></Form.Item></Col>
          <Col xs={12} sm={8}><Form.Item name="selfInspectionCycle" label={t('enterprises.selfCycle')}><Select allowClear options={opt(SELF_INSPECTION_CYCLES, ENTERPRISE_LABELS.cycle)} /></Form.Item></Col>
        </Row>
        <Form.Item name="selfInspectionItems" label={t('enterprises.selfItems')}><Input.TextArea rows={3} maxLength={4000} /></Form.Item>
      </Form>
    </Modal>
  );
}
