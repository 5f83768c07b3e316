// SPDX-License-Identifier: GPL-2.0
/*
 * Limits: max_events_per_user and max_events_per_ns (module parameters).
 * Exceeding a limit gives ENOSPC to that user / namespace only, and closing
 * events gives the room back at once.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <sys/prctl.h>
#include <sys/wait.h>

#include "kt.h"

/*
 * As @uid (0: stay root), optionally in a new IPC namespace: create events
 * until one fails. Returns how many succeeded, or 200 + errno... encoded as
 * exit status: low 7 bits the count, bit 7 set if the failure was ENOSPC.
 */
static int fill(uid_t uid, int newns, int max)
{
	int status, n;
	pid_t pid = fork();

	if (!pid) {
		int r = 0;

		if (newns && unshare(CLONE_NEWIPC))
			_exit(0);
		if (uid && (setresgid(uid, uid, uid) || setresuid(uid, uid, uid)))
			_exit(0);
		for (n = 0; n < max; n++) {
			r = kt_create(NULL, 0);
			if (r < 0)
				break;
		}
		_exit(n | (r == -ENOSPC ? 0x80 : 0));
	}
	waitpid(pid, &status, 0);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* As @uid: create events, named with @namelen-byte names (0: anonymous), until one fails. */
static int fill_bytes(uid_t uid, int namelen, int max)
{
	int status, n;
	pid_t pid = fork();

	if (!pid) {
		char name[256];
		int r = 0;

		if (setresgid(uid, uid, uid) || setresuid(uid, uid, uid))
			_exit(255);
		for (n = 0; n < max; n++) {
			if (namelen) {
				memset(name, 'b', namelen);
				snprintf(name, 12, "kt-b%u-%05d", uid % 10, n);
				name[11] = 'b';
				name[namelen] = '\0';
			}
			r = kt_create(namelen ? name : NULL, 0);
			if (r < 0)
				break;
		}
		_exit(r == -ENOSPC ? (n > 250 ? 250 : n) : 251);
	}
	waitpid(pid, &status, 0);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static int wait_fd = -1, wait_fd2 = -1, wait_all;

static void *waiter(void *arg)
{
	int fds[2] = { wait_fd, wait_fd2 };

	(void)arg;
	if (wait_all)
		kt_waitv(fds, 2, KEVENT_WAIT_ALL, KEVENT_TIMEOUT_INFINITE);
	else
		kt_wait(wait_fd, KEVENT_TIMEOUT_INFINITE);
	return NULL;
}

/*
 * As @uid: park @n threads in infinite waits, then try one more wait.
 * Exit status: the extra wait's errno. The parent sets the event to end them.
 */
static pid_t park_waits(uid_t uid, int n, int *pipefd)
{
	pid_t pid = fork();

	if (!pid) {
		pthread_t t;
		int i, r;

		if (setresgid(uid, uid, uid) || setresuid(uid, uid, uid))
			_exit(255);
		/*
		 * The uid change made this process non-dumpable, and kernels
		 * before 5.14 then let only root read its /proc/self/fdinfo.
		 */
		prctl(PR_SET_DUMPABLE, 1);
		for (i = 0; i < n; i++)
			pthread_create(&t, NULL, waiter, NULL);
		while (kt_fdinfo(wait_fd, "waiters") < n)
			usleep(1000);
		r = wait_all ? kt_waitv((int[]){ wait_fd, wait_fd2 }, 2, KEVENT_WAIT_ALL, 0) :
			       kt_wait(wait_fd, 0);
		if (write(pipefd[1], &r, sizeof(r)) != sizeof(r))
			_exit(254);
		/* A wait-any is not a wait-all: still allowed. */
		r = kt_wait(wait_fd, 0);
		if (write(pipefd[1], &r, sizeof(r)) != sizeof(r))
			_exit(254);
		/* Stay until the parent released the waiters. */
		while (kt_fdinfo(wait_fd, "waiters") > 0)
			usleep(1000);
		_exit(0);
	}
	return pid;
}

static void test_waits_per_user(void)
{
	long saved = kt_param("max_waits_per_user");
	int pipefd[2], r = 0, status;
	pid_t pid;

	ok(saved > 0, "max_waits_per_user is a module parameter (%ld)", saved);
	kt_set_param("max_waits_per_user", 4);
	wait_fd = kt_create_ex("kt-waits", KEVENT_CREATE_MANUAL_RESET, 0644, NULL);
	if (pipe(pipefd))
		bail_out("pipe");
	pid = park_waits(1000, 4, pipefd);
	if (read(pipefd[0], &r, sizeof(r)) != sizeof(r) ||
	    read(pipefd[0], &r, sizeof(r)) != sizeof(r))
		r = 0;
	is_int(r, -ENOSPC, "uid 1000 with 4 waits in progress: a 5th wait gives ENOSPC");
	is_int(kt_wait(wait_fd, 0), -ETIMEDOUT, "root's wait is not charged to uid 1000");
	pid_t other = fork();

	if (!other) {
		if (setresgid(1001, 1001, 1001) || setresuid(1001, 1001, 1001))
			_exit(255);
		_exit(kt_wait(wait_fd, 0) == -ETIMEDOUT ? 0 : 1);
	}
	waitpid(other, &status, 0);
	is_int(WIFEXITED(status) ? WEXITSTATUS(status) : -1, 0,
	       "uid 1001 waits unaffected by uid 1000's limit");
	kt_set(wait_fd);
	waitpid(pid, &status, 0);
	ok(WIFEXITED(status) && !WEXITSTATUS(status), "uid 1000's waiters released");
	kt_reset(wait_fd);
	pid = park_waits(1000, 4, pipefd);
	if (read(pipefd[0], &r, sizeof(r)) != sizeof(r) ||
	    read(pipefd[0], &r, sizeof(r)) != sizeof(r))
		r = 0;
	is_int(r, -ENOSPC, "ended waits give their room back (4 again, then ENOSPC)");
	kt_set(wait_fd);
	waitpid(pid, &status, 0);
	kt_set_param("max_waits_per_user", saved);

	/* Wait-alls have their own, lower limit. */
	saved = kt_param("max_wait_all_per_user");
	ok(saved > 0, "max_wait_all_per_user is a module parameter (%ld)", saved);
	kt_set_param("max_wait_all_per_user", 3);
	kt_reset(wait_fd);
	wait_fd2 = kt_create_ex("kt-waits2", KEVENT_CREATE_MANUAL_RESET, 0644, NULL);
	wait_all = 1;
	pid = park_waits(1000, 3, pipefd);
	if (read(pipefd[0], &r, sizeof(r)) != sizeof(r))
		r = 0;
	is_int(r, -ENOSPC, "uid 1000 with 3 wait-alls in progress: a 4th wait-all gives ENOSPC");
	if (read(pipefd[0], &r, sizeof(r)) != sizeof(r))
		r = 0;
	is_int(r, -ETIMEDOUT, "... while a wait-any is still allowed");
	is_int(kt_waitv((int[]){ wait_fd, wait_fd2 }, 2, KEVENT_WAIT_ALL, 0), -ETIMEDOUT,
	       "root's wait-all is not charged to uid 1000");
	kt_set(wait_fd);
	kt_set(wait_fd2);
	waitpid(pid, &status, 0);
	ok(WIFEXITED(status) && !WEXITSTATUS(status), "uid 1000's wait-alls released");
	wait_all = 0;
	close(wait_fd2);
	kt_set_param("max_wait_all_per_user", saved);
	saved = kt_param("max_waits_per_user");
	close(wait_fd);
	close(pipefd[0]);
	close(pipefd[1]);
}

static void test_bytes_per_user(void)
{
	long saved = kt_param("max_bytes_per_user");
	int anon, named, other;

	ok(saved > 0, "max_bytes_per_user is a module parameter (%ld)", saved);
	kt_set_param("max_bytes_per_user", 24 * 1024);
	anon = fill_bytes(1000, 0, 1000);
	named = fill_bytes(1000, 255, 1000);
	other = fill_bytes(1001, 255, 1000);
	ok(anon > 0 && anon < 250, "24 KiB hold %d anonymous events of uid 1000, then ENOSPC", anon);
	ok(named > 0 && named * 3 < anon * 2,
	   "... but fewer with 255-byte names (%d): names count against the limit", named);
	is_int(other, named, "uid 1001 has its own byte budget");
	kt_set_param("max_bytes_per_user", saved);
}

int main(void)
{
	long per_user = kt_param("max_events_per_user");
	long per_ns = kt_param("max_events_per_ns");
	int r, fds[11], i, base;

	if (kt_dev() < 0)
		bail_out("cannot open %s: %s", KEVENT_DEVICE_PATH, strerror(errno));
	ok(per_user > 0 && per_ns > 0, "limits are module parameters (per user %ld, per ns %ld)",
	   per_user, per_ns);

	kt_set_param("max_events_per_user", 10);
	r = fill(1000, 0, 50);
	is_int(r, 0x80 | 10, "uid 1000 creates 10 events, then ENOSPC");
	r = fill(1001, 0, 50);
	is_int(r, 0x80 | 10, "uid 1001 is unaffected by uid 1000's use");
	/* Root may already own events (a driver's, say): count up to failure. */
	for (i = 0, r = 0; i < 11; i++) {
		r = kt_create(NULL, 0);
		if (r < 0)
			break;
		fds[i] = r;
	}
	ok(i >= 1 && i <= 10 && r == -ENOSPC,
	   "root is a user too, limited by its own count (%d created, then %d)", i, r);
	if (i >= 1) {
		close(fds[i - 1]);
		fds[i - 1] = kt_create(NULL, 0);
		ok(fds[i - 1] >= 0, "closing an event gives the room back at once");
	} else {
		ok(0, "closing an event gives the room back at once");
	}
	while (i-- > 0)
		close(fds[i]);
	kt_set_param("max_events_per_user", per_user);

	/*
	 * Earlier tests may have left events in the initial namespace (fuzz's
	 * permanent names, events on their way out): count them, and give
	 * every namespace room for 5 more than that.
	 */
	kt_set_param("max_events_per_ns", 100);
	r = fill(0, 0, 120);
	base = r & 0x80 ? 100 - (r & 0x7f) : 0;
	kt_set_param("max_events_per_ns", base + 5);
	r = fill(0, 1, 120);
	is_int(r, 0x80 | (base + 5), "a new IPC namespace holds %d events, then ENOSPC", base + 5);
	r = fill(1000, 1, 120);
	is_int(r, 0x80 | (base + 5), "another new namespace has its own count");
	fds[0] = kt_create(NULL, 0);
	ok(fds[0] >= 0, "the initial namespace is unaffected");
	close(fds[0]);
	kt_set_param("max_events_per_ns", per_ns);
	is_int(kt_param("max_events_per_ns"), per_ns, "limits restored");
	test_waits_per_user();
	test_bytes_per_user();
	return done();
}
