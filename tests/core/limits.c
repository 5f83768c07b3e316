// SPDX-License-Identifier: GPL-2.0
/*
 * Limits: max_events_per_user and max_events_per_ns (module parameters).
 * Exceeding a limit gives ENOSPC to that user / namespace only, and closing
 * events gives the room back at once.
 */
#define _GNU_SOURCE
#include <sched.h>
#include <sys/wait.h>

#include "kt.h"

#define PARAM "/sys/module/kevent/parameters/"

static long read_param(const char *name)
{
	char path[128];
	long v = -1;
	FILE *f;

	snprintf(path, sizeof(path), PARAM "%s", name);
	f = fopen(path, "r");
	if (f) {
		if (fscanf(f, "%ld", &v) != 1)
			v = -1;
		fclose(f);
	}
	return v;
}

static int write_param(const char *name, long v)
{
	char path[128];
	FILE *f;

	snprintf(path, sizeof(path), PARAM "%s", name);
	f = fopen(path, "w");
	if (!f)
		return -1;
	fprintf(f, "%ld\n", v);
	return fclose(f);
}

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

int main(void)
{
	long per_user = read_param("max_events_per_user");
	long per_ns = read_param("max_events_per_ns");
	int r, fds[11], i;

	if (kt_dev() < 0)
		bail_out("cannot open %s: %s", KEVENT_DEVICE_PATH, strerror(errno));
	ok(per_user > 0 && per_ns > 0, "limits are module parameters (per user %ld, per ns %ld)",
	   per_user, per_ns);

	write_param("max_events_per_user", 10);
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
	write_param("max_events_per_user", per_user);

	write_param("max_events_per_ns", 5);
	r = fill(0, 1, 50);
	is_int(r, 0x80 | 5, "a new IPC namespace holds 5 events, then ENOSPC");
	r = fill(1000, 1, 50);
	is_int(r, 0x80 | 5, "another new namespace has its own count");
	fds[0] = kt_create(NULL, 0);
	ok(fds[0] >= 0, "the initial namespace is unaffected");
	close(fds[0]);
	write_param("max_events_per_ns", per_ns);
	is_int(read_param("max_events_per_ns"), per_ns, "limits restored");
	return done();
}
