// A table over a keyset-paged list endpoint (`{ items, nextCursor, total? }`), fetched through
// TanStack Query: page numbers on top of the cursors (page n+1 is read with page n's cursor),
// the total when the server counts it, and on a phone a card per row instead of a wide table.
//
//   const list = useKeysetList((cursor, signal) => adminApi.listUsers({ q, cursor }, signal), [q], 'admin.users');
//   <DataTable list={list} rowKey="id" columns={columns} />
//
// The query key is ['list', <name>, ...deps]; a mutation invalidating ['list'] (or ['list', name])
// refreshes the lists on screen.
import { useId, useRef, useState, type DependencyList, type Key, type ReactNode } from 'react';
import { Alert, Button, Card, Empty, Flex, Grid, Pagination, Spin, Table, Typography, type TableColumnsType, type TableProps } from 'antd';
import { useInfiniteQuery, useQueryClient, type InfiniteData } from '@tanstack/react-query';
import { describeError, type ApiError } from '../api/client.js';
import { useLocale, useT } from '../app/i18n.js';

export interface KeysetPage<T> {
  items: T[];
  nextCursor: string | null;
  /** Rows in the whole list, when the server counts them. */
  total?: number;
}

export type FetchPage<T> = (cursor: string | undefined, signal: AbortSignal) => Promise<KeysetPage<T>>;

export interface KeysetList<T> {
  /** The rows on screen: the current page (or every page read, after loadMore). */
  items: T[];
  loading: boolean;
  error: unknown;
  /** A page after the last one read exists. */
  hasMore: boolean;
  /** Pages read so far. */
  pagesRead: number;
  /** The page on screen, from 1. */
  page: number;
  /** Rows per page (the first page's length). */
  pageSize: number;
  /** Rows in the whole list: the server's count, or the rows read once the last page is in; null while unknown. */
  total: number | null;
  goTo: (page: number) => void;
  /** Reads the next page and shows it below the rows on screen (feeds, the inbox). */
  loadMore: () => void;
  reload: () => void;
  /** Replaces one row in place (after an action answered the new state). */
  replace: (match: (row: T) => boolean, row: T) => void;
}

