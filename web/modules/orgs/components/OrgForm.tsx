import { useEffect, useState } from 'react';
import { Alert, Col, Form, Input, Modal, Row, Select, Switch } from 'antd';
import { ORG_KINDS, ORG_KIND_LABELS } from '../../../../common/modules/orgs/orgs.contract.js';
import { applyServerErrors, rules } from '../../../app/forms.js';
import { pick, useLocale, useT } from '../../../app/i18n.js';
import { LocationFields, placementBody, type LocationValues } from '../../registries/components/LocationFields.js';
import { PHONE_PATTERN } from '../../places/components/PlaceForm.js';
import { orgsApi, type OrgFull } from '../api.js';

interface Values extends LocationValues {
  kind: string;
  name: string;
  uscc?: string;
  safeCommunity?: boolean;
  address?: string;
  contactName?: string;
  contactPhone?: string;
  description?: string;
}

export function OrgFormModal(props: { open: boolean; org?: OrgFull | null; onClose: () => void; onSaved: (o: OrgFull) => void }) {
  const t = useT();
  const { locale } = useLocale();
  const r = rules(t);
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const o = props.org ?? null;
  const kind = Form.useWatch('kind', form);
  useEffect(() => {
    if (!props.open) return;
    form.resetFields();
    if (o) {
      form.setFieldsValue({
        kind: o.kind, name: o.name, uscc: o.uscc ?? '', safeCommunity: o.safeCommunity, address: o.address ?? '', contactName: o.contactName ?? '',
        description: o.description ?? '', lng: o.location?.lng ?? null, lat: o.location?.lat ?? null, gridCode: o.location ? (o.gridOverride ? o.unit.code : '') : o.unit.code,
        gridOverrideReason: o.gridOverrideReason ?? '',
      });
    }
  }, [props.open, o, form]);
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
      kind: v.kind as 'association', name: v.name.trim(), uscc: v.uscc?.trim() || null, safeCommunity: v.kind === 'leading_group' ? v.safeCommunity ?? false : false,
      address: v.address?.trim() || null, contactName: v.contactName?.trim() || null, description: v.description?.trim() || null,
      ...(v.contactPhone ? { contactPhone: v.contactPhone.trim() } : {}),
    };
    const where = placementBody(v, { codeKey: 'unitCode' });
    try {
      const saved = o ? await orgsApi.update(o.id, { ...body, ...where }) : await orgsApi.create({ ...body, ...where });
      props.onSaved(saved);
    } catch (err) {
      setError(applyServerErrors(form, err, locale));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={props.open} title={o ? t('orgs.edit') : t('orgs.new')} onCancel={props.onClose} onOk={() => void submit()} confirmLoading={busy}
      okText={t('app.action.save')} cancelText={t('app.action.cancel')} width={720} forceRender style={{ top: 24 }}>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Form<Values> form={form} layout="vertical" initialValues={{ kind: 'volunteer_team' }}>
        <Row gutter={12}>
          <Col xs={24} sm={8}>
            <Form.Item name="kind" label={t('orgs.kind')} rules={[r.choose(t('orgs.kind'))]}>
              <Select options={ORG_KINDS.map((k) => ({ value: k, label: pick(ORG_KIND_LABELS[k], locale) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={16}><Form.Item name="name" label={t('orgs.name')} rules={[r.required(t('orgs.name')), r.max(t('orgs.name'), 200)]}><Input maxLength={200} /></Form.Item></Col>
          {kind === 'leading_group' ? (
            <Col xs={24}><Form.Item name="safeCommunity" label={t('orgs.safeCommunity')} extra={t('orgs.safeCommunity.help')} valuePropName="checked"><Switch /></Form.Item></Col>
          ) : null}
          <Col xs={24} sm={12}><Form.Item name="uscc" label={t('orgs.uscc')}><Input maxLength={40} style={{ fontFamily: 'monospace' }} /></Form.Item></Col>
          <Col xs={24} sm={12}><Form.Item name="address" label={t('registries.address')}><Input maxLength={400} /></Form.Item></Col>
          <Col xs={24} sm={12}><Form.Item name="contactName" label={t('orgs.contact')}><Input maxLength={64} /></Form.Item></Col>
          <Col xs={24} sm={12}>
            <Form.Item name="contactPhone" label={t('orgs.contactPhone')} rules={[r.pattern(t('orgs.contactPhone'), PHONE_PATTERN)]} extra={o?.contactPhone ? `${o.contactPhone}（${t('registries.masked')}）` : undefined}>
              <Input inputMode="tel" maxLength={32} />
            </Form.Item>
          </Col>
        </Row>
        <LocationFields codeLabel={t('orgs.unitCode')} />
        <Form.Item name="description" label={t('orgs.description')}><Input.TextArea rows={2} maxLength={4000} /></Form.Item>
      </Form>
    </Modal>
  );
}
