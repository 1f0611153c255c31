// Picks a unit: a tree of the units the user may act on (starting at the units of the user's
// grants, each level loaded when opened), searchable by name, code or the pinyin of the name
// (initials "cdq" or "chengdong" find 城东区). Each unit shows its name with its code as secondary
// text; the value is the unit's code.
import { useCallback, useEffect, useMemo, useRef, useState, type CSSProperties, type ReactNode } from 'react';
import { Spin, TreeSelect, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useT } from '../app/i18n.js';
import { useSession } from '../app/session.js';
import { useDebounced } from '../api/query.js';
import { unitsApi } from '../modules/units/api.js';
import { isPinyinQuery, mergeMatches, PREFETCH_LEVELS, scopeRoots, type PickerUnit } from './unit-picker.js';

export const UNIT_CODE_PATTERN = /^[A-Za-z0-9_]{1,32}$/;

export interface UnitSelectProps {
  value?: string;
  onChange?: (code: string) => void;
  placeholder?: string;
  allowClear?: boolean;
  disabled?: boolean;
  id?: string;
  status?: '' | 'error' | 'warning';
  style?: CSSProperties;
}

interface PickerNode {
  value: string;
  key: string;
  title: ReactNode;
  label: string;
  isLeaf: boolean;
  disabled?: boolean;
  selectable?: boolean;
  children?: PickerNode[];
}

function NodeTitle(props: { unit: PickerUnit; context?: string | undefined }) {
  return (
    <span className="sg-unit-option" data-code={props.unit.code}>
      <span>{props.unit.name}</span>
      <Typography.Text type="secondary" style={{ fontSize: 12, marginLeft: 6 }}>
        {props.context ? `${props.context} · ` : ''}{props.unit.code}
      </Typography.Text>
    </span>
  );
}

