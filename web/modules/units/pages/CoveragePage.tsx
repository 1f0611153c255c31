// Coverage of a unit: its children on the map with the gaps (red), overlaps (orange) and
// spill-outs (purple) drawn over them; totals; and the check of every unit below it.
import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, Flex, InputNumber, Result, Space, Statistic, Table, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { describeError } from '../../../api/client.js';
import { useLocale, useT } from '../../../app/i18n.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { unitsApi, type Coverage, type CoverageTree, type Geometry, type UnitFeatures } from '../api.js';
import { UnitMap, type ProblemShape } from '../components/UnitMap.js';
import { formatArea } from '../components/UnitDetailPanel.js';

export default function CoveragePage() {
  const t = useT();
  const { locale } = useLocale();
  const code = useParams().code ?? '';
  const [tol, setTol] = useState(1);
  const [report, setReport] = useState<Coverage | null>(null);
  const [tree, setTree] = useState<CoverageTree | null>(null);
  const [features, setFeatures] = useState<UnitFeatures | null>(null);
  const [outline, setOutline] = useState<Geometry | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [treeBusy, setTreeBusy] = useState(false);

  const load = async () => {
    setBusy(true);
    setError(null);
    try {
      const [r, fc, b] = await Promise.all([unitsApi.coverage(code, tol), unitsApi.children(code), unitsApi.boundary(code).catch(() => null)]);
      setReport(r);
      setFeatures(fc);
      setOutline(b?.geometry ?? null);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  useEffect(() => {
    setTree(null);
    void load();
  }, [code]);

  const checkTree = async () => {
    setTreeBusy(true);
    try {
      setTree(await unitsApi.coverageTree(code, tol));
    } catch (err) {
      setError(err);
    } finally {
      setTreeBusy(false);
    }
  };

  const problems = useMemo<ProblemShape[]>(() => report ? [
    ...report.gaps.map((g) => ({ kind: 'gap' as const, geometry: g.geometry })),
    ...report.overlaps.map((o) => ({ kind: 'overlap' as const, geometry: o.geometry })),
    ...report.outside.map((o) => ({ kind: 'outside' as const, geometry: o.geometry })),
  ] : [], [report]);

  return (
    <>
      <PageHeader
        title={report ? t('units.coverage.titleOf', { name: report.unit.shortName }) : t('units.coverage.title')}
        subtitle={t('units.coverage.subtitle')}
        extra={
          <Space>
            <span>{t('units.coverage.tolerance')}</span>
            <InputNumber min={0} value={tol} onChange={(v) => setTol(v ?? 1)} suffix="m²" style={{ width: 140 }} />
            <Button onClick={() => void load()} loading={busy}>{t('units.coverage.check')}</Button>
            <Link to={`/units/${code}`}><Button>{t('units.coverage.back')}</Button></Link>
          </Space>
        }
      />
      {error ? <Alert type="error" showIcon title={describeError(error, locale)} style={{ marginBottom: 12 }} /> : null}
      <Flex gap={12} align="flex-start">
        <Card size="small" style={{ flex: 1, minWidth: 0 }} styles={{ body: { padding: 8 } }}>
          <UnitMap features={features} outline={outline} problems={problems} height="calc(100vh - 280px)" testId="coverage-map" />
          <Space size={16} style={{ marginTop: 8, fontSize: 12 }}>
            <span><Tag color="red">■</Tag>{t('units.coverage.gaps')}</span>
            <span><Tag color="orange">■</Tag>{t('units.coverage.overlaps')}</span>
            <span><Tag color="purple">■</Tag>{t('units.coverage.outside')}</span>
          </Space>
        </Card>
        <div style={{ width: 380, flex: 'none' }}>
          {report ? (
            <Card size="small" data-testid="coverage-summary">
              {report.ok
                ? <Result status="success" title={t('units.coverage.ok')} subTitle={t('units.coverage.okHelp', { n: report.children, tol: report.toleranceM2 })} style={{ padding: 8 }} />
                : <Result status="warning" title={t('units.coverage.problems')} style={{ padding: 8 }} />}
              <Flex wrap gap={16}>
                <Statistic title={t('units.coverage.area')} value={formatArea(report.areaM2, t)} />
                <Statistic title={t('units.coverage.childrenArea')} value={formatArea(report.childrenAreaM2, t)} />
                <Statistic title={t('units.coverage.gaps')} value={`${report.gaps.length} · ${formatArea(report.gapAreaM2, t)}`} />
                <Statistic title={t('units.coverage.overlaps')} value={`${report.overlaps.length} · ${formatArea(report.overlapAreaM2, t)}`} />
                <Statistic title={t('units.coverage.outside')} value={`${report.outside.length} · ${formatArea(report.outsideAreaM2, t)}`} />
              </Flex>
              {report.childrenWithoutBoundary.length ? (
                <Alert type="warning" showIcon style={{ marginTop: 8 }} title={t('units.coverage.withoutBoundary', { n: report.childrenWithoutBoundary.length })}
                  description={report.childrenWithoutBoundary.slice(0, 20).map((c) => c.shortName).join('、')} />
              ) : null}
              {report.overlaps.length ? (
                <Table size="small" style={{ marginTop: 8 }} rowKey={(o) => `${o.a}-${o.b}`} pagination={false} dataSource={report.overlaps}
                  columns={[{ title: t('units.coverage.pair'), render: (_, o) => `${o.a} × ${o.b}` }, { title: 'm²', render: (_, o) => Math.round(o.areaM2) }]} />
              ) : null}
            </Card>
          ) : null}
          <Card size="small" style={{ marginTop: 12 }} title={t('units.coverage.treeTitle')}
            extra={<Button size="small" loading={treeBusy} onClick={() => void checkTree()}>{t('units.coverage.treeRun')}</Button>}>
            {tree ? (
              <>
                <Typography.Paragraph>
                  {tree.ok ? <Tag color="green">{t('units.coverage.ok')}</Tag> : <Tag color="red">{t('units.coverage.problems')}</Tag>}
                  {t('units.coverage.treeChecked', { n: tree.checked, s: (tree.durationMs / 1000).toFixed(1) })}
                </Typography.Paragraph>
                <Table size="small" rowKey="code" pagination={{ pageSize: 8 }} dataSource={tree.problems}
                  columns={[
                    { title: t('units.detail.name'), render: (_, p) => <Link to={`/units/${p.code}/coverage`}>{p.name}</Link> },
                    { title: t('units.coverage.gaps'), render: (_, p) => formatArea(p.gapAreaM2, t) },
                    { title: t('units.coverage.overlaps'), render: (_, p) => formatArea(p.overlapAreaM2, t) },
                    { title: t('units.coverage.withoutBoundaryShort'), dataIndex: 'childrenWithoutBoundary' },
                  ]} />
              </>
            ) : <Typography.Text type="secondary">{t('units.coverage.treeHelp')}</Typography.Text>}
          </Card>
        </div>
      </Flex>
    </>
  );
}
