// Session, lockout and password settings. The bounds come from the contract the server validates
// with, so the form and the server refuse the same values.
import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Col, Form, InputNumber, Row, Skeleton } from 'antd';
import { SecuritySettingsView } from '../../../../common/modules/admin/admin.contract.js';
import { describeError } from '../../../api/client.js';
import { applyServerErrors, rules } from '../../../app/forms.js';
import { useLocale, useT } from '../../../app/i18n.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { adminApi, type SecuritySettings } from '../api.js';

type Key = keyof SecuritySettings;

const SECTIONS: Array<{ titleKey: string; fields: Array<{ key: Key; help?: boolean }> }> = [
  { titleKey: 'admin.security.session', fields: [{ key: 'sessionIdleMinutes', help: true }, { key: 'sessionAbsoluteHours', help: true }] },
  { titleKey: 'admin.security.lockout', fields: [{ key: 'lockAfterFailures', help: true }, { key: 'lockMinutes' }] },
  { titleKey: 'admin.security.password', fields: [{ key: 'passwordMinLength' }, { key: 'passwordMinClasses', help: true }, { key: 'passwordMinScore', help: true }] },
];

function bounds(key: Key): { min: number; max: number } {
  const schema = SecuritySettingsView.properties[key] as { minimum?: number; maximum?: number };
  return { min: schema.minimum ?? 0, max: schema.maximum ?? Number.MAX_SAFE_INTEGER };
}

export default function SecuritySettingsPage() {
  const t = useT();
  const { locale } = useLocale();
  const { message } = App.useApp();
  const [form] = Form.useForm<SecuritySettings>();
  const [loaded, setLoaded] = useState(false);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const r = rules(t);

  useEffect(() => {
    let live = true;
    adminApi.securitySettings().then(
      (s) => { if (live) { form.setFieldsValue(s); setLoaded(true); } },
      (err: unknown) => { if (live) setLoadError(err); },
    );
    return () => { live = false; };
  }, [form]);

  const save = async (v: SecuritySettings) => {
    setBusy(true);
    setError(null);
    try {
      const saved = await adminApi.saveSecuritySettings(v);
      form.setFieldsValue(saved);
      void message.success(t('app.saved'));
    } catch (err) {
      setError(applyServerErrors(form, err, locale));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeader title={t('admin.security.title')} subtitle={t('admin.security.subtitle')} />
      {loadError ? <Alert type="error" showIcon style={{ marginBottom: 12 }} title={describeError(loadError, locale)} /> : null}
      {error ? <Alert type="error" showIcon style={{ marginBottom: 12 }} title={error} /> : null}
      {!loaded && !loadError ? <Skeleton active /> : null}
      <Form<SecuritySettings> form={form} layout="vertical" onFinish={(v) => void save(v)} disabled={busy} hidden={!loaded}>
        <Row gutter={[16, 16]}>
          {SECTIONS.map((s) => (
            <Col xs={24} lg={8} key={s.titleKey}>
              <Card title={t(s.titleKey)} style={{ height: '100%' }}>
                {s.fields.map(({ key, help }) => {
                  const { min, max } = bounds(key);
                  const label = t(`admin.security.${key}`);
                  return (
                    <Form.Item key={key} name={key} label={label} extra={help ? t(`admin.security.${key}Help`) : undefined}
                      rules={[{ required: true, message: t('app.form.required', { field: label }) }, r.range(label, min, max)]}>
                      <InputNumber precision={0} style={{ width: '100%' }} />
                    </Form.Item>
                  );
                })}
              </Card>
            </Col>
          ))}
        </Row>
        <Button type="primary" htmlType="submit" loading={busy} style={{ marginTop: 16 }}>{t('app.action.save')}</Button>
      </Form>
    </>
  );
}
