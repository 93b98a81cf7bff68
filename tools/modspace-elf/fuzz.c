/* libFuzzer target: the ELF reader on arbitrary bytes. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "elfobj.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ms_object obj;
	char err[256];
	void *copy;

	copy = malloc(size ? size : 1);
	if (copy == NULL)
		return (0);
	memcpy(copy, data, size);
	(void)ms_read_memory("fuzz", copy, size, &obj, err, sizeof(err));
	ms_object_free(&obj);
	free(copy);
	return (0);
}
