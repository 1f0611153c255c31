// Downloads the filtered list as .xlsx (the server masks personal data).
import { Button } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { buildUrl } from '../../../api/client.js';
import { useCan } from '../../../access/can.js';
import { useLocale, useT } from '../../../app/i18n.js';

export function ExportButton(props: { path: string; query: object }) {
  const t = useT();
  const { locale } = useLocale();
  const can = useCan('registry.export');
  if (!can) return null;
  return (
    <Button icon={<DownloadOutlined />} href={buildUrl(props.path, { ...props.query, lang: locale })} download>
      {t('registries.export')}
    </Button>
  );
}
