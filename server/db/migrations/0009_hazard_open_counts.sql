-- "Open now" on the figures page without counting the open hazards one by one: the open hazards
-- (reported, confirmed, rectifying, submitted) counted per unit — each ancestor of the record's
-- path down to depth 4, as hazard_stats_rollup — category, grade, due day (the deadline of a
-- confirmed or rectifying hazard, 'infinity' otherwise: overdue = due before today) and whether
-- it is listed for supervision. A row trigger on hazards keeps it; set-based loads, which run
-- with triggers off, call hazard_open_counts_refill() afterwards.
CREATE TABLE hazard_open_counts (
  unit_path ltree NOT NULL,
  category text NOT NULL,
  grade text NOT NULL,
  due date NOT NULL,
  listed boolean NOT NULL,
  n integer NOT NULL,
  PRIMARY KEY (unit_path, category, grade, due, listed)
);

CREATE FUNCTION hazard_open_counts_add(p ltree, cat text, gr text, d date, l boolean, k integer) RETURNS void LANGUAGE sql AS $$
  INSERT INTO hazard_open_counts AS c (unit_path, category, grade, due, listed, n)
  SELECT subpath(p, 0, x.depth), cat, gr, d, l, k FROM generate_series(1, least(nlevel(p), 4)) AS x(depth)
  ON CONFLICT (unit_path, category, grade, due, listed) DO UPDATE SET n = c.n + EXCLUDED.n;
  DELETE FROM hazard_open_counts c
  WHERE k < 0 AND c.unit_path = ANY (ARRAY(SELECT subpath(p, 0, x.depth) FROM generate_series(1, least(nlevel(p), 4)) AS x(depth)))
    AND c.category = cat AND c.grade = gr AND c.due = d AND c.listed = l AND c.n = 0;
$$;

CREATE FUNCTION hazard_open_counts_track() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  old_on boolean := false;
  new_on boolean := false;
  old_due date;
  new_due date;
  old_listed boolean;
  new_listed boolean;
BEGIN
  IF TG_OP <> 'INSERT' THEN
    old_on := OLD.state IN ('reported', 'confirmed', 'rectifying', 'submitted');
    old_due := CASE WHEN OLD.state IN ('confirmed', 'rectifying') AND OLD.deadline IS NOT NULL THEN OLD.deadline ELSE 'infinity'::date END;
    old_listed := OLD.listed_at IS NOT NULL AND OLD.delisted_at IS NULL;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    new_on := NEW.state IN ('reported', 'confirmed', 'rectifying', 'submitted');
    new_due := CASE WHEN NEW.state IN ('confirmed', 'rectifying') AND NEW.deadline IS NOT NULL THEN NEW.deadline ELSE 'infinity'::date END;
    new_listed := NEW.listed_at IS NOT NULL AND NEW.delisted_at IS NULL;
  END IF;
  IF old_on AND new_on AND OLD.unit_path = NEW.unit_path AND OLD.category = NEW.category AND OLD.grade = NEW.grade
     AND old_due = new_due AND old_listed = new_listed THEN
    RETURN NULL;
  END IF;
  IF old_on THEN
    PERFORM hazard_open_counts_add(OLD.unit_path, OLD.category, OLD.grade, old_due, old_listed, -1);
  END IF;
  IF new_on THEN
    PERFORM hazard_open_counts_add(NEW.unit_path, NEW.category, NEW.grade, new_due, new_listed, 1);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER hazards_open_counts AFTER INSERT OR DELETE OR UPDATE OF state, deadline, listed_at, delisted_at, unit_path, category, grade
  ON hazards FOR EACH ROW EXECUTE FUNCTION hazard_open_counts_track();

CREATE FUNCTION hazard_open_counts_refill() RETURNS bigint LANGUAGE sql AS $$
  DELETE FROM hazard_open_counts;
  WITH ins AS (
    INSERT INTO hazard_open_counts (unit_path, category, grade, due, listed, n)
    SELECT subpath(h.unit_path, 0, x.depth), h.category, h.grade,
      CASE WHEN h.state IN ('confirmed', 'rectifying') AND h.deadline IS NOT NULL THEN h.deadline ELSE 'infinity'::date END,
      h.listed_at IS NOT NULL AND h.delisted_at IS NULL, count(*)
    FROM hazards h CROSS JOIN LATERAL generate_series(1, least(nlevel(h.unit_path), 4)) AS x(depth)
    WHERE h.state IN ('reported', 'confirmed', 'rectifying', 'submitted')
    GROUP BY 1, 2, 3, 4, 5
    RETURNING 1)
  SELECT count(*) FROM ins;
$$;

SELECT hazard_open_counts_refill();
