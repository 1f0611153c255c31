import { Card, Space, Table, Tag, Typography } from 'antd';
import { pick, useLocale, useT } from '../../../app/i18n.js';
import { WorkingSteps } from '../../registries/components/Working.js';
import type { MajorHazardResult } from '../api.js';

const LEVEL_TAG: Record<number, string> = { 1: 'red', 2: 'orange', 3: 'gold', 4: 'blue' };

export function MajorHazardResultCard(props: { result: MajorHazardResult }) {
  const t = useT();
  const { locale } = useLocale();
  const r = props.result;
  return (
    <Card size="small" data-testid="major-hazard-result">
      <Space wrap>
        <Typography.Text strong>{t('calculators.mh.S', { s: r.S })}</Typography.Text>
        {r.isMajorHazard ? <Tag color="red">{t('calculators.mh.major')}</Tag> : <Tag>{t('calculators.mh.notMajor')}</Tag>}
        {r.grading ? <Tag color={LEVEL_TAG[r.grading.level]}>{t('calculators.mh.R', { r: r.grading.R, level: pick(r.grading.levelName, locale) })}</Tag> : null}
      </Space>
      <Table size="small" rowKey="index" pagination={false} dataSource={r.items} style={{ margin: '8px 0' }} scroll={{ x: 'max-content' }}
        columns={[
          { title: '#', key: 'n', render: (_v, i) => pick(i.name, locale) },
          { title: 'q', dataIndex: 'q', key: 'q' },
          { title: 'Q', key: 'Q', render: (_v, i) => `${i.Q}（${i.QSource === 'table1' ? '表1' : '表2'}）` },
          { title: 'q/Q', dataIndex: 'ratio', key: 'r' },
          { title: 'β', key: 'b', render: (_v, i) => (i.beta === undefined ? '—' : `${i.beta}（${i.betaSource === 'table3' ? '表3' : '表4'}）`) },
        ]} />
      <WorkingSteps steps={r.working} />
    </Card>
  );
}
