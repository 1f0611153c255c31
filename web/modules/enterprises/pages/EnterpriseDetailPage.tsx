// One enterprise: its facts, 三同时 projects, major hazard sources (with the GB 18218 working),
// risk points and history. Departments edit everything; the enterprise maintains its own people.
import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Popconfirm, Space, Spin, Table, Tabs, Tag, Typography } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useParams } from 'react-router';
import { ENTERPRISE_LABELS } from '../../../../common/modules/enterprises/enterprises.contract.js';
import { describeError } from '../../../api/client.js';
import { formatTime } from '../../../app/format.js';
import { pick, useLocale, useT } from '../../../app/i18n.js';
import { industryName } from '../../../app/industries.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { MajorHazardResultCard } from '../../calculators/components/MajorHazardResult.js';
import { HistoryPanel } from '../../registries/components/History.js';
import { RiskPointsPanel } from '../../registries/components/RiskPoints.js';
import { RiskTag } from '../../registries/components/Tags.js';
import { enterprisesApi, type EnterpriseFull, type MajorHazard, type Project } from '../api.js';
import { EnterpriseFormModal } from '../components/EnterpriseForm.js';
import { MajorHazardModal } from '../components/MajorHazardModal.js';
import { ProjectModal } from '../components/ProjectModal.js';

const STAGE_COLOUR: Record<string, string> = { design: 'default', construction: 'processing', in_use: 'warning', accepted: 'success' };

