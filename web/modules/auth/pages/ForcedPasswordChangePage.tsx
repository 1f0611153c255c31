// Shown instead of the whole app while me.mustChangePassword is true.
import { Alert, Button, Card, Flex, Typography } from 'antd';
import { LogoutOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useT } from '../../../app/i18n.js';
import { useSession } from '../../../app/session.js';
import { LanguageSwitch } from '../../../components/LanguageSwitch.js';
import { ChangePasswordForm } from '../components/ChangePasswordForm.js';

export default function ForcedPasswordChangePage() {
  const t = useT();
  const { me, refresh, logout } = useSession();
  const navigate = useNavigate();
  return (
    <div className="sg-login">
      <div className="sg-login-top"><LanguageSwitch size="middle" /></div>
      <div className="sg-login-title">
        <img src="/favicon.svg" alt="" width={48} height={48} />
        <h1>{t('app.name')}</h1>
      </div>
      <Card className="sg-login-card" style={{ maxWidth: 480 }} title={t('auth.password.forcedTitle')} data-testid="forced-password-change">
        <Alert type="warning" showIcon title={t('auth.password.forcedText')} style={{ marginBottom: 16 }} />
        {me ? (
          <Typography.Paragraph type="secondary">{t('auth.password.signedInAs', { name: me.displayName, username: me.username })}</Typography.Paragraph>
        ) : null}
        <ChangePasswordForm onDone={async () => { await refresh(); await navigate('/', { replace: true }); }} />
        <Flex justify="flex-end" style={{ marginTop: 8 }}>
          <Button type="link" icon={<LogoutOutlined />} onClick={() => void logout().then(() => navigate('/login', { replace: true }))}>
            {t('auth.password.logoutInstead')}
          </Button>
        </Flex>
      </Card>
    </div>
  );
}
