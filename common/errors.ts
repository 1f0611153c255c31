// The one error-code catalog. The server maps a code to its HTTP status here and nowhere else;
// the web client maps the same code to a message in the user's language.

export interface ErrorSpec {
  readonly status: number;
  readonly zh: string;
  readonly en: string;
}

export const ERRORS = {
  VALIDATION_FAILED: { status: 400, zh: '输入有误，请检查标出的字段', en: 'Some fields are invalid' },
  BAD_REQUEST: { status: 400, zh: '请求格式不正确', en: 'The request is malformed' },
  UNAUTHENTICATED: { status: 401, zh: '请先登录', en: 'Please log in' },
  INVALID_CREDENTIALS: { status: 401, zh: '用户名或密码错误', en: 'Wrong username or password' },
  SESSION_EXPIRED: { status: 401, zh: '会话已过期，请重新登录', en: 'Your session has expired; please log in again' },
  FORBIDDEN: { status: 403, zh: '没有执行此操作的权限', en: 'You are not allowed to do this' },
  OUT_OF_SCOPE: { status: 403, zh: '该记录不在您的管辖范围内', en: 'This record is outside your area' },
  CSRF_FAILED: { status: 403, zh: '安全校验失败，请刷新页面后重试', en: 'Security check failed; reload the page and try again' },
  PASSWORD_CHANGE_REQUIRED: { status: 403, zh: '首次登录请先修改密码', en: 'You must change your password first' },
  ACCOUNT_LOCKED: { status: 423, zh: '登录失败次数过多，账号已暂时锁定', en: 'Too many failed logins; the account is locked for a while' },
  ACCOUNT_DISABLED: { status: 403, zh: '账号已停用', en: 'This account is disabled' },
  SEPARATION_OF_DUTIES: { status: 409, zh: '违反职责分离要求', en: 'This would break the separation of duties' },
  NOT_FOUND: { status: 404, zh: '记录不存在', en: 'Not found' },
  OUTSIDE_JURISDICTION: { status: 404, zh: '该位置不在本系统管辖范围内', en: 'This location is outside the jurisdiction' },
  CONFLICT: { status: 409, zh: '与现有数据冲突', en: 'This conflicts with existing data' },
  INVALID_TRANSITION: { status: 409, zh: '当前状态下不能执行此操作', en: 'This action is not possible in the current state' },
  MAJOR_HAZARD_PLAN_REQUIRED: { status: 409, zh: '重大隐患须先制定完整的治理方案，方可挂牌督办', en: 'A major hazard is listed for supervision only with its complete treatment plan' },
  MAJOR_HAZARD_NOT_LISTED: { status: 409, zh: '重大隐患未挂牌督办（也未经区级批准免于挂牌），不能验收销号', en: 'A major hazard cannot be closed before it is listed for supervision or the district waives the listing' },
  LISTING_WAIVER_DISTRICT_ONLY: { status: 403, zh: '只有区级（及以上）督办部门可以批准重大隐患免于挂牌', en: 'Only a district (or higher) supervising office may waive the listing of a major hazard' },
  WEAK_PASSWORD: { status: 422, zh: '密码不符合安全策略', en: 'The password does not meet the password policy' },
  UNPROCESSABLE: { status: 422, zh: '数据无法处理', en: 'The data cannot be processed' },
  PAYLOAD_TOO_LARGE: { status: 413, zh: '内容过大', en: 'The content is too large' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, zh: '不支持的文件类型', en: 'Unsupported file type' },
  RATE_LIMITED: { status: 429, zh: '请求过于频繁，请稍后再试', en: 'Too many requests; try again later' },
  CHALLENGE_REQUIRED: { status: 428, zh: '请先完成验证', en: 'Please complete the challenge first' },
  DATA_DIR_LOCKED: { status: 503, zh: '数据目录正被另一个进程使用', en: 'The data directory is in use by another process' },
  UNAVAILABLE: { status: 503, zh: '服务暂不可用', en: 'The service is unavailable' },
  INTERNAL: { status: 500, zh: '服务器内部错误', en: 'Internal server error' },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof ERRORS;

/** One problem with one field: `field` is a JSON pointer-like path such as `body/password`. */
export interface FieldProblem {
  field: string;
  message: string;
  code?: string;
}

/** The error body every failing request answers with. */
export interface ErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    details?: { fields?: FieldProblem[]; [key: string]: unknown };
    requestId?: string;
  };
}

export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.prototype.hasOwnProperty.call(ERRORS, code);
}
