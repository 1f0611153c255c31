// A table over a keyset-paged list endpoint (`{ items, nextCursor }`): the first page loads when
// the filters change, "load more" appends the next one.
//
//   const list = useKeysetList((cursor, signal) => adminApi.listUsers({ q, cursor }, signal), [q]);
//   <DataTable list={list} rowKey="id" columns={columns} />
import { useCallback, useEffect, useRef, useState, type DependencyList, type Key } from 'react';
import { Alert, Button, Flex, Table, Typography, type TableColumnsType, type TableProps } from 'antd';
import { describeError } from '../api/client.js';
import { useLocale, useT } from '../app/i18n.js';

export interface KeysetPage<T> {
  items: T[];
  nextCursor: string | null;
}

export type FetchPage<T> = (cursor: string | undefined, signal: AbortSignal) => Promise<KeysetPage<T>>;

export interface KeysetList<T> {
  items: T[];
  loading: boolean;
  error: unknown;
  hasMore: boolean;
  loadMore: () => void;
  reload: () => void;
  /** Replaces one row in place (after an action answered the new state). */
  replace: (match: (row: T) => boolean, row: T) => void;
}

export function useKeysetList<T>(fetchPage: FetchPage<T>, deps: DependencyList): KeysetList<T> {
  const [items, setItems] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [generation, setGeneration] = useState(0);
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;
  const abortRef = useRef<AbortController | null>(null);

  const run = useCallback((after: string | undefined, append: boolean) => {
    abortRef.current?.abort();
    const ac = new AbortController();
    abortRef.current = ac;
    setLoading(true);
    setError(null);
    fetchRef.current(after, ac.signal).then(
      (page) => {
        if (ac.signal.aborted) return;
        setItems((prev) => (append ? [...prev, ...page.items] : page.items));
        setCursor(page.nextCursor);
        setLoading(false);
      },
      (err: unknown) => {
        if (ac.signal.aborted) return;
        setError(err);
        setLoading(false);
      },
    );
  }, []);

  useEffect(() => {
    run(undefined, false);
    return () => abortRef.current?.abort();
  }, [...deps, generation, run]);

  return {
    items,
    loading,
    error,
    hasMore: cursor !== null,
    loadMore: () => {
      if (cursor !== null) run(cursor, true);
    },
    reload: () => setGeneration((g) => g + 1),
    replace: (match, row) => setItems((prev) => prev.map((r) => (match(r) ? row : r))),
  };
}

export interface DataTableProps<T> extends Omit<TableProps<T>, 'dataSource' | 'pagination' | 'loading' | 'columns' | 'rowKey'> {
  list: KeysetList<T>;
  columns: TableColumnsType<T>;
  rowKey: keyof T & string | ((row: T) => Key);
}

export function DataTable<T extends object>({ list, columns, rowKey, ...rest }: DataTableProps<T>) {
  const t = useT();
  const { locale } = useLocale();
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
      <Flex justify="center" align="center" gap={12} style={{ marginTop: 12 }}>
        {list.hasMore ? (
          <Button onClick={list.loadMore} loading={list.loading && list.items.length > 0}>{t('app.table.loadMore')}</Button>
        ) : null}
        <Typography.Text type="secondary">
          {list.hasMore ? t('app.table.loaded', { n: list.items.length }) : list.items.length > 0 ? t('app.table.allLoaded', { n: list.items.length }) : null}
        </Typography.Text>
      </Flex>
    </div>
  );
}
