// The landing page, one per role: the grid worker's day (tasks due, hazards to follow up, big
// buttons to start an inspection or report a hazard); the community and street official's
// to-do and their area's open / overdue / major hazards; the district office's figures with a
// chart and the worst streets. Administrators see their roles and the functions open to them.
import { lazy, Suspense, type ReactNode } from 'react';
import { Alert, Button, Card, Col, Empty, Flex, List, Row, Skeleton, Statistic, Table, Tag, Typography } from 'antd';
import { AlertOutlined, FileSearchOutlined, RightOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import { describeError } from '../../../api/client.js';
import { useApiQuery } from '../../../api/query.js';
import { useCan } from '../../../access/can.js';
import { useVisibleMenu } from '../../../app/menu.js';
import { formatTime } from '../../../app/format.js';
import { industryName } from '../../../app/industries.js';
import { pick, useLocale, useT, type TFunction } from '../../../app/i18n.js';
import { useSession } from '../../../app/session.js';
import type { MeView } from '../../auth/api.js';
import { hazardsApi, type Stats } from '../../hazards/api.js';
import { stateName } from '../../hazards/components/labels.js';
import { notificationsApi } from '../../notifications/api.js';
import type { WorkItem } from '../../../../common/modules/notifications/notifications.contract.js';
import { homeKind, localDay, splitToday, stillOpen, worstUnits, yearStart } from '../home.js';

const FiguresChart = lazy(() => import('../components/FiguresChart.js'));

type GrantItem = MeView['grants'][number];

const WORK_LINKS: Record<string, (id: string) => string> = {
  hazard: (id) => `/hazards/${id}`,
  inspection: (id) => `/inspections/${id}`,
  inspection_task: () => '/inspections',
  report: (id) => `/reports/${id}`,
};
const workLink = (i: WorkItem): string => (WORK_LINKS[i.link.type] ?? WORK_LINKS.hazard)?.(i.link.id) ?? '/';

function useToday() {
  const today = localDay(new Date());
  return { from: yearStart(today), to: today };
}

/** One work item as a card: fits a phone, taps through to the record. */
function WorkCard(props: { item: WorkItem }) {
  const t = useT();
  const { locale } = useLocale();
  const i = props.item;
  return (
    <List.Item style={{ padding: 0, border: 'none' }}>
      <Link to={workLink(i)} style={{ display: 'block', width: '100%' }} data-testid={`home-work-${i.kind}-${i.id}`}>
        <Card size="small" hoverable style={{ width: '100%', marginBottom: 8, borderLeft: i.overdue ? '4px solid #cf1322' : undefined }}>
          <Flex justify="space-between" align="center" gap={8}>
            <div style={{ minWidth: 0 }}>
              <Typography.Text strong ellipsis style={{ display: 'block' }}>{i.title}</Typography.Text>
              <Flex wrap gap={6} style={{ marginTop: 4 }}>
                <Tag>{t(`notifications.kind.${i.kind}`)}</Tag>
                {i.state && i.link.type === 'hazard' ? <Tag>{stateName(i.state, locale)}</Tag> : null}
                {i.dueDate ? <Typography.Text type={i.overdue ? 'danger' : 'secondary'}>{t('notifications.work.due', { date: i.dueDate })}</Typography.Text> : null}
                {i.overdue ? <Tag color="red">{t('notifications.work.overdue', { n: i.daysOverdue })}</Tag> : null}
                {i.code ? <Typography.Text type="secondary" className="sg-mono">{i.code}</Typography.Text> : null}
              </Flex>
            </div>
            <RightOutlined style={{ color: '#90a4ae' }} />
          </Flex>
        </Card>
      </Link>
    </List.Item>
  );
}

function WorkCards(props: { items: WorkItem[]; empty: string; limit?: number; testId: string; more?: ReactNode }) {
  const shown = props.items.slice(0, props.limit ?? 20);
  return (
    <div data-testid={props.testId} className="sg-card-list">
      {shown.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={props.empty} /> : (
        <List dataSource={shown} split={false} renderItem={(i) => <WorkCard item={i} />} />
      )}
      {props.items.length > shown.length ? props.more ?? null : null}
    </div>
  );
}

function MoreLink(props: { to: string; t: TFunction; n: number }) {
  return <Link to={props.to}>{props.t('home.more', { n: props.n })}</Link>;
}

function useMyWork() {
  return useApiQuery(['notifications', 'my-work'], () => notificationsApi.myWork());
}

function QueryError(props: { error: unknown; retry: () => void }) {
  const t = useT();
  const { locale } = useLocale();
  return <Alert type="error" showIcon style={{ marginBottom: 12 }} title={describeError(props.error, locale)}
    action={<Button size="small" onClick={props.retry}>{t('app.retry')}</Button>} />;
}

function GridWorkerHome() {
  const t = useT();
  const navigate = useNavigate();
  const canInspect = useCan('inspection.perform');
  const canReport = useCan('hazard.report');
  const work = useMyWork();
  const day = work.data ? splitToday(work.data.items) : null;
  return (
    <>
      <Row gutter={[12, 12]} className="sg-home-actions" style={{ marginBottom: 16 }}>
        {canInspect ? (
          <Col xs={24} sm={12}>
            <Button type="primary" block size="large" icon={<FileSearchOutlined />} onClick={() => void navigate('/inspections')} data-testid="home-start-inspection">
              {t('home.grid.startInspection')}
            </Button>
          </Col>
        ) : null}
        {canReport ? (
          <Col xs={24} sm={12}>
            <Button danger type="primary" block size="large" icon={<AlertOutlined />} onClick={() => void navigate('/hazards?new=1')} data-testid="home-report-hazard">
              {t('home.grid.reportHazard')}
            </Button>
          </Col>
        ) : null}
      </Row>
      {work.error ? <QueryError error={work.error} retry={() => void work.refetch()} /> : null}
      <Row gutter={[12, 12]}>
        <Col xs={8}><Card size="small"><Statistic title={t('home.grid.tasks')} value={day?.tasks.length ?? '—'} /></Card></Col>
        <Col xs={8}><Card size="small"><Statistic title={t('home.grid.hazards')} value={day?.hazards.length ?? '—'} /></Card></Col>
        <Col xs={8}><Card size="small"><Statistic title={t('home.overdue')} value={day?.overdue ?? '—'} styles={{ content: { color: day?.overdue ? '#cf1322' : undefined } }} /></Card></Col>
        <Col xs={24} lg={12}>
          <Card title={t('home.grid.tasksTitle')} size="small">
            {day ? <WorkCards testId="home-tasks" items={day.tasks} empty={t('home.grid.noTasks')} limit={10} more={<MoreLink to="/my-work" t={t} n={day.tasks.length} />} /> : <Skeleton active />}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('home.grid.hazardsTitle')} size="small">
            {day ? <WorkCards testId="home-hazards" items={day.hazards} empty={t('home.grid.noHazards')} limit={10} more={<MoreLink to="/my-work" t={t} n={day.hazards.length} />} /> : <Skeleton active />}
          </Card>
        </Col>
      </Row>
    </>
  );
}