export function UnitSelect(props: UnitSelectProps) {
  const t = useT();
  const { me } = useSession();
  const client = useQueryClient();
  const roots = useMemo(() => scopeRoots(me?.grants ?? []), [me?.grants]);
  const [units, setUnits] = useState<Map<string, PickerUnit>>(() => new Map(roots.map((r) => [r.code, r])));
  const [kids, setKids] = useState<Map<string, string[]>>(() => new Map());
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 250);
  const [found, setFound] = useState<PickerUnit[]>([]);
  const [searching, setSearching] = useState(false);
  const unitsRef = useRef(units);
  unitsRef.current = units;
  const kidsRef = useRef(kids);
  kidsRef.current = kids;

  useEffect(() => {
    setUnits((prev) => {
      const next = new Map(prev);
      for (const r of roots) if (!next.has(r.code)) next.set(r.code, r);
      return next;
    });
  }, [roots]);

  /** Loads the children of a unit once (cached by the query client). */
  const loadChildren = useCallback(async (code: string): Promise<PickerUnit[]> => {
    const known = kidsRef.current.get(code);
    if (known) return known.map((c) => unitsRef.current.get(c)).filter((u): u is PickerUnit => u !== undefined);
    const tree = await client.fetchQuery({ queryKey: ['units', 'tree', code], queryFn: () => unitsApi.tree(code), staleTime: 5 * 60_000 });
    const items: PickerUnit[] = tree.items.filter((i) => !i.retired).map((i) => ({
      code: i.code, name: i.name, shortName: i.shortName, level: i.level, restricted: i.restricted, childCount: i.childCount,
    }));
    setUnits((prev) => {
      const next = new Map(prev);
      for (const u of items) next.set(u.code, { ...next.get(u.code), ...u });
      const parent = next.get(code);
      if (parent && parent.level === undefined && tree.parent) next.set(code, { ...parent, level: tree.parent.level, shortName: tree.parent.shortName });
      return next;
    });
    setKids((prev) => new Map(prev).set(code, items.map((u) => u.code)));
    kidsRef.current = new Map(kidsRef.current).set(code, items.map((u) => u.code));
    return items;
  }, [client]);

  // A chosen unit below the roots: open the levels down to it so its name shows.
  const value = props.value;
  useEffect(() => {
    if (!value || unitsRef.current.has(value)) return;
    const root = roots.find((r) => value.startsWith(r.code));
    if (!root) {
      void unitsApi.search(value, 1).then((r) => {
        const hit = r.items.find((i) => i.code === value);
        if (hit) setUnits((prev) => new Map(prev).set(hit.code, { code: hit.code, name: hit.name, shortName: hit.shortName, level: hit.level, context: hit.context }));
      }, () => undefined);
      return;
    }
    let cancelled = false;
    void (async () => {
      let parent = root.code;
      for (let guard = 0; guard < 8 && !cancelled; guard++) {
        const children = await loadChildren(parent).catch(() => [] as PickerUnit[]);
        if (children.some((c) => c.code === value)) return;
        const next = children.find((c) => value.startsWith(c.code));
        if (!next) return;
        parent = next.code;
      }
    })();
    return () => { cancelled = true; };
  }, [value, roots, loadChildren]);

  // Searching: the server finds names and codes; pinyin is matched here over the units read so
  // far, reading ahead down to the communities the first time.
  const prefetched = useRef(false);
  useEffect(() => {
    if (q === '') { setFound([]); setSearching(false); return; }
    let cancelled = false;
    setSearching(true);
    void (async () => {
      let server: PickerUnit[] = [];
      if (isPinyinQuery(q) && !prefetched.current) {
        prefetched.current = true;
        let frontier = roots.map((r) => r.code);
        let requests = 0;
        while (frontier.length > 0 && requests < 60 && !cancelled) {
          const batch = frontier.slice(0, 60 - requests);
          requests += batch.length;
          const loaded = await Promise.all(batch.map((c) => loadChildren(c).catch(() => [] as PickerUnit[])));
          frontier = loaded.flat().filter((u) => !u.restricted && (u.childCount ?? 0) > 0 && u.level !== undefined && PREFETCH_LEVELS.has(u.level)).map((u) => u.code);
        }
      } else if (!isPinyinQuery(q)) {
        const r = await unitsApi.search(q, 30).catch(() => ({ items: [] }));
        server = r.items.filter((i) => roots.some((root) => i.code.startsWith(root.code)))
          .map((i) => ({ code: i.code, name: i.name, shortName: i.shortName, level: i.level, context: i.context }));
      }
      if (cancelled) return;
      setUnits((prev) => {
        const next = new Map(prev);
        for (const u of server) if (!next.has(u.code)) next.set(u.code, u);
        return next;
      });
      setFound(mergeMatches(unitsRef.current.values(), server, q));
      setSearching(false);
    })();
    return () => { cancelled = true; };
  }, [q, roots, loadChildren]);

  // Units read later (read-ahead finishing) join the matches.
  useEffect(() => {
    if (q !== '' && isPinyinQuery(q)) setFound(mergeMatches(units.values(), [], q));
  }, [units, q]);

  const treeData = useMemo<PickerNode[]>(() => {
    const node = (u: PickerUnit, depth: number): PickerNode => {
      const childCodes = kids.get(u.code);
      const leaf = u.level === 'grid' || u.childCount === 0;
      const n: PickerNode = {
        value: u.code, key: u.code, label: u.name, title: <NodeTitle unit={u} />, isLeaf: leaf,
        ...(u.restricted ? { disabled: true } : {}),
      };
      if (childCodes && depth < 8) {
        n.children = childCodes.map((c) => units.get(c)).filter((c): c is PickerUnit => c !== undefined).map((c) => node(c, depth + 1));
      }
      return n;
    };
    if (search.trim() !== '') {
      return found.map((u) => ({ value: u.code, key: `found:${u.code}`, label: u.name, title: <NodeTitle unit={u} context={u.context} />, isLeaf: true }));
    }
    const tree = roots.map((r) => node(units.get(r.code) ?? r, 0));
    // A chosen unit outside the tree (e.g. from a link): shown so its name, not its code, appears.
    if (value && !roots.some((r) => value.startsWith(r.code)) && units.has(value)) {
      const u = units.get(value);
      if (u) tree.push({ value: u.code, key: u.code, label: u.name, title: <NodeTitle unit={u} context={u.context} />, isLeaf: true });
    }
    return tree;
  }, [roots, units, kids, found, search, value]);

  const loadData = useCallback(async (n: { value?: unknown }) => {
    if (typeof n.value === 'string') await loadChildren(n.value);
  }, [loadChildren]);

  return (
    <TreeSelect<string, PickerNode>
      id={props.id}
      data-testid="unit-select"
      className="sg-unit-select"
      value={props.value === '' ? undefined : props.value}
      onChange={(v) => { props.onChange?.(typeof v === 'string' ? v : ''); setSearch(''); }}
      placeholder={props.placeholder ?? t('app.unit.placeholder')}
      allowClear={props.allowClear}
      disabled={props.disabled}
      status={props.status}
      style={{ minWidth: 160, ...props.style }}
      styles={{ popup: { root: { minWidth: 280, maxWidth: 'calc(100vw - 16px)' } } }}
      treeData={treeData}
      loadData={search.trim() === '' ? loadData : undefined}
      treeNodeLabelProp="label"
      showSearch={{ searchValue: search, onSearch: setSearch, filterTreeNode: false, autoClearSearchValue: true }}
      notFoundContent={searching ? <Spin size="small" /> : t('app.unit.none')}
      popupMatchSelectWidth={false}
    />
  );
}

/** A Form.Item rule for unit codes. */
export function unitCodeRule(message: string) {
  return { pattern: UNIT_CODE_PATTERN, message };
}
