// /report/status[/:code] — a resident types the tracking code and sees the progress and the
// outcome; every personal detail arrives masked from the server.
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Descriptions, Form, Input, Result, Spin, Steps, Tag, Timeline, Typography } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { ApiError, describeError } from '../../../api/client.js';
import { formatTime } from '../../../app/format.js';
import { useLocale, useT } from '../../../app/i18n.js';
import { normalizeTrackingCode } from '../../../../common/modules/reports/reports.text.js';
import { PortalShell } from '../components/PortalShell.js';
import { publicApi, type PublicStatusView } from '../public.js';

const STAGE_COLOR: Record<string, string> = { received: 'processing', rectifying: 'warning', closed: 'success', rejected: 'default' };

export default function StatusPage() {
  const t = useT();
  const { locale } = useLocale();
  const lang = locale === 'en' ? 'en' : 'zh';
  const { code } = useParams();
  const navigate = useNavigate();
  const [status, setStatus] = useState<PublicStatusView | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    setStatus(null);
    setError(null);
    if (!code) return;
    if (!normalizeTrackingCode(code)) {
      setError(t('reports.status.badCode'));
      return;
    }
    setLoading(true);
    publicApi.status(locale, code)
      .then(setStatus)
      .catch((e: unknown) => setError(e instanceof ApiError && e.code === 'NOT_FOUND' ? t('reports.status.notFound') : describeError(e, locale)))
      .finally(() => setLoading(false));
  }, [code, locale, t]);

  const lookup = (
    <Card>
      <Form layout="vertical" onFinish={(v: { code: string }) => void navigate(`/report/status/${normalizeTrackingCode(v.code) ?? v.code.trim()}`)}>
        <Form.Item name="code" label={t('reports.status.codeLabel')} initialValue={code ?? ''}
          rules={[{ validator: async (_r, v: string | undefined) => { if (!normalizeTrackingCode(v ?? '')) throw new Error(t('reports.status.badCode')); } }]}>
          <Input size="large" placeholder="ABCDE-FGHJK" autoCapitalize="characters" autoComplete="off" spellCheck={false} data-testid="status-code" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block size="large" data-testid="status-lookup">{t('reports.status.lookup')}</Button>
      </Form>
    </Card>
  );

  if (!code) return <PortalShell title={t('reports.status.title')}>{lookup}</PortalShell>;

  const current = status ? ({ received: 1, rectifying: 2, closed: 3, rejected: 3 } as Record<string, number>)[status.stage] ?? 0 : 0;
  return (
    <PortalShell title={t('reports.status.title')}>
      {loading ? <div className="sg-center"><Spin /></div> : null}
      {error ? <><Alert type="warning" showIcon title={error} style={{ marginBottom: 12 }} />{lookup}</> : null}
      {status ? (
        <>
          <Card data-testid="status-card">
            <div className="sg-report-code">{status.display}</div>
            <div style={{ textAlign: 'center', margin: '8px 0 16px' }}>
              <Tag color={STAGE_COLOR[status.stage]} data-testid="status-stage">{t(`reports.stage.${status.stage}`)}</Tag>
            </div>
            <Steps
              orientation="vertical"
              size="small"
              current={current}
              status={status.stage === 'rejected' ? 'error' : status.stage === 'closed' ? 'finish' : 'process'}
              items={[
                { title: t('reports.status.step.submitted') },
                { title: t('reports.status.step.checking') },
                { title: status.stage === 'rejected' ? t('reports.status.step.rejected') : t('reports.status.step.rectifying') },
                ...(status.stage === 'rejected' ? [] : [{ title: t('reports.status.step.closed') }]),
              ]}
            />
            {status.stage === 'rejected' && status.rejectReason ? (
              <Alert type="info" showIcon title={t('reports.status.rejectReason')} description={status.rejectReason} data-testid="status-reject-reason" />
            ) : null}
            {status.stage === 'closed' ? <Result status="success" title={t('reports.status.closedTitle')} subTitle={status.closedAt ? formatTime(status.closedAt, locale) : undefined} style={{ padding: 12 }} /> : null}
          </Card>
          <Card title={t('reports.status.progress')}>
            <Timeline items={[...status.timeline].reverse().map((e) => ({ children: <><Typography.Text>{e.text[lang]}</Typography.Text><br /><Typography.Text type="secondary">{formatTime(e.at, locale)}</Typography.Text></> }))} />
          </Card>
          <Card title={t('reports.status.details')}>
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('reports.form.category')}>{status.category.name[lang]}</Descriptions.Item>
              <Descriptions.Item label={t('reports.status.submittedAt')}>{formatTime(status.submittedAt, locale)}</Descriptions.Item>
              <Descriptions.Item label={t('reports.status.unit')}>{status.unitName}</Descriptions.Item>
              <Descriptions.Item label={t('reports.form.description')}>{status.description}</Descriptions.Item>
              {status.photos ? <Descriptions.Item label={t('reports.form.photos')}>{t('reports.status.photos', { n: status.photos })}</Descriptions.Item> : null}
              {status.supporters ? <Descriptions.Item label={t('reports.status.supporters')}>{status.supporters}</Descriptions.Item> : null}
              <Descriptions.Item label={t('reports.status.contact')}>
                {status.contact ? [status.contact.name, status.contact.phone, status.contact.email].filter(Boolean).join(' · ') : t('reports.status.anonymous')}
              </Descriptions.Item>
              {status.reward ? (
                <Descriptions.Item label={t('reports.status.reward')}>
                  {t(`reports.reward.state.${status.reward.state}`)}{status.reward.amount ? ` · ¥${status.reward.amount}` : ''}
                </Descriptions.Item>
              ) : null}
            </Descriptions>
          </Card>
        </>
      ) : null}
    </PortalShell>
  );
}