/** Open, overdue, major and listed hazards of the user's area now. */
function OpenFigures(props: { stats: Stats | undefined; major: Stats | undefined }) {
  const t = useT();
  const s = props.stats;
  const cells: Array<[string, number | undefined, string | undefined, string]> = [
    ['home.figures.open', s?.openNow.open, undefined, '/hazards'],
    ['home.figures.overdue', s?.openNow.overdue, '#cf1322', '/hazards'],
    ['home.figures.major', props.major?.openNow.open, '#d4380d', '/hazards'],
    ['home.figures.listed', s?.openNow.listed, undefined, '/hazards'],
  ];
  return (
    <Row gutter={[12, 12]} data-testid="home-figures">
      {cells.map(([key, value, color, to]) => (
        <Col key={key} xs={12} md={6}>
          <Link to={to}>
            <Card size="small" hoverable>
              <Statistic title={t(key)} value={value ?? '—'} styles={{ content: { color: value ? color : undefined } }} />
            </Card>
          </Link>
        </Col>
      ))}
    </Row>
  );
}

function useAreaStats(by: 'unit' | 'month') {
  const { from, to } = useToday();
  return useApiQuery(['hazards', 'stats', by, from, to], () => hazardsApi.stats({ from, to, by }));
}
function useMajorStats() {
  const { from, to } = useToday();
  return useApiQuery(['hazards', 'stats', 'major', from, to], () => hazardsApi.stats({ from, to, grade: 'major', by: 'grade' }));
}

