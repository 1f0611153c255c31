// What expires or is due for inspection within N days, and what is overdue — for the grid
// worker's round, readable on a phone.
import { useEffect, useState } from 'react';
import { Alert, Card, Form, InputNumber, List, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { THING_KIND_LABELS } from '../../../../common/modules/things/things.contract.js';
import { describeError } from '../../../api/client.js';
import { pick, useLocale, useT } from '../../../app/i18n.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { UnitSelect } from '../../../components/UnitSelect.js';
import { thingsApi, type Due } from '../api.js';

export default function DuePage() {
  const t = useT();
  const { locale } = useLocale();
  const [days, setDays] = useState(30);
  const [unit, setUnit] = useState<string | undefined>(undefined);
  const [data, setData] = useState<Due | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    const h = setTimeout(() => { void thingsApi.due({ days, ...(unit ? { unit } : {}) }).then(setData, setError); }, 250);
    return () => clearTimeout(h);
  }, [days, unit]);
  return (
    <>
      <PageHeader title={t('things.due.title')} subtitle={data ? t('things.due.subtitle', { today: data.today, days: data.days }) : undefined} />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Form layout="inline" style={{ rowGap: 8 }}>
          <Form.Item label={t('things.due.days')}><InputNumber min={0} max={366} value={days} onChange={(v) => setDays(typeof v === 'number' ? v : 30)} /></Form.Item>
          <Form.Item label={t('places.filter.unit')}><UnitSelect allowClear value={unit} onChange={(v) => setUnit(v || undefined)} style={{ width: 160 }} /></Form.Item>
        </Form>
      </Card>
      {error ? <Alert type="error" showIcon title={describeError(error, locale)} /> : null}
      <List
        dataSource={data?.items ?? []}
        renderItem={(i) => (
          <List.Item key={`${i.thing.id}-${i.reason}`}>
            <List.Item.Meta
              title={<Space wrap><Link to={`/things/${i.thing.id}`}>{i.thing.name}</Link><Tag>{pick(THING_KIND_LABELS[i.thing.kind], locale)}</Tag><Tag color="blue">{t(`things.due.reason.${i.reason}`)}</Tag></Space>}
              description={<Space wrap>
                <Typography.Text>{t('things.due.dueOn')} {i.dueOn}</Typography.Text>
                {i.overdue ? <Tag color="red">{t('things.due.overdue', { n: -i.daysLeft })}</Tag> : <Tag color={i.daysLeft <= 7 ? 'orange' : 'default'}>{t('things.due.daysLeft')} {i.daysLeft}</Tag>}
                <Typography.Text type="secondary">{i.thing.place?.name ?? i.thing.enterprise?.name ?? i.thing.grid?.name ?? ''}</Typography.Text>
              </Space>}
            />
          </List.Item>
        )}
      />
    </>
  );
}
