/* CLI fixture: does not compile.  Written for this project. */
int	broken(void)
{
	return (missing_name + other_name);
}