export function useKeysetList<T>(fetchPage: FetchPage<T>, deps: DependencyList, name?: string): KeysetList<T> {
  const client = useQueryClient();
  const instance = useId();
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;
  const queryKey = ['list', name ?? instance, ...deps];
  const depsKey = JSON.stringify(deps);
  const [view, setView] = useState<{ deps: string; page: number; append: boolean }>({ deps: depsKey, page: 0, append: false });
  // New filters start again at page 1.
  const current = view.deps === depsKey ? view : { deps: depsKey, page: 0, append: false };
  const q = useInfiniteQuery<KeysetPage<T>, ApiError, InfiniteData<KeysetPage<T>, string | undefined>, readonly unknown[], string | undefined>({
    queryKey,
    queryFn: ({ pageParam, signal }) => fetchRef.current(pageParam, signal),
    initialPageParam: undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const pages = q.data?.pages ?? [];
  const last = pages[pages.length - 1];
  const hasMore = last ? last.nextCursor !== null : false;
  const page = Math.min(current.page, Math.max(0, pages.length - 1));
  const items = current.append ? pages.flatMap((p) => p.items) : pages[page]?.items ?? [];
  // The server's count, or, once the last page is read, the rows read.
  const total = pages.find((p) => typeof p.total === 'number')?.total ?? (last && !hasMore ? pages.reduce((n, p) => n + p.items.length, 0) : null);
  return {
    items,
    loading: q.isFetching,
    error: q.error,
    hasMore,
    pagesRead: pages.length,
    page: page + 1,
    pageSize: Math.max(1, pages[0]?.items.length ?? 1),
    total,
    goTo: (n) => {
      const index = n - 1;
      if (index < 0) return;
      if (index < pages.length) {
        setView({ deps: depsKey, page: index, append: false });
        return;
      }
      if (index === pages.length && hasMore) {
        void q.fetchNextPage().then(() => setView({ deps: depsKey, page: index, append: false }));
      }
    },
    loadMore: () => {
      if (!hasMore) return;
      void q.fetchNextPage().then(() => setView({ deps: depsKey, page: 0, append: true }));
    },
    reload: () => void client.invalidateQueries({ queryKey }),
    replace: (match, row) => client.setQueryData<InfiniteData<KeysetPage<T>, string | undefined>>(queryKey, (old) => old && ({
      ...old,
      pages: old.pages.map((p) => ({ ...p, items: p.items.map((r) => (match(r) ? row : r)) })),
    })),
  };
}

export interface DataTableProps<T> extends Omit<TableProps<T>, 'dataSource' | 'pagination' | 'loading' | 'columns' | 'rowKey'> {
  list: KeysetList<T>;
  columns: TableColumnsType<T>;
  rowKey: keyof T & string | ((row: T) => Key);
  /** On a phone: rows as cards (default), or the table as on a desktop. */
  phone?: 'cards' | 'table';
}

type AnyColumn<T> = Omit<TableColumnsType<T>[number], 'render'> & { dataIndex?: unknown; render?: (value: unknown, row: T, index: number) => unknown };

function cellOf<T>(col: AnyColumn<T>, row: T, index: number): ReactNode {
  const di = col.dataIndex;
  let value: unknown;
  if (typeof di === 'string' || typeof di === 'number') value = (row as Record<string | number, unknown>)[di];
  else if (Array.isArray(di)) value = di.reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[String(k)] : undefined), row);
  if (col.render) {
    const out = col.render(value, row, index);
    // A cell may answer { children, props } (row spans); a card shows the children.
    if (out && typeof out === 'object' && 'children' in out && !('$$typeof' in out)) return (out as { children: ReactNode }).children;
    return out as ReactNode;
  }
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** Rows as cards: the first column is the card's title, the others label: value lines. */
function CardList<T extends object>(props: { list: KeysetList<T>; columns: TableColumnsType<T>; rowKey: DataTableProps<T>['rowKey']; onRow: TableProps<T>['onRow']; testId?: string | undefined }) {
  const t = useT();
  const cols = props.columns.filter((c) => !('children' in c)) as unknown as Array<AnyColumn<T>>;
  const [first, ...rest] = cols;
  const keyOf = (row: T): Key => (typeof props.rowKey === 'function' ? props.rowKey(row) : (row[props.rowKey] as Key));
  if (props.list.items.length === 0) {
    return props.list.loading ? <Flex justify="center" style={{ padding: 24 }}><Spin /></Flex> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('app.table.empty')} />;
  }
  return (
    <div className="sg-card-list" data-testid={props.testId}>
      {props.list.items.map((row, i) => {
        const handlers = props.onRow?.(row, i) ?? {};
        const open = handlers.onClick ?? handlers.onDoubleClick;
        return (
          <Card key={keyOf(row)} size="small" hoverable={Boolean(open)} onClick={open as never} data-row-key={String(keyOf(row))}
            title={first ? <span style={{ whiteSpace: 'normal' }}>{cellOf(first, row, i)}</span> : undefined}>
            {rest.map((c, n) => {
              const label = typeof c.title === 'function' ? null : (c.title);
              return (
                <Flex key={String(c.key ?? n)} gap={8} style={{ marginBottom: 4, minWidth: 0 }}>
                  {label ? <Typography.Text type="secondary" style={{ flex: 'none', maxWidth: '40%' }}>{label}</Typography.Text> : null}
                  <div style={{ minWidth: 0, overflowWrap: 'anywhere' }}>{cellOf(c, row, i)}</div>
                </Flex>
              );
            })}
          </Card>
        );
      })}
    </div>
  );
}

export function ListPager<T>(props: { list: KeysetList<T> }) {
  const t = useT();
  const { list } = props;
  const known = list.pagesRead + (list.hasMore ? 1 : 0);
  const total = list.total ?? known * list.pageSize;
  if (list.items.length === 0 && list.page === 1) return null;
  return (
    <Flex justify="center" align="center" gap={12} wrap style={{ marginTop: 12 }} data-testid="list-pager">
      <Typography.Text type="secondary" data-testid="list-total">
        {list.total !== null ? t('app.table.total', { n: list.total }) : t('app.table.pageOf', { page: list.page })}
      </Typography.Text>
      {known > 1 ? (
        <Pagination size="small" current={list.page} pageSize={list.pageSize} total={total} showSizeChanger={false} showLessItems
          onChange={(p) => list.goTo(p)} />
      ) : null}
      {list.loading && list.items.length > 0 ? <Spin size="small" /> : null}
    </Flex>
  );
}

export function DataTable<T extends object>({ list, columns, rowKey, phone = 'cards', ...rest }: DataTableProps<T>) {
  const t = useT();
  const { locale } = useLocale();
  const screens = Grid.useBreakpoint();
  const asCards = phone === 'cards' && screens.md === false;
  const testId = (rest as Record<string, unknown>)['data-testid'] as string | undefined;
  return (
    <div className="sg-data-table">
      {list.error ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={describeError(list.error, locale)}
          action={<Button size="small" onClick={list.reload}>{t('app.retry')}</Button>}
        />
      ) : null}
      {asCards ? (
        <CardList list={list} columns={columns} rowKey={rowKey} onRow={rest.onRow} testId={testId} />
      ) : (
        <Table<T>
          size="middle"
          scroll={{ x: 'max-content' }}
          {...rest}
          rowKey={rowKey}
          columns={columns}
          dataSource={list.items}
          loading={list.loading && list.items.length === 0}
          pagination={false}
          locale={{ emptyText: list.loading ? t('app.loading') : t('app.table.empty') }}
        />
      )}
      <ListPager list={list} />
    </div>
  );
}
