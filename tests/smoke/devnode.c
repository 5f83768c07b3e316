// SPDX-License-Identifier: GPL-2.0
/*
 * smoke/devnode: /dev/kevent from C: it is a character device with mode
 * 0666, an unprivileged process can open it, and an ioctl that is not
 * kevent's fails with ENOTTY instead of doing something.
 */
#include <errno.h>
#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <linux/kevent.h>
#include "tap.h"

int main(void)
{
	struct stat st;
	pid_t pid;
	int fd, status;

	plan(5);
	ok(stat(KEVENT_DEVICE_PATH, &st) == 0 && S_ISCHR(st.st_mode),
	   "%s is a character device", KEVENT_DEVICE_PATH);
	is_int(st.st_mode & 07777, 0666, "mode is 0666");

	fd = open(KEVENT_DEVICE_PATH, O_RDWR | O_CLOEXEC);
	ok(fd >= 0, "root opens %s read-write", KEVENT_DEVICE_PATH);
	{
		int r = ioctl(fd, _IO(KEVENT_IOC_MAGIC, 0xff));
		int e = errno;

		ok(r == -1 && e == ENOTTY,
		   "an unknown ioctl fails with ENOTTY (got %d, errno %d)", r,
		   r == -1 ? e : 0);
	}
	close(fd);

	pid = fork();
	if (pid == 0) {
		if (setgid(1000) || setuid(1000))
			_exit(2);
		fd = open(KEVENT_DEVICE_PATH, O_RDWR | O_CLOEXEC);
		_exit(fd >= 0 ? 0 : 1);
	}
	ok(pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
	   WEXITSTATUS(status) == 0, "uid 1000 opens %s read-write",
	   KEVENT_DEVICE_PATH);
	return done();
}
