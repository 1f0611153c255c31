// Register or edit a person at risk; the ID number is checked as it is typed.
import { useEffect, useState } from 'react';
import { Alert, Col, Form, Input, Modal, Row, Select, Typography } from 'antd';
import { PERSON_CATEGORIES, PERSON_CATEGORY_LABELS } from '../../../../common/modules/people/people.contract.js';
import { validateIdNumber } from '../../../../common/rules/id-number.js';
import { applyServerErrors, rules } from '../../../app/forms.js';
import { pick, useLocale, useT } from '../../../app/i18n.js';
import { LocationFields, placementBody, type LocationValues } from '../../registries/components/LocationFields.js';
import { PHONE_PATTERN } from '../../places/components/PlaceForm.js';
import { peopleApi, type PersonFull } from '../api.js';

interface Values extends LocationValues {
  category: string;
  name: string;
  sex?: 'male' | 'female' | null;
  idNumber?: string;
  phone?: string;
  address?: string;
  helperName?: string;
  helperPhone?: string;
  needs?: string;
  notes?: string;
}

function todayIso(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function PersonFormModal(props: { open: boolean; person?: PersonFull | null; onClose: () => void; onSaved: (p: PersonFull) => void }) {
  const t = useT();
  const { locale } = useLocale();
  const r = rules(t);
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const p = props.person ?? null;
  useEffect(() => {
    if (!props.open) return;
    form.resetFields();
    if (p) {
      form.setFieldsValue({
        category: p.category, name: p.name, sex: p.sex, address: p.address ?? '', helperName: p.helperName ?? '',
        lng: p.location?.lng ?? null, lat: p.location?.lat ?? null, gridCode: p.location ? (p.gridOverride ? p.grid?.code ?? '' : '') : p.grid?.code ?? '',
        gridOverrideReason: p.gridOverrideReason ?? '',
      });
    }
  }, [props.open, p, form]);
  const idRule = {
    validator: async (_r: unknown, value: string | undefined) => {
      if (!value) return;
      const v = validateIdNumber(value, { today: todayIso() });
      if (!v.valid) throw new Error(v.errors.map((e) => pick(e.message, locale)).join('；'));
    },
  };
  const submit = async () => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    setError(null);
    const body = {
      category: v.category as 'elderly_alone', name: v.name.trim(), sex: v.sex ?? null, address: v.address?.trim() || null, helperName: v.helperName?.trim() || null,
      ...(v.idNumber ? { idNumber: v.idNumber.trim() } : {}), ...(v.phone ? { phone: v.phone.trim() } : {}), ...(v.helperPhone ? { helperPhone: v.helperPhone.trim() } : {}),
      ...(v.needs !== undefined ? { needs: v.needs.trim() || null } : {}), ...(v.notes !== undefined ? { notes: v.notes.trim() || null } : {}),
    };
    const moved = !p || v.lng !== (p.location?.lng ?? null) || v.lat !== (p.location?.lat ?? null) || (v.gridCode ?? '') !== (p.location ? (p.gridOverride ? p.grid?.code ?? '' : '') : p.grid?.code ?? '');
    try {
      const saved = p ? await peopleApi.update(p.id, { ...body, ...(moved ? placementBody(v) : {}) }) : await peopleApi.create({ ...body, ...placementBody(v) });
      props.onSaved(saved);
    } catch (err) {
      setError(applyServerErrors(form, err, locale));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={props.open} title={p ? t('people.edit') : t('people.new')} onCancel={props.onClose} onOk={() => void submit()} confirmLoading={busy}
      okText={t('app.action.save')} cancelText={t('app.action.cancel')} width={720} forceRender style={{ top: 24 }}>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Form<Values> form={form} layout="vertical">
        <Row gutter={12}>
          <Col xs={24} sm={8}>
            <Form.Item name="category" label={t('people.category')} rules={[r.choose(t('people.category'))]}>
              <Select options={PERSON_CATEGORIES.map((c) => ({ value: c, label: pick(PERSON_CATEGORY_LABELS[c], locale) }))} />
            </Form.Item>
          </Col>
          <Col xs={16} sm={10}><Form.Item name="name" label={t('people.name')} rules={[r.required(t('people.name')), r.max(t('people.name'), 200)]}><Input maxLength={200} /></Form.Item></Col>
          <Col xs={8} sm={6}>
            <Form.Item name="sex" label={t('people.sex')}><Select allowClear options={[{ value: 'male', label: t('people.sex.male') }, { value: 'female', label: t('people.sex.female') }]} /></Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="idNumber" label={t('people.idNumber')} extra={p?.idNumber ? t('people.idNumber.keep', { masked: p.idNumber }) : t('people.idNumber.help')} rules={[idRule]} validateTrigger="onBlur">
              <Input maxLength={32} autoComplete="off" style={{ fontFamily: 'monospace' }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="phone" label={t('people.phone')} rules={[r.pattern(t('people.phone'), PHONE_PATTERN)]} extra={p?.phone ? `${p.phone}（${t('registries.masked')}）` : undefined}>
              <Input inputMode="tel" maxLength={32} autoComplete="off" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="address" label={t('registries.address')} rules={[r.max(t('registries.address'), 400)]}><Input maxLength={400} /></Form.Item>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('people.locationOrGrid')}</Typography.Text>
        <LocationFields />
        <Row gutter={12}>
          <Col xs={24} sm={12}><Form.Item name="helperName" label={t('people.helper')}><Input maxLength={64} /></Form.Item></Col>
          <Col xs={24} sm={12}>
            <Form.Item name="helperPhone" label={t('people.helperPhone')} rules={[r.pattern(t('people.helperPhone'), PHONE_PATTERN)]} extra={p?.helperPhone ? `${p.helperPhone}（${t('registries.masked')}）` : undefined}>
              <Input inputMode="tel" maxLength={32} autoComplete="off" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="needs" label={t('people.needs')}><Input.TextArea rows={2} maxLength={2000} /></Form.Item>
        <Form.Item name="notes" label={t('people.notes')}><Input.TextArea rows={2} maxLength={4000} /></Form.Item>
      </Form>
    </Modal>
  );
}
