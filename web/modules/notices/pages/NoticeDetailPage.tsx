// One notice: its text in paragraphs, attachments, where it went; for the issuer side, who has
// not read it yet per unit, and publish / withdraw.
import { useCallback, useEffect, useState } from 'react';
import { useParams } from 'react-router';
import { Alert, Button, Card, Descriptions, Flex, Image, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { describeError } from '../../../api/client.js';
import { useLocale, useT } from '../../../app/i18n.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { noticesApi, type NoticeFull, type Receipts } from '../api.js';
import { formatTime, STATUS_COLOURS } from './NoticeListPage.js';

export default function NoticeDetailPage() {
  const { id = '' } = useParams();
  const t = useT();
  const { locale } = useLocale();
  const [n, setN] = useState<NoticeFull | null>(null);
  const [receipts, setReceipts] = useState<Receipts | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [withdrawing, setWithdrawing] = useState(false);
  const [reason, setReason] = useState('');
  const load = useCallback(() => {
    setError(null);
    noticesApi.get(id).then((d) => {
      setN(d);
      if (d.abilities.receipts && d.status !== 'draft') noticesApi.receipts(id).then(setReceipts, () => setReceipts(null));
    }, setError);
  }, [id]);
  useEffect(load, [load]);

  const act = (p: Promise<NoticeFull>) => p.then((d) => { setN(d); setWithdrawing(false); load(); }, setError);

  return (
    <>
      <PageHeader title={n?.title ?? t('notices.title')} subtitle={n ? `${n.issuer.name} · ${formatTime(n.publishedAt ?? n.createdAt, locale)}` : undefined}
        extra={<Space className="sg-no-print">
          {n?.abilities.publish ? <Button type="primary" onClick={() => void act(noticesApi.publish(id))}>{t('notices.publish')}</Button> : null}
          {n?.abilities.withdraw ? <Button danger onClick={() => setWithdrawing(true)}>{t('notices.withdraw')}</Button> : null}
          <Button icon={<PrinterOutlined />} onClick={() => window.print()}>{t('notices.print')}</Button>
        </Space>} />
      {error ? <Alert type="error" showIcon title={describeError(error, locale)} style={{ marginBottom: 12 }} /> : null}
      {n ? (
        <Flex vertical gap={12}>
          {n.status === 'withdrawn' ? <Alert type="warning" showIcon title={t('notices.withdrawnBecause', { at: formatTime(n.withdrawnAt, locale), reason: n.withdrawReason ?? '' })} /> : null}
          <Card size="small">
            <Descriptions size="small" column={{ xs: 1, sm: 2 }} items={[
              { key: 'issuer', label: t('notices.field.issuer'), children: n.issuer.name },
              { key: 'status', label: t('notices.field.status'), children: <Tag color={STATUS_COLOURS[n.status]}>{t(`notices.status.${n.status}`)}</Tag> },
              { key: 'to', label: t('notices.sentTo'), children: n.units.map((u) => u.name).join('、') + (n.audience === 'subtree' ? `（${t('notices.audience.subtree')}）` : '') },
              ...(n.status !== 'draft' && n.abilities.receipts ? [{ key: 'read', label: t('notices.field.readCount'), children: `${n.read} / ${n.recipients}` }] : []),
            ]} />
            <div style={{ marginTop: 12 }}>
              {n.body.split(/\n\s*\n/).map((p, i) => <Typography.Paragraph key={i} style={{ whiteSpace: 'pre-wrap' }}>{p}</Typography.Paragraph>)}
            </div>
            {n.files.length > 0 ? (
              <>
                <Typography.Title level={5}>{t('notices.attachments')}</Typography.Title>
                <Image.PreviewGroup>
                  <Space wrap>{n.files.map((f) => <Image key={f.id} src={f.url} width={120} alt={f.name ?? f.id} />)}</Space>
                </Image.PreviewGroup>
              </>
            ) : null}
          </Card>
          {receipts ? (
            <Card size="small" title={`${t('notices.receipts')} · ${t('notices.receipts.summary', { n: receipts.recipients, read: receipts.read })}`}>
              <Table size="small" rowKey="code" pagination={false} scroll={{ x: true }} dataSource={receipts.units} columns={[
                { title: t('notices.receipts.unit'), dataIndex: 'name' },
                { title: t('notices.receipts.count'), key: 'count', render: (_: unknown, u) => `${u.read} / ${u.recipients}` },
                { title: t('notices.receipts.unreadUsers'), key: 'unread', render: (_: unknown, u) => (u.unread.length === 0
                  ? <Tag color="green">{t('notices.receipts.allRead')}</Tag>
                  : u.unread.map((x) => x.displayName).join('、')) },
              ]} />
            </Card>
          ) : null}
        </Flex>
      ) : null}
      <Modal open={withdrawing} title={t('notices.withdraw')} onCancel={() => setWithdrawing(false)} okButtonProps={{ danger: true, disabled: reason.trim().length < 2 }}
        onOk={() => void act(noticesApi.withdraw(id, reason.trim()))} okText={t('notices.withdraw')} cancelText={t('app.action.cancel')}>
        <Input.TextArea value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('notices.withdrawReason')} maxLength={500} autoSize={{ minRows: 3 }} />
      </Modal>
    </>
  );
}
