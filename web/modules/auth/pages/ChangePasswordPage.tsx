import { Card } from 'antd';
import { useNavigate } from 'react-router';
import { useT } from '../../../app/i18n.js';
import { useSession } from '../../../app/session.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { ChangePasswordForm } from '../components/ChangePasswordForm.js';

export default function ChangePasswordPage() {
  const t = useT();
  const navigate = useNavigate();
  const { refresh } = useSession();
  return (
    <>
      <PageHeader title={t('auth.password.title')} subtitle={t('auth.password.subtitle')} />
      <Card>
        <ChangePasswordForm onDone={async () => { await refresh(); await navigate('/'); }} />
      </Card>
    </>
  );
}
