// "Who is responsible here": for a point, its grid, the grid's workers, and the leader and safety
// officer of the grid and of every unit above it (phones masked).
import { Alert, Card, Descriptions, Empty, List, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { describeError } from '../../../api/client.js';
import { useLocale, useT } from '../../../app/i18n.js';
import type { Responsible } from '../api.js';

export interface ResponsiblePanelProps {
  result: Responsible | null;
  error: unknown;
  onClose: () => void;
}

function person(p: { name: string; phone: string | null } | null): string {
  return p ? `${p.name}${p.phone ? ` ${p.phone}` : ''}` : '—';
}

export function ResponsiblePanel({ result, error, onClose }: ResponsiblePanelProps) {
  const t = useT();
  const { locale } = useLocale();
  return (
    <Card size="small" data-testid="responsible" title={t('units.responsible.title')} extra={<Typography.Link onClick={onClose}>{t('app.action.close')}</Typography.Link>}>
      {error ? <Alert type="warning" showIcon title={describeError(error, locale)} /> : null}
      {result ? (
        <>
          <Descriptions size="small" column={1} items={[
            { key: 'point', label: t('units.responsible.point'), children: `${result.point[0]?.toFixed(6)}, ${result.point[1]?.toFixed(6)}` },
            { key: 'grid', label: t('units.level.grid'), children: <Link to={`/units/${result.grid.code}`}>{result.grid.name}</Link> },
          ]} />
          <Typography.Title level={5} style={{ marginTop: 8 }}>{t('units.detail.workers')}</Typography.Title>
          {result.workers.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('units.detail.noWorkers')} /> : (
            <List size="small" dataSource={result.workers} renderItem={(w) => (
              <List.Item><span data-testid="responsible-worker">{w.displayName} <Typography.Text type="secondary">({w.username})</Typography.Text></span></List.Item>
            )} />
          )}
          <Typography.Title level={5} style={{ marginTop: 8 }}>{t('units.responsible.chain')}</Typography.Title>
          <List size="small" dataSource={result.responsible} renderItem={(r) => (
            <List.Item>
              <div>
                <div><Tag>{t(`units.level.${r.unit.level}`)}</Tag>{r.unit.shortName}</div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('units.detail.leader')}: {person(r.leader)} · {t('units.detail.safetyOfficer')}: {person(r.safetyOfficer)}
                </Typography.Text>
              </div>
            </List.Item>
          )} />
        </>
      ) : null}
    </Card>
  );
}
