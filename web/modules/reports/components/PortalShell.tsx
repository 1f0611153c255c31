// The frame of the public pages: a slim bar with the name and the language switch, a narrow
// column that fits a phone, and the emergency numbers at the foot.
import type { ReactNode } from 'react';
import { Typography } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useT } from '../../../app/i18n.js';
import { LanguageSwitch } from '../../../components/LanguageSwitch.js';
import '../reports.css';

export function PortalShell(props: { children: ReactNode; title?: ReactNode }) {
  const t = useT();
  return (
    <div className="sg-portal">
      <header className="sg-portal-bar">
        <Link to="/report" className="sg-portal-brand">
          <SafetyCertificateOutlined aria-hidden />
          <span>{t('reports.portal.brand')}</span>
        </Link>
        <LanguageSwitch />
      </header>
      <main className="sg-portal-main">
        {props.title ? <Typography.Title level={3} className="sg-portal-title">{props.title}</Typography.Title> : null}
        {props.children}
      </main>
      <footer className="sg-portal-foot">
        <Typography.Text type="secondary">{t('reports.portal.emergency')}</Typography.Text>
        <br />
        <Link to="/report/status">{t('reports.portal.trackLink')}</Link>
      </footer>
    </div>
  );
}
