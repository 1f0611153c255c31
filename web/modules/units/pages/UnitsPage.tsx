// The unit tree (lazy) beside the map: drill down city → district → street → community → grid by
// the tree or by clicking a polygon; the selected unit's details, responsible persons, grid
// workers and counts; boundaries as of a past date.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, AutoComplete, Breadcrumb, Button, Card, DatePicker, Flex, Grid, Input, Space, Tag, Tree, Typography } from 'antd';
import type { TreeDataNode } from 'antd';
import { AimOutlined, ApartmentOutlined, EditOutlined, EnvironmentOutlined, HistoryOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams } from 'react-router';
import type { Dayjs } from 'dayjs';
import { describeError } from '../../../api/client.js';
import { useLocale, useT } from '../../../app/i18n.js';
import { useCan } from '../../../access/can.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { unitsApi, type Responsible, type SearchItem, type UnitDetailView, type UnitFeatures, type UnitNodeItem, type Geometry } from '../api.js';
import { UnitMap } from '../components/UnitMap.js';
import { UnitDetailPanel } from '../components/UnitDetailPanel.js';
import { ResponsiblePanel } from '../components/ResponsiblePanel.js';

interface Node extends TreeDataNode {
  key: string;
  unit: UnitNodeItem;
}

function toNode(u: UnitNodeItem): Node {
  return { key: u.code, title: u.shortName, unit: u, isLeaf: u.childCount === 0, disabled: false };
}

function setChildren(list: Node[], key: string, kids: Node[]): Node[] {
  return list.map((n) => (n.key === key ? { ...n, children: kids } : n.children ? { ...n, children: setChildren(n.children as Node[], key, kids) } : n));
}

