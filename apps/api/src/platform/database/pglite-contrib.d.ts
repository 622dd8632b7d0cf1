// The API compiles with node10 module resolution, which cannot see package `exports` subpaths;
// these are the PGlite extensions the embedded database loads.
declare module '@electric-sql/pglite/contrib/pg_trgm' {
  export const pg_trgm: import('@electric-sql/pglite').Extension;
}
declare module '@electric-sql/pglite/contrib/unaccent' {
  export const unaccent: import('@electric-sql/pglite').Extension;
}
declare module '@electric-sql/pglite/contrib/btree_gist' {
  export const btree_gist: import('@electric-sql/pglite').Extension;
}
