// 中文 / English. For a logged-in user the choice is also stored on the account.
import { App, Segmented } from 'antd';
import { useLocale, useT, type Locale } from '../app/i18n.js';
import { useSession } from '../app/session.js';

export function LanguageSwitch(props: { size?: 'small' | 'middle' | 'large' }) {
  const t = useT();
  const { locale } = useLocale();
  const { chooseLocale } = useSession();
  const { message } = App.useApp();
  return (
    <Segmented<Locale>
      size={props.size ?? 'small'}
      aria-label={t('app.header.language')}
      data-testid="language-switch"
      value={locale}
      options={[
        { label: '中文', value: 'zh-CN' },
        { label: 'EN', value: 'en' },
      ]}
      onChange={(l) => {
        chooseLocale(l).catch(() => void message.warning(t('app.lang.saveFailed')));
      }}
    />
  );
}
