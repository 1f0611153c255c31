// Settings of the public portal (config.manage), of rewards (reward.manage), and Open311 keys and
// settings (open311.manage).
import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Switch, Table, Typography } from 'antd';
import { KeyOutlined } from '@ant-design/icons';
import type { Static } from 'typebox';
import { describeError } from '../../../api/client.js';
import { formatTime } from '../../../app/format.js';
import { applyServerErrors } from '../../../app/forms.js';
import { useLocale, useT } from '../../../app/i18n.js';
import { PageHeader } from '../../../components/PageHeader.js';
import type { PortalSettings, RewardSettings } from '../../../../common/modules/reports/reports.contract.js';
import type { Open311Settings } from '../../../../common/modules/open311/open311.contract.js';
import { open311Api, reportsApi, rewardsApi, type ApiKeyView } from '../api.js';

function useLoaded<T>(load: () => Promise<T>): [T | null, string | null, (v: T) => void] {
  const { locale } = useLocale();
  const [value, setValue] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    load().then(setValue).catch((e: unknown) => setError(describeError(e, locale)));
  }, []);
  return [value, error, setValue];
}

const PORTAL_FIELDS: Array<[keyof Static<typeof PortalSettings>, number, number]> = [
  ['duplicateRadiusM', 10, 5000], ['duplicateDays', 1, 365], ['maxPhotos', 0, 3], ['freeSubmissionsPerHour', 0, 1000], ['challengeBits', 4, 26],
  ['challengeTtlSeconds', 30, 3600], ['submitPer10MinPerAddress', 1, 10000], ['submitPerHourPerDevice', 1, 10000], ['readsPerMinute', 1, 100000],
];

export function PortalSettingsPage() {
  const t = useT();
  const { locale } = useLocale();
  const { message } = App.useApp();
  const [form] = Form.useForm<Static<typeof PortalSettings>>();
  const [value, error] = useLoaded(reportsApi.settings);
  const [saveError, setSaveError] = useState<string | null>(null);
  useEffect(() => {
    if (value) form.setFieldsValue(value);
  }, [value, form]);
  const save = async (v: Static<typeof PortalSettings>) => {
    setSaveError(null);
    try {
      form.setFieldsValue(await reportsApi.saveSettings(v));
      void message.success(t('app.saved'));
    } catch (e) {
      setSaveError(applyServerErrors(form, e, locale));
    }
  };
  return (
    <>
      <PageHeader title={t('reports.settings.title')} subtitle={t('reports.settings.subtitle')} />
      {error ? <Alert type="error" showIcon title={error} /> : null}
      <Card style={{ maxWidth: 640 }}>
        <Form form={form} layout="vertical" onFinish={(v) => void save(v)}>
          {PORTAL_FIELDS.map(([k, min, max]) => (
            <Form.Item key={k} name={k} label={t(`reports.settings.${k}`)} rules={[{ required: true, type: 'number', min, max }]}>
              <InputNumber min={min} max={max} style={{ width: 200 }} />
            </Form.Item>
          ))}
          {saveError ? <Alert type="error" showIcon title={saveError} style={{ marginBottom: 12 }} /> : null}
          <Button type="primary" htmlType="submit">{t('app.action.save')}</Button>
        </Form>
      </Card>
    </>
  );
}

export function RewardSettingsPage() {
  const t = useT();
  const { locale } = useLocale();
  const { message } = App.useApp();
  const [form] = Form.useForm<Static<typeof RewardSettings>>();
  const [value, error] = useLoaded(rewardsApi.settings);
  const [saveError, setSaveError] = useState<string | null>(null);
  useEffect(() => {
    if (value) form.setFieldsValue(value);
  }, [value, form]);
  const save = async (v: Static<typeof RewardSettings>) => {
    setSaveError(null);
    try {
      form.setFieldsValue(await rewardsApi.saveSettings({ ...v, categories: v.categories ?? [] }));
      void message.success(t('app.saved'));
    } catch (e) {
      setSaveError(applyServerErrors(form, e, locale));
    }
  };
  return (
    <>
      <PageHeader title={t('reports.rewardSettings.title')} subtitle={t('reports.rewardSettings.subtitle')} />
      {error ? <Alert type="error" showIcon title={error} /> : null}
      <Card style={{ maxWidth: 640 }}>
        <Form form={form} layout="vertical" onFinish={(v) => void save(v)}>
          <Form.Item name="enabled" label={t('reports.rewardSettings.enabled')} valuePropName="checked"><Switch /></Form.Item>
          <Form.Item name="requireContact" label={t('reports.rewardSettings.requireContact')} valuePropName="checked"><Switch /></Form.Item>
          <Form.Item name="channels" label={t('reports.rewardSettings.channels')}>
            <Select mode="multiple" options={[{ value: 'portal', label: t('reports.channel.portal') }, { value: 'open311', label: 'Open311' }]} />
          </Form.Item>
          <Form.Item name="categories" label={t('reports.rewardSettings.categories')} extra={t('reports.rewardSettings.categoriesHint')}>
            <Select mode="tags" />
          </Form.Item>
          {(['general', 'major'] as const).map((g) => (
            <Space key={g} wrap>
              <Form.Item name={['bands', g, 'min']} label={`${t(`reports.grade.${g}`)} · ${t('reports.rewardSettings.min')}`} rules={[{ required: true }]}><InputNumber min={0} /></Form.Item>
              <Form.Item name={['bands', g, 'max']} label={`${t(`reports.grade.${g}`)} · ${t('reports.rewardSettings.max')}`} rules={[{ required: true }]}><InputNumber min={0} /></Form.Item>
            </Space>
          ))}
          <Form.Item name="currency" label={t('reports.rewardSettings.currency')} rules={[{ required: true, len: 3 }]}><Input style={{ width: 100 }} /></Form.Item>
          {saveError ? <Alert type="error" showIcon title={saveError} style={{ marginBottom: 12 }} /> : null}
          <Button type="primary" htmlType="submit">{t('app.action.save')}</Button>
        </Form>
      </Card>
    </>
  );
}

