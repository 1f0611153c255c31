-- The audit chain's head is keyed and counted: a MAC (HMAC-SHA256 with a key kept outside the
-- database, in the secrets file) over the last row's id and hash and the number of rows. Whoever
-- owns the database can delete the newest rows and re-point the head, but cannot compute the MAC
-- of the re-pointed head; a copy of the head written outside the database (the checkpoint file)
-- catches an old head put back, or the whole log wiped.
ALTER TABLE audit_head ADD COLUMN row_count bigint;
ALTER TABLE audit_head ADD COLUMN mac text;
