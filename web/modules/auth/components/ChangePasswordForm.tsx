// Current password, new password twice; checked against the policy as the user types and by the
// server, whose answer lands on the field it names.
import { useState } from 'react';
import { Alert, App, Button, Form, Input } from 'antd';
import { LIMITS } from '../../../../common/limits.js';
import { applyServerErrors, rules } from '../../../app/forms.js';
import { useLocale, useT } from '../../../app/i18n.js';
import { useSession } from '../../../app/session.js';
import { authApi } from '../api.js';
import { PasswordPolicyText } from './PasswordPolicyHint.js';
import { policyRule } from './passwordRules.js';
import { usePasswordPolicy } from './usePasswordPolicy.js';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

export function ChangePasswordForm(props: { onDone: () => void | Promise<void> }) {
  const t = useT();
  const { locale } = useLocale();
  const { me } = useSession();
  const { message } = App.useApp();
  const policy = usePasswordPolicy();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const r = rules(t);

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      await authApi.changePassword({ currentPassword: v.currentPassword, newPassword: v.newPassword });
      void message.success(t('auth.password.done'));
      form.resetFields();
      await props.onDone();
    } catch (err) {
      setError(applyServerErrors(form, err, locale));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form<Values> form={form} layout="vertical" onFinish={(v) => void submit(v)} disabled={busy} style={{ maxWidth: 440 }}>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="password-error" /> : null}
      {/* The username helps password managers file the new password under the right account. */}
      <input type="text" name="username" autoComplete="username" value={me?.username ?? ''} readOnly hidden />
      <Form.Item name="currentPassword" label={t('auth.password.current')} rules={[r.required(t('auth.password.current'))]}>
        <Input.Password autoComplete="current-password" maxLength={LIMITS.passwordMax} />
      </Form.Item>
      <Form.Item name="newPassword" label={t('auth.password.new')} extra={<PasswordPolicyText policy={policy} />}
        dependencies={['currentPassword']}
        rules={[
          r.required(t('auth.password.new')),
          policyRule(policy, locale, me?.username),
          ({ getFieldValue }) => ({
            validator: async (_r, value: unknown) => {
              if (value && value === getFieldValue('currentPassword')) throw new Error(t('auth.password.same'));
            },
          }),
        ]}>
        <Input.Password autoComplete="new-password" maxLength={LIMITS.passwordMax} />
      </Form.Item>
      <Form.Item name="confirm" label={t('auth.password.confirm')} dependencies={['newPassword']}
        rules={[
          r.required(t('auth.password.confirm')),
          ({ getFieldValue }) => ({
            validator: async (_r, value: unknown) => {
              if (value && value !== getFieldValue('newPassword')) throw new Error(t('auth.password.mismatch'));
            },
          }),
        ]}>
        <Input.Password autoComplete="new-password" maxLength={LIMITS.passwordMax} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy} data-testid="password-submit">{t('auth.password.submit')}</Button>
    </Form>
  );
}
