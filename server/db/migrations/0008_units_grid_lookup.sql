-- Point → grid: an index over the live grids alone, so that a look-up no longer fetches and
-- filters out the street, district and city rows whose boxes hold every point.
CREATE INDEX units_grid_geom_gist ON units USING gist (geom) WHERE level = 'grid' AND retired_at IS NULL;
