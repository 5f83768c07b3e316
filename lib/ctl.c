// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libkevent: access to the control device /dev/kevent and name checks.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

_Static_assert(KEV_NAME_MAX == KEVENT_NAME_MAX, "KEV_NAME_MAX != KEVENT_NAME_MAX");
_Static_assert(KEV_WAIT_MAX == KEVENT_WAIT_MAX, "KEV_WAIT_MAX != KEVENT_WAIT_MAX");

int kev_ctl_open(void)
{
	int fd;

	do {
		fd = open(KEVENT_DEVICE_PATH, O_RDWR | O_CLOEXEC);
	} while (fd < 0 && errno == EINTR);

	/*
	 * No device node, or a stale node without a driver behind it: the
	 * module is not loaded. Report ENODEV rather than ENOENT, which
	 * callers take to mean "no event of that name".
	 */
	if (fd < 0 && (errno == ENOENT || errno == ENXIO))
		errno = ENODEV;
	return fd;
}

void kev_close_quiet(int fd)
{
	int saved = errno;

	close(fd);
	errno = saved;
}

/*
 * The kernel owns the name rules (a "Global\" or "Local\" prefix does not
 * count towards KEVENT_NAME_MAX); the library only bounds how far it reads,
 * so that a missing terminator cannot make it walk off into memory.
 */
#define NAME_SCAN_MAX	1024

int kev_name_len(const char *name)
{
	size_t len;

	if (!name) {
		errno = EINVAL;
		return -1;
	}
	len = strnlen(name, NAME_SCAN_MAX + 1);
	if (len == 0) {
		errno = EINVAL;
		return -1;
	}
	if (len > NAME_SCAN_MAX) {
		errno = ENAMETOOLONG;
		return -1;
	}
	return (int)len;
}
