// SPDX-License-Identifier: GPL-2.0
/*
 * rig/gdb_trigger: not a test: `make vm-gdb-check` runs it in the guest to
 * enter kevent's /dev/kevent ioctl handler (kevent_dev_ioctl) once, while
 * gdb holds a breakpoint there. An unknown command keeps it side-effect free.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <linux/kevent.h>

int main(void)
{
	int fd = open(KEVENT_DEVICE_PATH, O_RDWR | O_CLOEXEC);
	int r;

	if (fd < 0) {
		perror(KEVENT_DEVICE_PATH);
		return 1;
	}
	r = ioctl(fd, _IO(KEVENT_IOC_MAGIC, 0xff));
	printf("gdb_trigger: ioctl on %s returned %d (%s)\n", KEVENT_DEVICE_PATH,
	       r, r < 0 ? strerror(errno) : "ok");
	close(fd);
	return 0;
}
