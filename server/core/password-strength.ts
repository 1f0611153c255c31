// Password strength by zxcvbn-ts: refuses common, dictionary, keyboard-walk, repeated and
// date-like passwords (`Password1`, `Aa1!Aa1!`) that the length and character-class rules let
// through. The estimator is built once (it loads its dictionaries, ~1 s) on first use. Its
// feedback comes back as keys; the messages are our own, in Chinese and English.
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';
import { checkPassword, type PolicyProblem } from '../../common/modules/auth/password-policy.js';
import type { SecuritySettings } from './settings.js';

let factory: ZxcvbnFactory | null = null;
function estimator(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({ graphs: common.adjacencyGraphs, dictionary: { ...common.dictionary, ...en.dictionary } });
  return factory;
}

/** Our words for the estimator's warnings (keys of @zxcvbn-ts translations). */
const WARNINGS: Record<string, { zh: string; en: string }> = {
  straightRow: { zh: '键盘上连续的一行按键很容易被猜到', en: 'A straight row of keys is easy to guess' },
  keyPattern: { zh: '键盘上的简短走位很容易被猜到', en: 'Short keyboard patterns are easy to guess' },
  simpleRepeat: { zh: '重复的字符（如“aaa”）很容易被猜到', en: 'Repeated characters like "aaa" are easy to guess' },
  extendedRepeat: { zh: '重复的字符组合（如“abcabc”）很容易被猜到', en: 'Repeated patterns like "abcabc" are easy to guess' },
  sequences: { zh: '常见的字符序列（如“abc”“123”）很容易被猜到', en: 'Common sequences like "abc" are easy to guess' },
  recentYears: { zh: '近年的年份很容易被猜到', en: 'Recent years are easy to guess' },
  dates: { zh: '日期很容易被猜到', en: 'Dates are easy to guess' },
  topTen: { zh: '这是最常用的密码之一', en: 'This is a heavily used password' },
  topHundred: { zh: '这是非常常用的密码', en: 'This is a frequently used password' },
  common: { zh: '这是常用密码，容易被撞库猜中', en: 'This is a commonly used password' },
  similarToCommon: { zh: '与常用密码过于相似', en: 'This is similar to a commonly used password' },
  wordByItself: { zh: '单个单词很容易被猜到', en: 'Single words are easy to guess' },
  namesByThemselves: { zh: '单独的姓名很容易被猜到', en: 'Single names or surnames are easy to guess' },
  commonNames: { zh: '常见的姓名很容易被猜到', en: 'Common names and surnames are easy to guess' },
  userInputs: { zh: '不要使用与本人或本系统相关的信息', en: 'There should not be any personal or system-related data' },
  pwned: { zh: '该密码已在公开泄露的数据中出现', en: 'This password appeared in a data breach' },
};

/** 0 (too guessable) … 4 (very unguessable). */
export function passwordScore(pw: string, userInputs: string[] = []): { score: number; warning: string | null } {
  const r = estimator().check(pw, [...userInputs, 'safegrid', 'SafeGrid', 'anquanwangge']);
  return { score: r.score, warning: r.feedback.warning };
}

/** Everything wrong with a new password under the security settings: length, classes, username, strength. */
export function passwordProblems(pw: string, s: SecuritySettings, username?: string): PolicyProblem[] {
  const problems = checkPassword(pw, { minLength: s.passwordMinLength, minClasses: s.passwordMinClasses }, username);
  const { score, warning } = passwordScore(pw, username ? [username] : []);
  if (score < s.passwordMinScore) {
    const why = (warning ? WARNINGS[warning] : undefined) ?? { zh: '密码太容易被猜到', en: 'The password is too easy to guess' };
    problems.push({
      code: 'TOO_WEAK',
      zh: `${why.zh}；请使用更长、不常见的词组或字符组合（强度 ${score}/4，至少需要 ${s.passwordMinScore}）`,
      en: `${why.en}; use a longer, uncommon phrase or mix (strength ${score}/4, at least ${s.passwordMinScore} needed)`,
    });
  }
  return problems;
}