type Group = Stats['groups'][number];

function UnitTable(props: { groups: Group[]; testId: string }) {
  const t = useT();
  const { locale } = useLocale();
  return (
    <Table<Group> size="small" rowKey="key" pagination={false} dataSource={props.groups} data-testid={props.testId}
      locale={{ emptyText: t('home.units.none') }}
      columns={[
        { title: t('home.units.unit'), key: 'unit', render: (_v, g) => pick(g.label, locale) },
        { title: t('home.units.found'), dataIndex: 'found', align: 'right' },
        { title: t('home.units.open'), key: 'open', align: 'right', render: (_v, g) => stillOpen(g) },
        { title: t('home.figures.overdue'), dataIndex: 'overdue', align: 'right', render: (v: number) => (v ? <Typography.Text type="danger">{v}</Typography.Text> : v) },
      ]} />
  );
}

function OfficialHome() {
  const t = useT();
  const work = useMyWork();
  const stats = useAreaStats('unit');
  const major = useMajorStats();
  const items = work.data?.items ?? [];
  const sorted = splitToday(items);
  const todo = [...sorted.tasks, ...sorted.hazards].sort((a, b) => Number(b.overdue) - Number(a.overdue) || b.daysOverdue - a.daysOverdue);
  return (
    <>
      {stats.error ? <QueryError error={stats.error} retry={() => void stats.refetch()} /> : null}
      <OpenFigures stats={stats.data} major={major.data} />
      <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('home.todo.title', { n: items.length })} extra={<Link to="/my-work">{t('home.todo.all')}</Link>}>
            {work.error ? <QueryError error={work.error} retry={() => void work.refetch()} /> : null}
            {work.data ? <WorkCards testId="home-todo" items={todo} empty={t('home.todo.none')} limit={8} more={<MoreLink to="/my-work" t={t} n={todo.length} />} /> : <Skeleton active />}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('home.units.title')}>
            {stats.data ? <UnitTable groups={stats.data.groups} testId="home-units" /> : <Skeleton active />}
          </Card>
        </Col>
      </Row>
    </>
  );
}

