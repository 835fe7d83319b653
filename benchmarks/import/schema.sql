-- The peer's typed table for the import benchmark (same columns as Shuzhi's usage rows).
CREATE TABLE usage (
  enterprise_id TEXT NOT NULL,
  enterprise_name TEXT,
  industry TEXT NOT NULL,
  region TEXT,
  period TEXT NOT NULL,
  category TEXT NOT NULL,
  product TEXT,
  spend REAL NOT NULL
);
