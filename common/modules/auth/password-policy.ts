// The password policy: at least `minLength` characters from at least `minClasses` of the four
// classes (lower case, upper case, digits, other). Shared by the form and the server.
export interface PasswordPolicyRule {
  minLength: number;
  minClasses: number;
}

export interface PolicyProblem {
  code: 'TOO_SHORT' | 'TOO_FEW_CLASSES' | 'CONTAINS_USERNAME' | 'TOO_WEAK';
  zh: string;
  en: string;
}

export function characterClasses(pw: string): number {
  let n = 0;
  if (/[a-z]/.test(pw)) n++;
  if (/[A-Z]/.test(pw)) n++;
  if (/[0-9]/.test(pw)) n++;
  if (/[^a-zA-Z0-9]/.test(pw)) n++;
  return n;
}

export function checkPassword(pw: string, policy: PasswordPolicyRule, username?: string): PolicyProblem[] {
  const out: PolicyProblem[] = [];
  if ([...pw].length < policy.minLength) {
    out.push({ code: 'TOO_SHORT', zh: `密码至少 ${policy.minLength} 个字符`, en: `At least ${policy.minLength} characters` });
  }
  if (characterClasses(pw) < policy.minClasses) {
    out.push({
      code: 'TOO_FEW_CLASSES',
      zh: `需包含小写字母、大写字母、数字、符号中的至少 ${policy.minClasses} 类`,
      en: `Use at least ${policy.minClasses} of: lower case, upper case, digits, symbols`,
    });
  }
  if (username && username.length >= 3 && pw.toLowerCase().includes(username.toLowerCase())) {
    out.push({ code: 'CONTAINS_USERNAME', zh: '密码不能包含用户名', en: 'The password must not contain the username' });
  }
  return out;
}
