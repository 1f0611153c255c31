import { Typography } from 'antd';
import { useT } from '../../../app/i18n.js';
import { usePasswordPolicy } from './usePasswordPolicy.js';

/** The policy in words ("at least 8 characters, 3 of 4 classes …"); nothing until it is known. */
export function PasswordPolicyText(props: { policy: { minLength: number; minClasses: number } | null }) {
  const t = useT();
  if (!props.policy) return null;
  return (
    <Typography.Text type="secondary" data-testid="password-policy">
      {t('auth.policy.text', { n: props.policy.minLength, c: props.policy.minClasses })}
    </Typography.Text>
  );
}

/** The same, fetching the policy in force itself. */
export function PasswordPolicyHint() {
  return <PasswordPolicyText policy={usePasswordPolicy()} />;
}