export default function EnterpriseDetailPage() {
  const t = useT();
  const { locale } = useLocale();
  const { message } = App.useApp();
  const { id = '' } = useParams();
  const [e, setE] = useState<EnterpriseFull | null>(null);
  const [projects, setProjects] = useState<Project[]>([]);
  const [hazards, setHazards] = useState<MajorHazard[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [editing, setEditing] = useState<'full' | 'own' | null>(null);
  const [project, setProject] = useState<Project | null | 'new'>(null);
  const [hazard, setHazard] = useState<MajorHazard | null | 'new'>(null);
  const [gen, setGen] = useState(0);
  const reload = () => setGen((g) => g + 1);

  useEffect(() => {
    enterprisesApi.get(id).then(setE, setError);
    enterprisesApi.projects(id).then((r) => setProjects(r.items), () => setProjects([]));
    enterprisesApi.majorHazards(id).then((r) => setHazards(r.items), () => setHazards([]));
  }, [id, gen]);

  if (error) return <Alert type="error" showIcon title={describeError(error, locale)} />;
  if (!e) return <Spin />;
  const maintain = e.abilities.maintain ?? false;
  const label = <K extends string>(v: K | null, map: Record<K, { zh: string; en: string }>) => (v ? pick(map[v], locale) : '—');
  const fail = (err: unknown) => void message.error(describeError(err, locale));

  return (
    <>
      <PageHeader title={e.name} subtitle={<Space wrap><span className="sg-mono">{e.uscc}</span><Tag>{industryName(e.industryCode, locale)}</Tag><RiskTag level={e.riskLevel} />
        {e.majorHazardLevel ? <Tag color="red">{t('enterprises.majorHazardLevel')} {e.majorHazardLevel}</Tag> : null}</Space>}
        extra={<>
          {e.abilities.edit ? <Button icon={<EditOutlined />} onClick={() => setEditing('full')}>{t('app.action.edit')}</Button> : null}
          {!e.abilities.edit && e.abilities.editOwn ? <Button icon={<EditOutlined />} onClick={() => setEditing('own')}>{t('enterprises.editOwn')}</Button> : null}
        </>} />
      <Card size="small">
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} items={[
          ...(e.usccParts ? [{ key: 'up', label: t('enterprises.uscc'), children: `${pick(e.usccParts.authority, locale)} · ${pick(e.usccParts.type, locale)} · ${e.usccParts.region}` }] : []),
          { key: 'scale', label: t('enterprises.scale'), children: label(e.scale, ENTERPRISE_LABELS.scale) },
          { key: 'grid', label: t('registries.grid'), children: <>{e.grid ? `${e.grid.name}（${e.grid.code}）` : '—'}{e.gridOverride ? <Tag color="purple" style={{ marginInlineStart: 6 }}>{t('registries.gridOverride')}</Tag> : null}</> },
          { key: 'addr', label: t('registries.address'), children: e.address ?? '—' },
          { key: 'lr', label: t('enterprises.legalRep'), children: [e.legalRepName, e.legalRepPhone].filter(Boolean).join(' ') || '—' },
          { key: 'pr', label: t('enterprises.principal'), children: [e.principalName, e.principalPhone].filter(Boolean).join(' ') || '—' },
          { key: 'sm', label: t('enterprises.safetyManager'), children: [e.safetyManagerName, e.safetyManagerPhone].filter(Boolean).join(' ') || '—' },
          { key: 'emp', label: t('enterprises.employees'), children: e.employees ?? '—' },
          { key: 'sup', label: t('enterprises.supervising'), children: e.supervisingDepartment ?? '—' },
          { key: 'std', label: t('enterprises.standardization'), children: label(e.standardizationLevel, ENTERPRISE_LABELS.standardization) },
          { key: 'cyc', label: t('enterprises.selfCycle'), children: label(e.selfInspectionCycle, ENTERPRISE_LABELS.cycle) },
          { key: 'items', label: t('enterprises.selfItems'), children: e.selfInspectionItems ?? '—' },
          { key: 'at', label: t('registries.updatedAt'), children: formatTime(e.updatedAt, locale) },
        ]} />
      </Card>
      <Card size="small" style={{ marginTop: 16 }}>
        <Tabs items={[
          {
            key: 'projects', label: t('enterprises.tab.projects'),
            children: (
              <>
                {maintain ? <Button icon={<PlusOutlined />} style={{ marginBottom: 8 }} onClick={() => setProject('new')}>{t('enterprises.project.add')}</Button> : null}
                <Table<Project> size="small" rowKey="id" dataSource={projects} pagination={false} scroll={{ x: 'max-content' }}
                  columns={[
                    { title: t('enterprises.project.name'), dataIndex: 'name', key: 'n' },
                    { title: t('enterprises.project.stage'), key: 's', render: (_v, p) => <Tag color={STAGE_COLOUR[p.stage]}>{t(`enterprises.project.stage.${p.stage}`)}</Tag> },
                    { title: t('enterprises.project.designReviewOn'), dataIndex: 'designReviewOn', key: 'd' },
                    { title: t('enterprises.project.putIntoUseOn'), dataIndex: 'putIntoUseOn', key: 'u' },
                    { title: t('enterprises.project.acceptanceOn'), dataIndex: 'acceptanceOn', key: 'a' },
                    { title: '', key: 'w', render: (_v, p) => p.warnings.map((w) => <Tag key={w.en} color="orange">{pick(w, locale)}</Tag>) },
                    ...(maintain ? [{
                      title: t('app.action.actions'), key: 'act',
                      render: (_v: unknown, p: Project) => (
                        <Space size={0}>
                          <Button type="link" size="small" onClick={() => setProject(p)}>{t('app.action.edit')}</Button>
                          <Popconfirm title={t('enterprises.project.deleteConfirm', { name: p.name })} okText={t('app.action.confirm')} cancelText={t('app.action.cancel')}
                            onConfirm={() => { void enterprisesApi.deleteProject(p.id).then(reload, fail); }}>
                            <Button type="link" size="small" danger>{t('enterprises.project.delete')}</Button>
                          </Popconfirm>
                        </Space>
                      ),
                    }] : []),
                  ]} />
              </>
            ),
          },
          {
            key: 'hazards', label: t('enterprises.tab.hazards'),
            children: (
              <>
                {maintain ? <Button icon={<PlusOutlined />} style={{ marginBottom: 8 }} onClick={() => setHazard('new')}>{t('enterprises.mh.add')}</Button> : null}
                <Table<MajorHazard> size="small" rowKey="id" dataSource={hazards} pagination={false} scroll={{ x: 'max-content' }}
                  expandable={{ expandedRowRender: (h) => <><MajorHazardResultCard result={h.result} /><Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('enterprises.mh.version')}: {h.ruleSetVersion}</Typography.Text></> }}
                  columns={[
                    { title: t('enterprises.mh.name'), dataIndex: 'name', key: 'n' },
                    { title: t('enterprises.mh.unitKind'), key: 'k', render: (_v, h) => t(`enterprises.mh.${h.unitKind}`) },
                    { title: 'S', key: 's', render: (_v, h) => h.result.S },
                    { title: 'R', key: 'r', render: (_v, h) => h.result.grading?.R ?? '—' },
                    { title: t('enterprises.majorHazardLevel'), key: 'l', render: (_v, h) => (h.result.grading ? <Tag color="red">{pick(h.result.grading.levelName, locale)}</Tag> : <Tag>{t('calculators.mh.notMajor')}</Tag>) },
                    { title: t('registries.updatedAt'), key: 'at', render: (_v, h) => `${formatTime(h.assessedAt, locale)} ${h.assessedBy ?? ''}` },
                    ...(maintain ? [{
                      title: t('app.action.actions'), key: 'act',
                      render: (_v: unknown, h: MajorHazard) => (
                        <Space size={0}>
                          <Button type="link" size="small" onClick={() => setHazard(h)}>{t('enterprises.mh.edit')}</Button>
                          <Popconfirm title={t('enterprises.mh.retireConfirm', { name: h.name })} okText={t('app.action.confirm')} cancelText={t('app.action.cancel')}
                            onConfirm={() => { void enterprisesApi.retireMajorHazard(h.id).then(reload, fail); }}>
                            <Button type="link" size="small" danger>{t('enterprises.mh.retire')}</Button>
                          </Popconfirm>
                        </Space>
                      ),
                    }] : []),
                  ]} />
              </>
            ),
          },
          { key: 'risk', label: t('enterprises.tab.risk'), children: <RiskPointsPanel subject={{ type: 'enterprise', id: e.id }} canAssess={e.abilities.assessRisk ?? false} onChanged={reload} /> },
          { key: 'history', label: t('enterprises.tab.history'), children: <HistoryPanel path={`/api/enterprises/${e.id}/history`} reloadKey={gen} /> },
        ]} />
      </Card>
      <EnterpriseFormModal open={editing !== null} own={editing === 'own'} enterprise={e} onClose={() => setEditing(null)}
        onSaved={(x) => { setEditing(null); setE(x); reload(); void message.success(t('enterprises.saved')); }} />
      <ProjectModal enterpriseId={e.id} open={project !== null} project={project === 'new' ? null : project} onClose={() => setProject(null)} onSaved={() => { setProject(null); reload(); }} />
      <MajorHazardModal enterpriseId={e.id} open={hazard !== null} existing={hazard === 'new' ? null : hazard} onClose={() => setHazard(null)} onSaved={() => { setHazard(null); reload(); }} />
    </>
  );
}
