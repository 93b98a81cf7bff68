# A stand-in for sys/conf/kern.pre.mk, written for this project: like the
# kernel's, it assigns CFLAGS (so a CFLAGS+= from the environment or
# make.conf is lost), puts ${CONF_CFLAGS} last, and compiles with
# ${WERROR}, -Werror unless told otherwise.  TOP is the modspace tree and
# OUT where objects go; both come from the command line.
KCC?=		clang-19
CC=		${KCC}
WERROR?=	-Werror
KERNFLAGS=	-target x86_64-unknown-freebsd13.0 -ffreestanding -nostdinc \
		-D_KERNEL -DVIMAGE -I${TOP}/test/include
CFLAGS=		${KERNFLAGS} -O2 -Wall ${CONF_CFLAGS}