export default function UnitsPage() {
  const t = useT();
  const { locale } = useLocale();
  const navigate = useNavigate();
  const params = useParams();
  const canImport = useCan('unit.import');
  const [tree, setTree] = useState<Node[]>([]);
  const [expanded, setExpanded] = useState<string[]>([]);
  const [detail, setDetail] = useState<UnitDetailView | null>(null);
  const [features, setFeatures] = useState<UnitFeatures | null>(null);
  const [outline, setOutline] = useState<Geometry | null>(null);
  const [asOf, setAsOf] = useState<Dayjs | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [options, setOptions] = useState<SearchItem[]>([]);
  const [reload, setReload] = useState(0);
  const [mapLoading, setMapLoading] = useState(false);
  const screens = Grid.useBreakpoint();
  // Below a wide desktop the tree, the map and the details stack instead of sharing one row.
  const stacked = screens.xl === false;
  // "Who is responsible here": picking a point on the map, and the answer.
  const [picking, setPicking] = useState(false);
  const [responsible, setResponsible] = useState<{ result: Responsible | null; error: unknown } | null>(null);
  const pick = (at: [number, number]) => {
    setPicking(false);
    unitsApi.responsible(at[0], at[1]).then((result) => setResponsible({ result, error: null }), (err: unknown) => setResponsible({ result: null, error: err }));
  };
  const code = params.code ?? null;
  const asOfIso = asOf ? asOf.endOf('day').toISOString() : undefined;

  useEffect(() => {
    unitsApi.tree().then((r) => {
      const nodes = r.items.map(toNode);
      setTree(nodes);
      if (!code && nodes.length === 1 && nodes[0]) {
        // Open the first unit the user sees in full.
        let first = nodes[0].unit;
        const walk = async () => {
          while (first.restricted && first.childCount > 0) {
            const kids = await unitsApi.tree(first.code);
            if (kids.items.length !== 1 || !kids.items[0]) break;
            first = kids.items[0];
          }
          void navigate(`/units/${first.code}`, { replace: true });
        };
        void walk();
      }
    }, setError);
  }, []);

  useEffect(() => {
    if (!code) return;
    setError(null);
    setMapLoading(true);
    let live = true;
    unitsApi.detail(code, asOfIso).then(async (d) => {
      if (!live) return;
      setDetail(d);
      // A grid has no children: show its community's grids with this one highlighted.
      const shown = d.level === 'grid' ? d.ancestors[d.ancestors.length - 1]?.code ?? code : code;
      const [fc, own] = await Promise.all([
        unitsApi.children(shown, undefined, asOfIso).catch(() => null),
        d.restricted ? Promise.resolve(null) : unitsApi.boundary(shown, asOfIso).catch(() => null),
      ]);
      if (!live) return;
      setFeatures(fc);
      setOutline(own?.geometry ?? null);
      setMapLoading(false);
      setExpanded((e) => [...new Set([...e, ...d.ancestors.map((a) => a.code), ...(d.childCount > 0 ? [d.code] : [])])]);
    }, (err: unknown) => {
      if (live) {
        setError(err);
        setDetail(null);
        setMapLoading(false);
      }
    });
    return () => {
      live = false;
    };
  }, [code, asOfIso, reload]);

  const loadData = useCallback(async (node: Node) => {
    if (node.children) return;
    const r = await unitsApi.tree(node.key);
    setTree((list) => setChildren(list, node.key, r.items.map(toNode)));
  }, []);

  const onSearch = (q: string) => {
    if (q.trim().length < 1) {
      setOptions([]);
      return;
    }
    unitsApi.search(q.trim(), 15).then((r) => setOptions(r.items), () => setOptions([]));
  };

  const crumbs = useMemo(() => {
    if (!detail) return [];
    return [...detail.ancestors, { code: detail.code, shortName: detail.shortName }].map((a) => ({
      key: a.code, title: a.code === detail.code ? a.shortName : <Link to={`/units/${a.code}`}>{a.shortName}</Link>,
    }));
  }, [detail]);

  return (
    <>
      <PageHeader
        title={t('units.map.title')}
        subtitle={t('units.map.subtitle')}
        extra={
          <>
            <DatePicker value={asOf} onChange={setAsOf} allowClear placeholder={t('units.map.asOf')} suffixIcon={<HistoryOutlined />} />
            {canImport ? <Button icon={<ApartmentOutlined />} onClick={() => void navigate('/units/import')}>{t('units.import.title')}</Button> : null}
          </>
        }
      />
      {asOf ? <Alert type="info" showIcon title={t('units.map.asOfNotice', { date: asOf.format('YYYY-MM-DD') })} style={{ marginBottom: 12 }} /> : null}
      {error ? <Alert type="error" showIcon title={describeError(error, locale)} style={{ marginBottom: 12 }} /> : null}
      <Flex gap={12} align={stacked ? 'stretch' : 'flex-start'} vertical={stacked} wrap={false} style={{ minWidth: 0 }}>
        <Card size="small" style={stacked ? { width: '100%' } : { width: 280, flex: 'none' }} styles={{ body: { padding: 8 } }}>
          <AutoComplete
            style={{ width: '100%', marginBottom: 8 }}
            options={options.map((o) => ({ value: o.code, label: <span>{o.shortName} <Typography.Text type="secondary" style={{ fontSize: 12 }}>{o.context}</Typography.Text></span> }))}
            onSearch={onSearch}
            onSelect={(v: string) => void navigate(`/units/${v}`)}
          >
            <Input.Search placeholder={t('units.tree.search')} allowClear />
          </AutoComplete>
          <div style={{ maxHeight: stacked ? 220 : 'calc(100vh - 260px)', overflow: 'auto' }} data-testid="unit-tree">
            <Tree<Node>
              treeData={tree}
              loadData={loadData}
              expandedKeys={expanded}
              onExpand={(keys) => setExpanded(keys.map(String))}
              selectedKeys={code ? [code] : []}
              onSelect={(keys) => {
                const k = keys[0];
                if (k !== undefined) void navigate(`/units/${String(k)}`);
              }}
              titleRender={(n) => (
                <span style={{ color: n.unit.restricted ? '#90a4ae' : undefined }}>
                  {n.unit.shortName}
                  {n.unit.level === 'grid' && n.unit.gridType === 'dedicated' ? <Tag color="purple" style={{ marginLeft: 4 }}>{t('units.gridType.dedicated')}</Tag> : null}
                </span>
              )}
            />
          </div>
        </Card>
        <div style={stacked ? { width: '100%', minWidth: 0 } : { flex: 1, minWidth: 0 }}>
          <Card size="small" styles={{ body: { padding: 8 } }}
            title={<Breadcrumb items={crumbs} />}
            extra={detail && !detail.restricted ? (
              <Space wrap>
                <Button size="small" type={picking ? 'primary' : 'default'} icon={<EnvironmentOutlined />} data-testid="responsible-pick"
                  onClick={() => setPicking((p) => !p)}>{picking ? t('units.responsible.picking') : t('units.responsible.button')}</Button>
                <Link to={`/units/${detail.code}/coverage`}><Button size="small" icon={<AimOutlined />}>{t('units.coverage.title')}</Button></Link>
                {detail.abilities.manage && detail.level !== 'root' ? (
                  <Link to={`/units/${detail.code}/boundary`}><Button size="small" icon={<EditOutlined />}>{t('units.edit.title')}</Button></Link>
                ) : null}
              </Space>
            ) : null}
          >
            <UnitMap
              features={features}
              outline={outline}
              selected={detail?.level === 'grid' ? detail.code : null}
              onSelect={(c) => void navigate(`/units/${c}`)}
              onPick={picking ? pick : null}
              height={stacked ? '60vh' : 'calc(100vh - 330px)'}
              loading={mapLoading}
            />
          </Card>
        </div>
        <div style={stacked ? { width: '100%', minWidth: 0 } : { width: 360, flex: 'none' }}>
          {responsible ? <div style={{ marginBottom: 12 }}><ResponsiblePanel result={responsible.result} error={responsible.error} onClose={() => setResponsible(null)} /></div> : null}
          {detail ? <UnitDetailPanel detail={detail} onChanged={() => setReload((n) => n + 1)} /> : null}
        </div>
      </Flex>
    </>
  );
}
