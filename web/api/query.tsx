// Web data fetching: every read goes through useApiQuery and every write through useApiMutation,
// over the typed client of web/api/client.ts and the module api files. TanStack Query keeps one
// cache per signed-in user, drops a request whose page or filters went away (the signal it
// passes), and a mutation names the query keys it makes stale.
//
//   const list = useApiQuery(['hazards', 'list', filters], (signal) => hazardsApi.list(filters, signal));
//   const close = useApiMutation((id: string) => hazardsApi.close(id), { invalidates: [['hazards']] });
//
// Keys start with the module's name ('hazards', 'units', …) so a mutation can invalidate a module.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import {
  keepPreviousData, QueryClient, QueryClientProvider, useMutation, useQuery, useQueryClient,
  type QueryKey, type UseMutationResult, type UseQueryResult,
} from '@tanstack/react-query';
import { ApiError } from './client.js';

/** Whether a failed request is worth a second try: never for an answer the server gave on purpose. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiError) {
    if (error.status === 0) return failureCount < 1; // network: one more try
    if (error.status >= 400 && error.status < 500) return false;
    return failureCount < 1;
  }
  return false;
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        gcTime: 5 * 60_000,
        retry: shouldRetry,
        refetchOnWindowFocus: false,
      },
      mutations: { retry: false },
    },
  });
}

/** The app's query client; one per provider (tests get a fresh one each render). */
export function ApiQueryProvider(props: { children: ReactNode; client?: QueryClient }) {
  const [client] = useState(() => props.client ?? createQueryClient());
  return <QueryClientProvider client={client}>{props.children}</QueryClientProvider>;
}

/** Empties the cache when the signed-in user changes, so nobody sees the previous user's data. */
export function useClearCacheOnUserChange(userId: string | null): void {
  const client = useQueryClient();
  const last = useRef(userId);
  useEffect(() => {
    if (last.current !== userId) {
      last.current = userId;
      client.clear();
    }
  }, [client, userId]);
}

export interface ApiQueryOptions {
  /** false: do not fetch (yet), e.g. until a required filter is chosen. */
  enabled?: boolean;
  staleTime?: number;
  /** Keep showing the previous answer while the next one loads (paging, filters). */
  keepPrevious?: boolean;
  /** Poll every n ms while the page is open. */
  refetchInterval?: number;
}

/** A typed read. The fetcher receives the abort signal of the query. */
export function useApiQuery<T>(key: QueryKey, fetcher: (signal: AbortSignal) => Promise<T>, opts: ApiQueryOptions = {}): UseQueryResult<T, ApiError> {
  return useQuery<T, ApiError, T, QueryKey>({
    queryKey: key,
    queryFn: ({ signal }) => fetcher(signal),
    ...(opts.enabled !== undefined ? { enabled: opts.enabled } : {}),
    ...(opts.staleTime !== undefined ? { staleTime: opts.staleTime } : {}),
    ...(opts.refetchInterval !== undefined ? { refetchInterval: opts.refetchInterval } : {}),
    ...(opts.keepPrevious ? { placeholderData: keepPreviousData } : {}),
  });
}

export interface ApiMutationOptions<TVars, TRes> {
  /** Query keys (prefixes) made stale when the write succeeds. */
  invalidates?: readonly QueryKey[];
  onSuccess?: (result: TRes, vars: TVars) => void | Promise<void>;
  onError?: (error: ApiError, vars: TVars) => void;
}

/** A typed write; on success the named queries refetch. */
export function useApiMutation<TVars, TRes>(
  mutate: (vars: TVars) => Promise<TRes>,
  opts: ApiMutationOptions<TVars, TRes> = {},
): UseMutationResult<TRes, ApiError, TVars> {
  const client = useQueryClient();
  return useMutation<TRes, ApiError, TVars>({
    mutationFn: mutate,
    onSuccess: async (result, vars) => {
      await Promise.all((opts.invalidates ?? []).map((queryKey) => client.invalidateQueries({ queryKey })));
      await opts.onSuccess?.(result, vars);
    },
    ...(opts.onError ? { onError: opts.onError } : {}),
  });
}

/** The value after it has stopped changing for `ms` (search boxes feeding a query key). */
export function useDebounced<T>(value: T, ms = 300): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return settled;
}
