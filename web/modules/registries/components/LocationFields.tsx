// Location inputs for a registry form: longitude/latitude (with "use my location" for phones in
// the field) and an optional chosen grid with its reason.
import { useState } from 'react';
import { Button, Col, Collapse, Form, Input, InputNumber, Row, Typography } from 'antd';
import { AimOutlined } from '@ant-design/icons';
import { useT } from '../../../app/i18n.js';

export interface LocationValues {
  lng?: number | null;
  lat?: number | null;
  gridCode?: string | null;
  gridOverrideReason?: string;
}

/** Form values → the placement part of a request body. */
export function placementBody(v: LocationValues, opts: { codeKey?: 'gridCode' | 'unitCode' } = {}) {
  const key = opts.codeKey ?? 'gridCode';
  const hasLoc = typeof v.lng === 'number' && typeof v.lat === 'number';
  return {
    ...(hasLoc ? { location: { lng: v.lng as number, lat: v.lat as number } } : {}),
    ...(v.gridCode ? { [key]: v.gridCode.trim() } : {}),
    ...(v.gridCode && v.gridOverrideReason ? { gridOverrideReason: v.gridOverrideReason.trim() } : {}),
  };
}

export function LocationFields(props: { required?: boolean; codeLabel?: string; codeKey?: string }) {
  const t = useT();
  const form = Form.useFormInstance();
  const [locating, setLocating] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const gridCode = Form.useWatch('gridCode', form) as string | undefined;
  const locate = () => {
    if (!('geolocation' in navigator)) {
      setProblem(t('registries.locateUnsupported'));
      return;
    }
    setLocating(true);
    setProblem(null);
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setLocating(false);
        form.setFieldsValue({ lng: Number(pos.coords.longitude.toFixed(6)), lat: Number(pos.coords.latitude.toFixed(6)) });
      },
      (err) => {
        setLocating(false);
        setProblem(t('registries.locateFailed', { reason: err.message }));
      },
      { enableHighAccuracy: true, timeout: 15_000 },
    );
  };
  const req = props.required ? [{ required: true, message: t('app.form.required', { field: t('registries.location') }) }] : [];
  return (
    <>
      <Row gutter={8} align="bottom">
        <Col xs={12} sm={9}>
          <Form.Item name="lng" label={t('registries.lng')} rules={[...req, { type: 'number', min: -180, max: 180, message: t('app.form.range', { field: t('registries.lng'), min: -180, max: 180 }) }]}>
            <InputNumber style={{ width: '100%' }} step={0.0001} precision={6} inputMode="decimal" />
          </Form.Item>
        </Col>
        <Col xs={12} sm={9}>
          <Form.Item name="lat" label={t('registries.lat')} rules={[...req, { type: 'number', min: -90, max: 90, message: t('app.form.range', { field: t('registries.lat'), min: -90, max: 90 }) }]}>
            <InputNumber style={{ width: '100%' }} step={0.0001} precision={6} inputMode="decimal" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={6}>
          <Form.Item>
            <Button icon={<AimOutlined />} onClick={locate} loading={locating} block>{t('registries.locate')}</Button>
          </Form.Item>
        </Col>
      </Row>
      {problem ? <Typography.Text type="warning">{problem}</Typography.Text> : <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('registries.locationHelp')}</Typography.Text>}
      <Collapse
        ghost
        size="small"
        defaultActiveKey={gridCode ? ['grid'] : []}
        items={[{
          key: 'grid',
          label: props.codeLabel ?? t('registries.gridCode'),
          forceRender: true,
          children: (
            <>
              <Form.Item name="gridCode" label={props.codeLabel ?? t('registries.gridCode')} extra={t('registries.gridCodeHelp')}
                rules={[{ pattern: /^[A-Za-z0-9_]{1,32}$/, message: t('app.unit.invalid') }]}>
                <Input allowClear maxLength={32} autoComplete="off" />
              </Form.Item>
              <Form.Item name="gridOverrideReason" label={t('registries.gridReason')} rules={[{ max: 2000, message: t('app.form.tooLong', { field: t('registries.gridReason'), n: 2000 }) }]}>
                <Input.TextArea rows={2} maxLength={2000} />
              </Form.Item>
            </>
          ),
        }]}
      />
    </>
  );
}
