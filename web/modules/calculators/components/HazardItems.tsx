// The chemicals of one production or storage unit (GB 18218): a Table-1 chemical or a hazard
// category, and the quantity. Shared by the calculator and the enterprise's major hazard form.
import { useEffect, useState } from 'react';
import { Button, Col, Form, Input, InputNumber, Row, Select } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { GB18218_CATEGORY_NAMES } from '../../../../common/rules/major-hazard.js';
import { pick, useLocale, useT } from '../../../app/i18n.js';
import { registryApi } from '../../registries/api.js';

interface Chem {
  id: string;
  name: { zh: string; en: string };
  criticalQuantityT: number;
}

export function HazardItemsField(props: { name?: string }) {
  const t = useT();
  const { locale } = useLocale();
  const [chems, setChems] = useState<Chem[]>([]);
  useEffect(() => {
    registryApi.ruleSet('gb18218.table1').then((r) => setChems((r.data as unknown as { rows: Chem[] }).rows), () => setChems([]));
  }, []);
  const categories = Object.entries(GB18218_CATEGORY_NAMES).map(([k, v]) => ({ value: k, label: `${k} ${pick(v, locale)}` }));
  return (
    <Form.List name={props.name ?? 'items'} initialValue={[{}]}>
      {(fields, { add, remove }) => (
        <>
          {fields.map((f) => (
            <Row key={f.key} gutter={8} align="top" style={{ borderBottom: '1px dashed #eee', marginBottom: 8 }}>
              <Col xs={24} md={8}>
                <Form.Item name={[f.name, 'chemicalId']} label={t('calculators.mh.chemical')}>
                  <Select allowClear showSearch optionFilterProp="label" options={chems.map((c) => ({ value: c.id, label: `${pick(c.name, locale)}（Q=${c.criticalQuantityT}t）` }))} />
                </Form.Item>
              </Col>
              <Col xs={24} md={7}>
                <Form.Item name={[f.name, 'category']} label={t('calculators.mh.category')}>
                  <Select allowClear showSearch optionFilterProp="label" options={categories} popupMatchSelectWidth={false} />
                </Form.Item>
              </Col>
              <Col xs={12} md={4}>
                <Form.Item name={[f.name, 'quantityT']} label={t('calculators.mh.quantity')} rules={[{ required: true, message: t('app.form.required', { field: t('calculators.mh.quantity') }) }]}>
                  <InputNumber min={0} style={{ width: '100%' }} inputMode="decimal" />
                </Form.Item>
              </Col>
              <Col xs={10} md={4}>
                <Form.Item name={[f.name, 'label']} label={t('calculators.mh.label')}><Input maxLength={100} /></Form.Item>
              </Col>
              <Col xs={2} md={1} style={{ paddingTop: 30 }}>
                {fields.length > 1 ? <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} /> : null}
              </Col>
            </Row>
          ))}
          <Button icon={<PlusOutlined />} onClick={() => add({})} style={{ marginBottom: 12 }}>{t('calculators.mh.addItem')}</Button>
        </>
      )}
    </Form.List>
  );
}

export interface HazardItemValue {
  chemicalId?: string;
  category?: string;
  label?: string;
  quantityT: number;
}

export function cleanItems(items: HazardItemValue[] | undefined) {
  return (items ?? []).map((i) => ({
    quantityT: i.quantityT,
    ...(i.chemicalId ? { chemicalId: i.chemicalId } : {}),
    ...(i.category ? { category: i.category } : {}),
    ...(i.label ? { label: i.label } : {}),
  }));
}
