// SPDX-License-Identifier: GPL-2.0
/*
 * Close-on-exec: event fds get FD_CLOEXEC unless KEV_INHERIT is given, for
 * kev_create and kev_open; an inherited fd really survives execve.
 */
#include "lt.h"

static int cloexec(int fd)
{
	int f = fcntl(fd, F_GETFD);

	return f < 0 ? -1 : !!(f & FD_CLOEXEC);
}

static int count_fds(void)
{
	char path[64];
	int fd, n = 0;

	for (fd = 0; fd < 1024; fd++) {
		snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
		if (access(path, F_OK) == 0)
			n++;
	}
	return n;
}

/* Does fd survive an exec? Ask a shell in a child process. */
static int survives_exec(int fd)
{
	char cmd[64];
	int status;
	pid_t pid;

	snprintf(cmd, sizeof(cmd), "test -e /proc/self/fd/%d", fd);
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &status, 0) < 0 || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status) == 0;
}

int main(void)
{
	const char *name = lt_name("cloexec");
	int a, b, c, d;

	a = kev_create(name, 0, 0, NULL);
	b = kev_create(NULL, KEV_INHERIT, 0, NULL);
	c = kev_open(name, KEV_ACCESS_WAIT, 0);
	d = kev_open(name, KEV_ACCESS_MODIFY, KEV_INHERIT);
	ok(a >= 0 && b >= 0 && c >= 0 && d >= 0, "events created and opened");

	is_int(cloexec(a), 1, "kev_create: FD_CLOEXEC by default");
	is_int(cloexec(b), 0, "kev_create KEV_INHERIT: no FD_CLOEXEC");
	is_int(cloexec(c), 1, "kev_open: FD_CLOEXEC by default");
	is_int(cloexec(d), 0, "kev_open KEV_INHERIT: no FD_CLOEXEC");
	{
		int e = kev_create(name, KEV_INHERIT, 0, NULL);

		is_int(cloexec(e), 0, "kev_create KEV_INHERIT of an existing name: no FD_CLOEXEC");
		kev_close(e);
	}

	is_int(survives_exec(a), 0, "default fd is closed by exec");
	is_int(survives_exec(d), 1, "KEV_INHERIT fd survives exec");
	{
		int before = count_fds(), e, after;

		e = kev_create(name, 0, 0, NULL);
		kev_close(e);
		e = kev_open(name, KEV_ACCESS_WAIT, 0);
		kev_close(e);
		kev_unlink(name);	/* fails (not permanent); must not leak */
		after = count_fds();
		is_int(after, before, "create/open/unlink leak no fd (/dev/kevent is closed)");
	}
	kev_close(a);
	kev_close(b);
	kev_close(c);
	kev_close(d);
	return done();
}
