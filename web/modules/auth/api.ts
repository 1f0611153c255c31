// Accounts and sessions: typed by common/modules/auth/auth.contract.ts.
import type { Static } from 'typebox';
import type {
  ChangePasswordBody, LocaleBody, LoginBody, LoginResponse, MeResponse, PasswordPolicy, SessionStateResponse,
} from '../../../common/modules/auth/auth.contract.js';
import type { Ok } from '../../../common/modules/shared/shared.contract.js';
import { http, setCsrfToken } from '../../api/client.js';

export type MeView = Static<typeof MeResponse>['me'];

export const authApi = {
  async login(body: Static<typeof LoginBody>): Promise<Static<typeof LoginResponse>> {
    const res = await http.post<Static<typeof LoginResponse>>('/api/auth/login', body, { allowUnauthenticated: true });
    setCsrfToken(res.csrfToken);
    return res;
  },
  /** Whether anybody is logged in (200 either way, so anonymous pages log no 401), with the user when so. */
  async session(): Promise<Static<typeof SessionStateResponse>> {
    const res = await http.get<Static<typeof SessionStateResponse>>('/api/auth/session', undefined, { allowUnauthenticated: true });
    if (res.csrfToken) setCsrfToken(res.csrfToken);
    return res;
  },
  /** The current session, or null when nobody is logged in. */
  async me(): Promise<Static<typeof MeResponse>> {
    const res = await http.get<Static<typeof MeResponse>>('/api/me', undefined, { allowUnauthenticated: true });
    setCsrfToken(res.csrfToken);
    return res;
  },
  async logout(): Promise<Static<typeof Ok>> {
    try {
      return await http.post<Static<typeof Ok>>('/api/auth/logout', undefined, { allowUnauthenticated: true });
    } finally {
      setCsrfToken(null);
    }
  },
  changePassword: (body: Static<typeof ChangePasswordBody>) => http.post<Static<typeof Ok>>('/api/auth/password', body),
  setLocale: (body: Static<typeof LocaleBody>) => http.put<Static<typeof Ok>>('/api/me/locale', body),
  passwordPolicy: () => http.get<Static<typeof PasswordPolicy>>('/api/auth/password-policy', undefined, { allowUnauthenticated: true }),
};
