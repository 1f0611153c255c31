// The in-app inbox, my contact details for other channels (stored encrypted, shown masked) and
// the outbox of messages sent or waiting.
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { Alert, App, Badge, Button, Card, Form, Input, List, Space, Switch, Tabs, Tag, Typography, type TableColumnsType } from 'antd';
import { describeError } from '../../../api/client.js';
import { formatTime } from '../../../app/format.js';
import { applyServerErrors } from '../../../app/forms.js';
import { useLocale, useT } from '../../../app/i18n.js';
import { DataTable, useKeysetList } from '../../../components/DataTable.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { pick } from '../../hazards/components/labels.js';
import { notificationsApi, type Notification, type Outgoing } from '../api.js';

function Inbox() {
  const t = useT();
  const { locale } = useLocale();
  const { message } = App.useApp();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [unread, setUnread] = useState(0);
  const list = useKeysetList(async (cursor, signal) => {
    const page = await notificationsApi.inbox({ ...(cursor ? { cursor } : {}), ...(unreadOnly ? { unread: true } : {}) }, signal);
    setUnread(page.unread);
    return page;
  }, [unreadOnly]);
  const read = async (body: { ids?: string[]; all?: boolean }) => {
    try {
      const r = await notificationsApi.markRead(body);
      setUnread(r.unread);
      list.reload();
    } catch (err) {
      message.error(describeError(err, locale));
    }
  };
  return (
    <>
      <Space style={{ marginBottom: 8 }} wrap>
        <Badge count={unread}><Typography.Text>{t('notifications.inbox.unread')}</Typography.Text></Badge>
        <Switch checked={unreadOnly} onChange={setUnreadOnly} /><span>{t('notifications.inbox.onlyUnread')}</span>
        <Button size="small" disabled={unread === 0} onClick={() => void read({ all: true })}>{t('notifications.inbox.readAll')}</Button>
      </Space>
      <List<Notification> dataSource={list.items} loading={list.loading} renderItem={(n) => (
        <List.Item actions={n.readAt ? [] : [<Button key="r" size="small" type="link" onClick={() => void read({ ids: [n.id] })}>{t('notifications.inbox.markRead')}</Button>]}>
          <List.Item.Meta
            title={<Space wrap>{n.readAt ? null : <Badge status="processing" />}
              {n.object?.type === 'hazard' ? <Link to={`/hazards/${n.object.id}`} onClick={() => !n.readAt && void read({ ids: [n.id] })}>{pick(n.title, locale)}</Link> : pick(n.title, locale)}</Space>}
            description={<><div style={{ whiteSpace: 'pre-wrap' }}>{pick(n.body, locale)}</div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatTime(n.createdAt, locale)}</Typography.Text></>} />
        </List.Item>
      )} />
      {list.hasMore ? <Button block onClick={list.loadMore}>{t('notifications.more')}</Button> : null}
    </>
  );
}

function Contacts() {
  const t = useT();
  const { locale } = useLocale();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ email?: string; phone?: string; notifyEmail: boolean; notifySms: boolean }>();
  const [current, setCurrent] = useState<{ email: string | null; phone: string | null } | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    notificationsApi.contacts().then((c) => { setCurrent(c); form.setFieldsValue({ notifyEmail: c.notifyEmail, notifySms: c.notifySms }); }, () => undefined);
  }, [form]);
  const save = async () => {
    const v = await form.validateFields();
    setError(null);
    try {
      const c = await notificationsApi.setContacts({ ...(v.email ? { email: v.email.trim() } : {}), ...(v.phone ? { phone: v.phone.trim() } : {}), notifyEmail: v.notifyEmail, notifySms: v.notifySms });
      setCurrent(c);
      form.setFieldsValue({ email: '', phone: '' });
      message.success(t('notifications.contacts.saved'));
    } catch (err) {
      setError(applyServerErrors(form, err, locale));
    }
  };
  return (
    <Card size="small" style={{ maxWidth: 520 }}>
      <Typography.Paragraph type="secondary">{t('notifications.contacts.help')}</Typography.Paragraph>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical">
        <Form.Item name="email" label={t('notifications.contacts.email')} extra={current?.email ? t('notifications.contacts.current', { v: current.email }) : undefined} rules={[{ type: 'email' }]}>
          <Input autoComplete="email" />
        </Form.Item>
        <Form.Item name="phone" label={t('notifications.contacts.phone')} extra={current?.phone ? t('notifications.contacts.current', { v: current.phone }) : undefined} rules={[{ pattern: /^1[3-9]\d{9}$/, message: t('notifications.contacts.phoneFormat') }]}>
          <Input inputMode="tel" autoComplete="tel" />
        </Form.Item>
        <Form.Item name="notifyEmail" label={t('notifications.contacts.notifyEmail')} valuePropName="checked"><Switch /></Form.Item>
        <Form.Item name="notifySms" label={t('notifications.contacts.notifySms')} valuePropName="checked"><Switch /></Form.Item>
        <Button type="primary" onClick={() => void save()}>{t('app.action.save')}</Button>
      </Form>
    </Card>
  );
}

function Outbox() {
  const t = useT();
  const { locale } = useLocale();
  const list = useKeysetList((cursor, signal) => notificationsApi.outbox(cursor ? { cursor } : {}, signal), []);
  const columns: TableColumnsType<Outgoing> = [
    { title: t('notifications.outbox.subject'), dataIndex: 'subject' },
    { title: t('notifications.outbox.channel'), dataIndex: 'channel', width: 90, render: (c: string) => t(`notifications.channel.${c}`) },
    { title: t('notifications.outbox.recipient'), dataIndex: 'recipient', width: 150, render: (r: string | null) => r ?? '—' },
    { title: t('notifications.outbox.status'), dataIndex: 'status', width: 110, render: (s: string, o) => <Tag color={s === 'sent' ? 'green' : s === 'failed' ? 'red' : 'blue'} title={o.lastError ?? ''}>{t(`notifications.status.${s}`)}</Tag> },
    { title: t('notifications.outbox.at'), key: 'at', width: 170, render: (_: unknown, o) => formatTime(o.sentAt ?? o.createdAt, locale) },
  ];
  return <DataTable list={list} rowKey="id" columns={columns} size="small" scroll={{ x: 700 }} />;
}

export default function InboxPage() {
  const t = useT();
  return (
    <>
      <PageHeader title={t('notifications.inbox.title')} />
      <Tabs items={[
        { key: 'inbox', label: t('notifications.tab.inbox'), children: <Inbox /> },
        { key: 'outbox', label: t('notifications.tab.outbox'), children: <Outbox /> },
        { key: 'contacts', label: t('notifications.tab.contacts'), children: <Contacts /> },
      ]} />
    </>
  );
}
