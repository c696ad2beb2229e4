/** The dataset's storage types: name, unit, why, default. */

/**
 * DuckDB / Parquet type of every amount: 38 digits hold any figure a disclosure prints (and
 * sums of them), 4 decimals the finest a table prints; exact, unlike DOUBLE.
 */
export const AMOUNT_SQL_TYPE = 'DECIMAL(38,4)';

/**
 * characters: an amount this short fits DECIMAL(18,4) (14 digits before the point). DuckDB casts
 * text to DECIMAL(38,4) far slower than to DECIMAL(18,4), so short values take that path first.
 */
export const SHORT_AMOUNT_CHARS = 14;