function DistrictHome() {
  const t = useT();
  const { locale } = useLocale();
  const byUnit = useAreaStats('unit');
  const byMonth = useAreaStats('month');
  const major = useMajorStats();
  const work = useMyWork();
  const worst = byUnit.data ? worstUnits(byUnit.data.groups, 5) : [];
  const months = byMonth.data?.groups ?? [];
  const pct = (r: number | null | undefined) => (r === null || r === undefined ? '—' : `${Math.round(r * 1000) / 10}%`);
  return (
    <>
      {byUnit.error ? <QueryError error={byUnit.error} retry={() => void byUnit.refetch()} /> : null}
      <OpenFigures stats={byUnit.data} major={major.data} />
      <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
        <Col xs={12} md={6}><Card size="small"><Statistic title={t('home.figures.foundYear')} value={byUnit.data?.totals.found ?? '—'} /></Card></Col>
        <Col xs={12} md={6}><Card size="small"><Statistic title={t('home.figures.rectifiedYear')} value={byUnit.data?.totals.rectified ?? '—'} /></Card></Col>
        <Col xs={12} md={6}><Card size="small"><Statistic title={t('home.figures.onTime')} value={pct(byUnit.data?.totals.onTimeRate)} /></Card></Col>
        <Col xs={12} md={6}>
          <Link to="/my-work"><Card size="small" hoverable><Statistic title={t('home.todo.short')} value={work.data?.items.length ?? '—'} /></Card></Link>
        </Col>
        <Col xs={24} lg={14}>
          <Card size="small" title={t('home.chart.title')}>
            {byMonth.data ? (
              months.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('home.chart.none')} /> : (
                <Suspense fallback={<Skeleton active />}>
                  <FiguresChart categories={months.map((g) => g.key)} series={[
                    { name: t('home.units.found'), kind: 'bar', values: months.map((g) => g.found), color: '#1554ad' },
                    { name: t('home.figures.rectified'), kind: 'bar', values: months.map((g) => g.rectified), color: '#389e0d' },
                    { name: t('home.figures.overdue'), kind: 'line', values: months.map((g) => g.overdue), color: '#cf1322' },
                  ]} />
                </Suspense>
              )
            ) : <Skeleton active />}
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card size="small" title={t('home.worst.title')} extra={<Link to="/hazards-stats">{t('home.worst.all')}</Link>}>
            {byUnit.data ? (
              worst.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('home.worst.none')} /> : (
                <List data-testid="home-worst" dataSource={worst} renderItem={(g, n) => (
                  <List.Item extra={g.overdue ? <Tag color="red">{t('home.worst.overdue', { n: g.overdue })}</Tag> : null}>
                    <List.Item.Meta title={`${n + 1}. ${pick(g.label, locale)}`}
                      description={t('home.worst.line', { found: g.found, open: stillOpen(g), escalated: g.escalated })} />
                  </List.Item>
                )} />
              )
            ) : <Skeleton active />}
          </Card>
        </Col>
      </Row>
    </>
  );
}

function GeneralHome(props: { me: MeView }) {
  const t = useT();
  const { locale } = useLocale();
  const navigate = useNavigate();
  const me = props.me;
  const links = useVisibleMenu().filter((e) => e.path !== '/');
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={14}>
        <Card title={t('home.grants.title')}>
          <Table<GrantItem>
            size="small"
            rowKey="id"
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={me.grants}
            locale={{ emptyText: t('home.grants.none') }}
            columns={[
              { title: t('home.grants.role'), key: 'role', render: (_v, g) => <Tag color="blue">{pick(g.roleName, locale)}</Tag> },
              { title: t('home.grants.unit'), key: 'unit', render: (_v, g) => <>{g.unitName} <Typography.Text type="secondary" className="sg-mono">{g.unitCode}</Typography.Text></> },
              ...(me.grants.some((g) => g.industryCode)
                ? [{ title: t('home.grants.industry'), key: 'industry', render: (_v: unknown, g: GrantItem) => industryName(g.industryCode, locale) }]
                : []),
            ]}
          />
        </Card>
      </Col>
      <Col xs={24} xl={10}>
        <Card title={t('home.links.title')} data-testid="quick-links">
          {links.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('home.links.none')} />
          ) : (
            <Row gutter={[12, 12]}>
              {links.map((l) => (
                <Col key={l.key} xs={12} sm={8} xl={12}>
                  <Card size="small" hoverable onClick={() => void navigate(l.path)} data-testid={`quick-link-${l.key}`}>
                    <span style={{ marginRight: 8, color: '#1554ad' }}>{l.icon}</span>
                    {t(l.labelKey)}
                  </Card>
                </Col>
              ))}
            </Row>
          )}
        </Card>
      </Col>
    </Row>
  );
}

export default function HomePage() {
  const t = useT();
  const { locale } = useLocale();
  const { me } = useSession();
  if (!me) return null;
  const kind = homeKind(me.grants, me.permissions);
  return (
    <div data-testid={`home-${kind}`}>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="welcome">{t('home.welcome', { name: me.displayName })}</Typography.Title>
        <Typography.Text type="secondary">
          {t('home.unitLine', { unit: me.unit.name })}
          {kind === 'general' ? <> · {t('home.session', { time: formatTime(me.sessionExpiresAt, locale) })}</> : null}
        </Typography.Text>
      </Card>
      {kind === 'grid' ? <GridWorkerHome /> : kind === 'official' ? <OfficialHome /> : kind === 'district' ? <DistrictHome /> : <GeneralHome me={me} />}
    </div>
  );
}
