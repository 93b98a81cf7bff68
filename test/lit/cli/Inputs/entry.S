/* CLI fixture: an assembler source in the database. */
	.text
