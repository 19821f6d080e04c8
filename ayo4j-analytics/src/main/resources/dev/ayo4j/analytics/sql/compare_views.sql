-- Both trace sets as one, with a side column ('A' or 'B'), kept to the apps both sides ran and, when given, to
-- one system label per side. Reads: a_runs, a_primitives, b_runs, b_primitives.
CREATE OR REPLACE TEMPORARY VIEW runs AS
WITH sides AS (
    SELECT 'A' AS side, * FROM a_runs WHERE ${system_a} = '' OR system = ${system_a}
    UNION ALL
    SELECT 'B' AS side, * FROM b_runs WHERE ${system_b} = '' OR system = ${system_b}
), common AS (
    SELECT app FROM sides WHERE side = 'A'
    INTERSECT
    SELECT app FROM sides WHERE side = 'B'
)
SELECT s.* FROM sides s JOIN common c ON s.app = c.app;

CREATE OR REPLACE TEMPORARY VIEW primitives AS
SELECT p.*
FROM (SELECT 'A' AS side, * FROM a_primitives UNION ALL SELECT 'B' AS side, * FROM b_primitives) p
JOIN runs r ON r.side = p.side AND r.run_id = p.run_id AND r.system = p.system
