// The landing page: who I am, where I may act, and the functions open to me.
import { Card, Col, Empty, Row, Table, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { useVisibleMenu } from '../../../app/menu.js';
import { formatTime } from '../../../app/format.js';
import { pick, useLocale, useT } from '../../../app/i18n.js';
import { useSession } from '../../../app/session.js';
import type { MeView } from '../../auth/api.js';

type GrantItem = MeView['grants'][number];

export default function HomePage() {
  const t = useT();
  const { locale } = useLocale();
  const { me } = useSession();
  const navigate = useNavigate();
  const links = useVisibleMenu().filter((e) => e.path !== '/');
  if (!me) return null;
  return (
    <>
      <Card style={{ marginBottom: 16 }}>
        <Typography.Title level={3} style={{ marginTop: 0 }} data-testid="welcome">{t('home.welcome', { name: me.displayName })}</Typography.Title>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('home.unitLine', { unit: `${me.unit.name}（${me.unit.code}）` })}
          <br />
          {t('home.session', { time: formatTime(me.sessionExpiresAt, locale) })}
        </Typography.Paragraph>
      </Card>
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
                { title: t('home.grants.unit'), key: 'unit', render: (_v, g) => `${g.unitName}（${g.unitCode}）` },
                ...(me.grants.some((g) => g.industryCode)
                  ? [{ title: t('home.grants.industry'), key: 'industry', render: (_v: unknown, g: GrantItem) => g.industryCode ?? '—' }]
                  : []),
                ...(me.grants.some((g) => g.enterpriseId)
                  ? [{ title: t('home.grants.enterprise'), key: 'enterprise', render: (_v: unknown, g: GrantItem) => g.enterpriseId ?? '—' }]
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
    </>
  );
}
