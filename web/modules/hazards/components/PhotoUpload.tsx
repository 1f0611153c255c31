// Photos for a record: take or choose pictures, upload each at once (type and size checked by
// the server), show thumbnails; the value is the list of uploaded file ids.
import { useRef, useState } from 'react';
import { App, Button, Flex, Image, Typography } from 'antd';
import { CameraOutlined, CloseCircleFilled } from '@ant-design/icons';
import { LIMITS } from '../../../../common/limits.js';
import { describeError } from '../../../api/client.js';
import { useLocale, useT } from '../../../app/i18n.js';
import { hazardsApi } from '../api.js';
import { fileContentUrl, thumbnailUrl } from '../../../api/files.js';

export interface PhotoUploadProps {
  value?: string[];
  onChange?: (ids: string[]) => void;
  max?: number;
  /** Shown as the button's test id, for browser journeys. */
  testId?: string;
}

export function PhotoUpload({ value = [], onChange, max = LIMITS.photosPerRecord, testId }: PhotoUploadProps) {
  const t = useT();
  const { locale } = useLocale();
  const { message } = App.useApp();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [taken, setTaken] = useState<Record<string, string | null>>({});

  const pick = async (files: FileList | null) => {
    if (!files || files.length === 0) return;
    setBusy(true);
    const ids = [...value];
    try {
      for (const f of Array.from(files).slice(0, max - ids.length)) {
        if (f.size > LIMITS.photoBytes) {
          message.error(t('hazards.photo.tooLarge', { mb: Math.round(LIMITS.photoBytes / 1048576) }));
          continue;
        }
        const up = await hazardsApi.upload(f);
        ids.push(up.id);
        setTaken((m) => ({ ...m, [up.id]: up.takenAt }));
      }
      onChange?.(ids);
    } catch (err) {
      message.error(describeError(err, locale));
      onChange?.(ids);
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };

  return (
    <Flex wrap gap={8} align="center">
      {value.map((id) => (
        <div key={id} style={{ position: 'relative' }}>
          <Image src={thumbnailUrl(id)} preview={{ src: fileContentUrl(id) }} width={72} height={72} style={{ objectFit: 'cover', borderRadius: 6 }} alt="" />
          <CloseCircleFilled aria-label={t('hazards.photo.remove')} onClick={() => onChange?.(value.filter((v) => v !== id))}
            style={{ position: 'absolute', top: -6, right: -6, color: '#cf1322', background: '#fff', borderRadius: '50%', cursor: 'pointer' }} />
          {taken[id] ? <Typography.Text type="secondary" style={{ fontSize: 10, display: 'block', width: 72 }}>{new Date(taken[id] ?? '').toLocaleString(locale)}</Typography.Text> : null}
        </div>
      ))}
      {value.length < max ? (
        <>
          <input ref={input} type="file" accept="image/jpeg,image/png,image/webp" capture="environment" multiple hidden
            data-testid={testId ? `${testId}-input` : undefined} onChange={(e) => void pick(e.target.files)} />
          <Button icon={<CameraOutlined />} loading={busy} onClick={() => input.current?.click()} data-testid={testId}>
            {t('hazards.photo.add')}
          </Button>
        </>
      ) : null}
    </Flex>
  );
}
