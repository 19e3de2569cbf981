import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexed search ignoring case and diacritics (đ/Đ included). unaccent() is only STABLE (its
 * dictionary could change), so an index needs an IMMUTABLE wrapper naming the dictionary
 * explicitly; queries must use the very same expression, `lower(public.immutable_unaccent(x))`.
 */
export class IdentitySearch1795333000000 implements MigrationInterface {
  name = 'IdentitySearch1795333000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION public.immutable_unaccent(text) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
        AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$`);
    await q.query(
      `CREATE INDEX ix_users_full_name_search ON users USING gin (lower(public.immutable_unaccent(full_name)) gin_trgm_ops)`,
    );
    await q.query(`CREATE INDEX ix_org_units_name_search ON org_units USING gin (lower(public.immutable_unaccent(name)) gin_trgm_ops)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_org_units_name_search`);
    await q.query(`DROP INDEX ix_users_full_name_search`);
    await q.query(`DROP FUNCTION public.immutable_unaccent(text)`);
  }
}
