// 通知公告: the notices sent to me (unread first in 我的待办 too) and, for offices, those issued in
// their area with how many have read them; issuing a notice to the unit's subtree or chosen units.
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { Alert, Badge, Button, Card, Flex, Form, Input, List, Modal, Radio, Select, Space, Switch, Tabs, Tag, Typography, Upload, type UploadFile } from 'antd';
import { NotificationOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { describeError } from '../../../api/client.js';
import { useCan } from '../../../access/can.js';
import { applyServerErrors, rules } from '../../../app/forms.js';
import { useLocale, useT } from '../../../app/i18n.js';
import { useSession } from '../../../app/session.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { unitsApi } from '../../units/api.js';
import { noticesApi, type Notice, type NoticeFull } from '../api.js';

export function formatTime(iso: string | null, locale: string): string {
  if (!iso) return '';
  return new Date(iso).toLocaleString(locale === 'en' ? 'en-GB' : 'zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
}

export const STATUS_COLOURS: Record<string, string> = { draft: 'default', published: 'green', withdrawn: 'red' };

export default function NoticeListPage() {
  const t = useT();
  const { locale } = useLocale();
  const canIssue = useCan('notice.issue');
  const [box, setBox] = useState<'inbox' | 'issued'>('inbox');
  const [unread, setUnread] = useState(false);
  const [items, setItems] = useState<Notice[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [creating, setCreating] = useState(false);
  const load = useCallback(() => {
    setError(null);
    setItems(null);
    noticesApi.list({ box, ...(box === 'inbox' && unread ? { unread: true } : {}), limit: 100 }).then((p) => setItems(p.items), setError);
  }, [box, unread]);
  useEffect(load, [load]);

  return (
    <>
      <PageHeader title={t('notices.title')} extra={canIssue ? <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('notices.new')}</Button> : null} />
      {error ? <Alert type="error" showIcon title={describeError(error, locale)} /> : null}
      <Card size="small">
        <Flex justify="space-between" wrap gap={8}>
          <Tabs activeKey={box} onChange={(k) => setBox(k as 'inbox' | 'issued')} items={[
            { key: 'inbox', label: t('notices.tab.inbox') },
            ...(canIssue ? [{ key: 'issued', label: t('notices.tab.issued') }] : []),
          ]} />
          {box === 'inbox' ? <Space><Switch checked={unread} onChange={setUnread} size="small" />{t('notices.unreadOnly')}</Space> : null}
        </Flex>
        <List loading={items === null && !error} dataSource={items ?? []} locale={{ emptyText: t('notices.none') }} renderItem={(n) => (
          <List.Item data-testid={`notice-${n.id}`}>
            <List.Item.Meta
              avatar={<Badge dot={n.isRecipient && !n.readAt && n.status === 'published'}><NotificationOutlined style={{ fontSize: 20 }} /></Badge>}
              title={<Link to={`/notices/${n.id}`}><Typography.Text strong={n.isRecipient && !n.readAt}>{n.title}</Typography.Text></Link>}
              description={<Flex wrap gap={8}>
                <span>{n.issuer.name}</span>
                {n.publishedAt ? <span>{formatTime(n.publishedAt, locale)}</span> : null}
                <Tag color={STATUS_COLOURS[n.status]}>{t(`notices.status.${n.status}`)}</Tag>
                {n.isRecipient ? <Tag color={n.readAt ? 'default' : 'blue'}>{t(n.readAt ? 'notices.read' : 'notices.unread')}</Tag> : null}
                {box === 'issued' && n.status !== 'draft' ? <span>{t('notices.receipts.summary', { n: n.recipients, read: n.read })}</span> : null}
              </Flex>} />
          </List.Item>
        )} />
      </Card>
      <NoticeFormModal open={creating} onClose={() => setCreating(false)} onSaved={() => { setCreating(false); setBox('issued'); load(); }} />
    </>
  );
}

interface Values { title: string; body: string; audience: 'subtree' | 'units'; units?: string[]; publish: boolean }

function NoticeFormModal(props: { open: boolean; onClose: () => void; onSaved: (n: NoticeFull) => void }) {
  const t = useT();
  const { locale } = useLocale();
  const r = rules(t);
  const { me } = useSession();
  const [form] = Form.useForm<Values>();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [children, setChildren] = useState<Array<{ value: string; label: string }>>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const audience = Form.useWatch('audience', form);
  const issuer = me?.grants[0]?.unitCode;

  useEffect(() => {
    if (!props.open || !issuer) return;
    unitsApi.tree(issuer).then((res) => setChildren(res.items.map((u) => ({ value: u.code, label: u.name }))), () => setChildren([]));
  }, [props.open, issuer]);

  const submit = async () => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const ids = files.map((f) => (f.response as { id?: string } | undefined)?.id).filter((x): x is string => typeof x === 'string');
      const saved = await noticesApi.create({ title: v.title.trim(), body: v.body, audience: v.audience, ...(v.audience === 'units' ? { units: v.units ?? [] } : {}), fileIds: ids, publish: v.publish });
      form.resetFields();
      setFiles([]);
      props.onSaved(saved);
    } catch (err) {
      setError(applyServerErrors(form, err, locale));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={props.open} title={t('notices.new')} onCancel={props.onClose} onOk={() => void submit()} confirmLoading={busy} okText={t('app.action.save')} cancelText={t('app.action.cancel')} width={720} forceRender>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Form<Values> form={form} layout="vertical" initialValues={{ audience: 'subtree', publish: true }} onValuesChange={() => setError(null)}>
        <Form.Item name="title" label={t('notices.field.title')} rules={[r.required(t('notices.field.title')), r.max(t('notices.field.title'), 120)]}><Input maxLength={120} /></Form.Item>
        <Form.Item name="body" label={t('notices.field.body')} extra={t('notices.field.bodyHelp')} rules={[r.required(t('notices.field.body')), r.max(t('notices.field.body'), 20000)]}>
          <Input.TextArea autoSize={{ minRows: 6, maxRows: 16 }} maxLength={20000} />
        </Form.Item>
        <Form.Item name="audience" label={t('notices.field.audience')}>
          <Radio.Group options={[{ value: 'subtree', label: t('notices.audience.subtree') }, { value: 'units', label: t('notices.audience.units') }]} />
        </Form.Item>
        {audience === 'units' ? (
          <Form.Item name="units" label={t('notices.field.units')} rules={[r.choose(t('notices.field.units'))]}>
            <Select mode="multiple" options={children} optionFilterProp="label" showSearch />
          </Form.Item>
        ) : null}
        <Form.Item label={t('notices.field.files')}>
          <Upload accept="image/jpeg,image/png,image/webp" listType="picture" fileList={files} onChange={({ fileList }) => setFiles(fileList)}
            customRequest={({ file, onSuccess, onError }) => { noticesApi.upload(file as Blob).then((res) => onSuccess?.(res), (e: unknown) => onError?.(e as Error)); }}>
            <Button icon={<UploadOutlined />}>{t('notices.attachments')}</Button>
          </Upload>
        </Form.Item>
        <Form.Item name="publish" label={t('notices.publishNow')} valuePropName="checked"><Switch /></Form.Item>
      </Form>
    </Modal>
  );
}
