/**
 * The search key of a text column: the exact expression of the trigram indexes
 * `ix_users_full_name_search` and `ix_org_units_name_search`. Any other spelling
 * (unaccent() without the wrapper, lower() inside) would not use them.
 */
export function searchKey(sqlExpression: string): string {
  return `lower(public.immutable_unaccent(${sqlExpression}))`;
}

/** `column` contains the query, ignoring case and diacritics (index-assisted LIKE). */
export function containsSql(column: string, param: string): string {
  return `${searchKey(column)} LIKE '%' || ${escapedSearchKey(param)} || '%'`;
}

/** 0 for an exact match, 1 for a prefix, 2 otherwise: exact matches come first. */
export function rankSql(column: string, param: string): string {
  return `CASE WHEN ${searchKey(column)} = ${searchKey(param)} THEN 0
               WHEN ${searchKey(column)} LIKE ${escapedSearchKey(param)} || '%' THEN 1 ELSE 2 END`;
}

/** The query as a LIKE operand: its own %, _ and \\ are literal. */
function escapedSearchKey(param: string): string {
  return `replace(replace(replace(${searchKey(param)}, '\\', '\\\\'), '%', '\\%'), '_', '\\_')`;
}
