// Full-page states: loading, 403, 404, server unreachable.
import { Button, Result, Spin } from 'antd';
import { useNavigate } from 'react-router';
import { useT } from './i18n.js';

export function PageSpin() {
  const t = useT();
  return (
    <div className="sg-center" role="status" aria-live="polite">
      <Spin size="large" description={t('app.loading')} />
    </div>
  );
}

export function Forbidden() {
  const t = useT();
  const navigate = useNavigate();
  return (
    <Result status="403" title={t('app.forbidden.title')} subTitle={t('app.forbidden.text')}
      extra={<Button type="primary" onClick={() => void navigate('/')}>{t('app.backHome')}</Button>} />
  );
}

export function NotFound() {
  const t = useT();
  const navigate = useNavigate();
  return (
    <Result status="404" title={t('app.notFound.title')} subTitle={t('app.notFound.text')}
      extra={<Button type="primary" onClick={() => void navigate('/')}>{t('app.backHome')}</Button>} />
  );
}

export function Unreachable(props: { onRetry: () => void }) {
  const t = useT();
  return (
    <div className="sg-center">
      <Result status="warning" title={t('app.unreachable.title')} subTitle={t('app.unreachable.text')}
        extra={<Button type="primary" onClick={props.onRetry}>{t('app.retry')}</Button>} />
    </div>
  );
}
