// My work: inspections due, residents' reports to check, hazards to confirm, rectify, accept, decide on, list or supervise —
// overdue first.
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { Alert, Badge, Button, Card, Empty, Flex, List, Segmented, Space, Tag, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { WORK_KINDS, type WorkKind } from '../../../../common/modules/notifications/notifications.contract.js';
import { describeError } from '../../../api/client.js';
import { useLocale, useT } from '../../../app/i18n.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { stateName } from '../../hazards/components/labels.js';
import { notificationsApi, type Work } from '../api.js';

const LINKS: Record<string, (id: string) => string> = {
  hazard: (id) => `/hazards/${id}`,
  inspection: (id) => `/inspections/${id}`,
  inspection_task: () => '/inspections',
  report: (id) => `/reports/${id}`,
  notice: (id) => `/notices/${id}`,
  calendar: (id) => `/calendar?year=${id}`,
};

export default function MyWorkPage() {
  const t = useT();
  const { locale } = useLocale();
  const [work, setWork] = useState<Work | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [kind, setKind] = useState<WorkKind | 'all'>('all');
  const load = useCallback(() => {
    setError(null);
    notificationsApi.myWork().then(setWork, setError);
  }, []);
  useEffect(load, [load]);
  const items = (work?.items ?? []).filter((i) => kind === 'all' || i.kind === kind);
  const kinds = WORK_KINDS.filter((k) => (work?.counts[k] ?? 0) > 0);

  return (
    <>
      <PageHeader title={t('notifications.work.title')} subtitle={work ? t('notifications.work.summary', { n: work.items.length, overdue: work.counts.overdue ?? 0 }) : undefined}
        extra={<Button icon={<ReloadOutlined />} onClick={load}>{t('app.action.refresh')}</Button>} />
      {error ? <Alert type="error" showIcon title={describeError(error, locale)} /> : null}
      {kinds.length > 1 ? (
        <div style={{ overflowX: 'auto', marginBottom: 12 }}>
          <Segmented value={kind} onChange={(v) => setKind(v as WorkKind | 'all')} options={[
            { value: 'all', label: t('notifications.work.all') },
            ...kinds.map((k) => ({ value: k, label: <Space size={4}>{t(`notifications.kind.${k}`)}<Badge count={work?.counts[k] ?? 0} size="small" color="#999" /></Space> })),
          ]} />
        </div>
      ) : null}
      <Card size="small">
        {work && items.length === 0 ? <Empty description={t('notifications.work.none')} /> : null}
        <List dataSource={items} loading={!work && !error} renderItem={(i) => (
          <List.Item data-testid={`work-${i.kind}-${i.id}`}>
            <List.Item.Meta
              title={<Link to={(LINKS[i.link.type] ?? LINKS.hazard)?.(i.link.id) ?? '/'}>
                <Space wrap size={6}>{i.code ? <Typography.Text code>{i.code}</Typography.Text> : null}{i.title}</Space>
              </Link>}
              description={<Flex wrap gap={6}>
                <Tag>{t(`notifications.kind.${i.kind}`)}</Tag>
                {i.state && i.link.type === 'hazard' ? <Tag>{stateName(i.state, locale)}</Tag> : null}
                {i.dueDate ? <Typography.Text type={i.overdue ? 'danger' : 'secondary'}>{t('notifications.work.due', { date: i.dueDate })}</Typography.Text> : null}
                {i.overdue ? <Tag color="red">{t('notifications.work.overdue', { n: i.daysOverdue })}</Tag> : null}
              </Flex>} />
          </List.Item>
        )} />
      </Card>
    </>
  );
}