export function Open311AdminPage() {
  const t = useT();
  const { locale } = useLocale();
  const { message } = App.useApp();
  const [form] = Form.useForm<Static<typeof Open311Settings>>();
  const [settings, error] = useLoaded(open311Api.settings);
  const [keys, setKeys] = useState<ApiKeyView[]>([]);
  const [created, setCreated] = useState<string | null>(null);
  const [name, setName] = useState('');
  const reloadKeys = () => open311Api.keys().then((k) => setKeys(k.items)).catch((e: unknown) => void message.error(describeError(e, locale)));
  useEffect(() => {
    void reloadKeys();
  }, []);
  useEffect(() => {
    if (settings) form.setFieldsValue(settings);
  }, [settings, form]);

  const save = async (v: Static<typeof Open311Settings>) => {
    try {
      form.setFieldsValue(await open311Api.saveSettings(v));
      void message.success(t('app.saved'));
    } catch (e) {
      void message.error(applyServerErrors(form, e, locale) ?? describeError(e, locale));
    }
  };
  const create = async () => {
    if (!name.trim()) return;
    try {
      const k = await open311Api.createKey(name.trim());
      setCreated(k.key);
      setName('');
      void reloadKeys();
    } catch (e) {
      void message.error(describeError(e, locale));
    }
  };

  return (
    <>
      <PageHeader title={t('reports.open311.title')} subtitle={t('reports.open311.subtitle')} />
      {error ? <Alert type="error" showIcon title={error} /> : null}
      <Card title={t('reports.open311.keys')} style={{ marginBottom: 16 }}>
        <Space.Compact style={{ marginBottom: 12, maxWidth: 480, width: '100%' }}>
          <Input value={name} onChange={(e) => setName(e.target.value)} placeholder={t('reports.open311.keyName')} maxLength={100} />
          <Button type="primary" icon={<KeyOutlined />} onClick={() => void create()}>{t('reports.open311.createKey')}</Button>
        </Space.Compact>
        <Table<ApiKeyView> size="small" rowKey="id" pagination={false} dataSource={keys} columns={[
          { title: t('reports.open311.keyName'), dataIndex: 'name', key: 'name' },
          { title: t('reports.open311.prefix'), key: 'prefix', render: (_v, k) => <span className="sg-mono">{k.prefix}…</span> },
          { title: t('reports.open311.created'), key: 'created', render: (_v, k) => formatTime(k.createdAt, locale) },
          { title: t('reports.open311.lastUsed'), key: 'used', render: (_v, k) => formatTime(k.lastUsedAt, locale) },
          {
            title: t('app.action.actions'), key: 'act',
            render: (_v, k) => (k.revokedAt ? t('reports.open311.revoked') : (
              <Popconfirm title={t('reports.open311.revokeConfirm')} onConfirm={() => void open311Api.revokeKey(k.id).then(reloadKeys)}>
                <Button size="small" danger>{t('reports.open311.revoke')}</Button>
              </Popconfirm>
            )),
          },
        ]} />
      </Card>
      <Card title={t('reports.open311.settings')} style={{ maxWidth: 640 }}>
        <Typography.Paragraph type="secondary">{t('reports.open311.endpoint', { url: `${window.location.origin}/open311/v2/discovery.json` })}</Typography.Paragraph>
        <Form form={form} layout="vertical" onFinish={(v) => void save(v)}>
          <Form.Item name="jurisdictionId" label="jurisdiction_id" rules={[{ required: true, pattern: /^[A-Za-z0-9_.-]+$/ }]}><Input /></Form.Item>
          <Form.Item name="requireApiKey" label={t('reports.open311.requireKey')} valuePropName="checked"><Switch /></Form.Item>
          <Form.Item name="postResponse" label={t('reports.open311.postResponse')}>
            <Select options={[{ value: 'id', label: 'service_request_id' }, { value: 'token', label: 'token' }]} />
          </Form.Item>
          <Form.Item name="contact" label={t('reports.open311.contact')}><Input /></Form.Item>
          <Form.Item name="keyService" label="key_service"><Input /></Form.Item>
          <Form.Item name="postsPer10MinPerKey" label={t('reports.open311.postsLimit')} rules={[{ required: true }]}><InputNumber min={1} max={100000} /></Form.Item>
          <Form.Item name="readsPerMinute" label={t('reports.settings.readsPerMinute')} rules={[{ required: true }]}><InputNumber min={1} max={100000} /></Form.Item>
          <Button type="primary" htmlType="submit">{t('app.action.save')}</Button>
        </Form>
      </Card>
      <Modal open={created !== null} title={t('reports.open311.createdTitle')} onCancel={() => setCreated(null)} footer={null}>
        <Alert type="warning" showIcon title={t('reports.open311.createdOnce')} style={{ marginBottom: 12 }} />
        <Typography.Paragraph copyable className="sg-mono">{created}</Typography.Paragraph>
      </Modal>
    </>
  );
}

export default PortalSettingsPage;
