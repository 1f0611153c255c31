// Username and password; every refusal is explained (wrong password, locked until …, disabled,
// too many attempts, server unreachable).
import { useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { Alert, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { LIMITS } from '../../../../common/limits.js';
import { describeError, messageForCode } from '../../../api/client.js';
import { rules } from '../../../app/forms.js';
import { useLocale, useT } from '../../../app/i18n.js';
import { useSession } from '../../../app/session.js';
import { LanguageSwitch } from '../../../components/LanguageSwitch.js';
import { PasswordPolicyHint } from '../components/PasswordPolicyHint.js';

interface LoginForm {
  username: string;
  password: string;
}

export default function LoginPage() {
  const t = useT();
  const { locale } = useLocale();
  const { me, login, endedBecause } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [form] = Form.useForm<LoginForm>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const from = (location.state as { from?: string } | null)?.from;
  const target = from && from.startsWith('/') && !from.startsWith('/login') ? from : '/';
  const r = rules(t);

  if (me) return <Navigate to={target} replace />;

  const submit = async (v: LoginForm) => {
    setBusy(true);
    setError(null);
    try {
      await login(v.username.trim(), v.password);
      await navigate(target, { replace: true });
    } catch (err) {
      setError(err);
      form.setFieldValue('password', '');
    } finally {
      setBusy(false);
    }
  };

  const notice = !error && endedBecause === 'SESSION_EXPIRED' ? messageForCode('SESSION_EXPIRED', locale) : null;

  return (
    <div className="sg-login">
      <div className="sg-login-top"><LanguageSwitch size="middle" /></div>
      <div className="sg-login-title">
        <img src="/favicon.svg" alt="" width={48} height={48} />
        <h1>{t('app.name')}</h1>
        <p>{t('app.tagline')}</p>
      </div>
      <Card className="sg-login-card" title={t('auth.login.title')}>
        {error ? (
          <Alert type="error" showIcon style={{ marginBottom: 16 }} data-testid="login-error" title={describeError(error, locale)} />
        ) : null}
        {notice ? <Alert type="warning" showIcon style={{ marginBottom: 16 }} data-testid="login-notice" title={notice} /> : null}
        <Form<LoginForm> form={form} layout="vertical" requiredMark={false} onFinish={(v) => void submit(v)} disabled={busy}>
          <Form.Item name="username" label={t('auth.login.username')}
            rules={[r.required(t('auth.login.username')), r.max(t('auth.login.username'), LIMITS.usernameMax)]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus maxLength={LIMITS.usernameMax} size="large" />
          </Form.Item>
          <Form.Item name="password" label={t('auth.login.password')}
            rules={[{ required: true, message: t('app.form.required', { field: t('auth.login.password') }) }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" maxLength={LIMITS.passwordMax} size="large" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={busy} data-testid="login-submit">
            {t('auth.login.submit')}
          </Button>
        </Form>
        <Flex vertical gap={4} style={{ marginTop: 16 }}>
          <Typography.Text type="secondary">{t('auth.login.firstTime')}</Typography.Text>
          <PasswordPolicyHint />
          <Typography.Text type="secondary">{t('auth.login.forgot')}</Typography.Text>
        </Flex>
      </Card>
      <Typography.Text style={{ color: 'rgba(255,255,255,0.75)', marginTop: 24, textAlign: 'center' }}>{t('auth.login.footer')}</Typography.Text>
    </div>
  );
}
