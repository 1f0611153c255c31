// Client-side password checks with the shared policy rules, messages in the user's language.
import type { FormRule } from 'antd';
import { checkPassword, type PasswordPolicyRule } from '../../../../common/modules/auth/password-policy.js';
import type { Locale } from '../../../app/i18n.js';

export function policyRule(policy: PasswordPolicyRule | null, locale: Locale, username?: string): FormRule {
  return {
    validator: async (_rule, value: unknown) => {
      if (!policy || typeof value !== 'string' || value === '') return;
      const problems = checkPassword(value, policy, username);
      if (problems.length > 0) throw new Error(problems.map((p) => (locale === 'en' ? p.en : p.zh)).join(locale === 'en' ? '; ' : '；'));
    },
  };
}
