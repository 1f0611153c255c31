// Identify and grade one production or storage unit (GB 18218), showing the working.
import { useEffect, useState } from 'react';
import { Alert, Form, Input, InputNumber, Modal, Radio, Typography } from 'antd';
import { applyServerErrors, rules } from '../../../app/forms.js';
import { useLocale, useT } from '../../../app/i18n.js';
import { cleanItems, HazardItemsField, type HazardItemValue } from '../../calculators/components/HazardItems.js';
import { MajorHazardResultCard } from '../../calculators/components/MajorHazardResult.js';
import { enterprisesApi, type MajorHazard } from '../api.js';

interface Values {
  name: string;
  unitKind: 'production' | 'storage';
  exposedPeople: number;
  items: HazardItemValue[];
}

export function MajorHazardModal(props: { enterpriseId: string; open: boolean; existing?: MajorHazard | null; onClose: () => void; onSaved: () => void }) {
  const t = useT();
  const { locale } = useLocale();
  const r = rules(t);
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<MajorHazard | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!props.open) return;
    setSaved(null);
    setError(null);
    form.resetFields();
    if (props.existing) form.setFieldsValue({ name: props.existing.name, unitKind: props.existing.unitKind, exposedPeople: props.existing.exposedPeople, items: props.existing.items as HazardItemValue[] });
  }, [props.open, props.existing, form]);
  const submit = async () => {
    if (saved) {
      props.onSaved();
      return;
    }
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    const items = cleanItems(v.items);
    if (items.some((i) => !i.chemicalId && !i.category)) {
      setError(t('calculators.mh.needChemOrCat'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const body = { name: v.name.trim(), unitKind: v.unitKind, exposedPeople: v.exposedPeople, items };
      setSaved(props.existing ? await enterprisesApi.updateMajorHazard(props.existing.id, body) : await enterprisesApi.createMajorHazard(props.enterpriseId, body));
    } catch (err) {
      setError(applyServerErrors(form, err, locale));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={props.open} title={props.existing ? t('enterprises.mh.edit') : t('enterprises.mh.add')} onCancel={saved ? props.onSaved : props.onClose} onOk={() => void submit()}
      confirmLoading={busy} okText={saved ? t('app.action.close') : t('app.action.save')} cancelText={t('app.action.cancel')} width={860} forceRender style={{ top: 24 }}>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      {saved ? <MajorHazardResultCard result={saved.result} /> : (
        <Form<Values> form={form} layout="vertical" initialValues={{ unitKind: 'storage', exposedPeople: 0 }}>
          <Form.Item name="name" label={t('enterprises.mh.name')} rules={[r.required(t('enterprises.mh.name')), r.max(t('enterprises.mh.name'), 200)]}><Input maxLength={200} /></Form.Item>
          <Form.Item name="unitKind" label={t('enterprises.mh.unitKind')}>
            <Radio.Group optionType="button" options={[{ value: 'production', label: t('enterprises.mh.production') }, { value: 'storage', label: t('enterprises.mh.storage') }]} />
          </Form.Item>
          <Form.Item name="exposedPeople" label={t('calculators.mh.exposed')} rules={[r.required(t('calculators.mh.exposed'))]}><InputNumber min={0} precision={0} style={{ width: 200 }} /></Form.Item>
          <Typography.Text strong>{t('calculators.mh.items')}</Typography.Text>
          <HazardItemsField />
        </Form>
      )}
    </Modal>
  );
}
