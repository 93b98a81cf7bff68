/* Included in a function of walk-quiet.c: the address it takes. */
hook = ctx_included;
