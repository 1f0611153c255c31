import { useEffect, useState } from 'react';
import type { Static } from 'typebox';
import type { PasswordPolicy } from '../../../../common/modules/auth/auth.contract.js';
import { authApi } from '../api.js';

type Policy = Static<typeof PasswordPolicy>;

/** The policy in force (null until it arrives; forms then check on the server only). */
export function usePasswordPolicy(): Policy | null {
  const [policy, setPolicy] = useState<Policy | null>(null);
  useEffect(() => {
    let live = true;
    authApi.passwordPolicy().then((p) => live && setPolicy(p), () => {});
    return () => {
      live = false;
    };
  }, []);
  return policy;
}
