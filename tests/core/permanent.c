// SPDX-License-Identifier: GPL-2.0
/*
 * PERMANENT lives only in the initial IPC namespace, for a caller with
 * CAP_SYS_ADMIN in the initial user namespace. kevent cannot know when
 * another IPC namespace dies, so a permanent event there would pin it,
 * undeletable, once its processes are gone; and root of a user namespace
 * (any user, with unshare -Ur) could leave such events charged to himself
 * until his next CREATE failed with ENOSPC.
 */
#define _GNU_SOURCE
#include <sched.h>
#include <sys/prctl.h>
#include <sys/wait.h>

#include "kt.h"

#define PARAM "/sys/module/kevent/parameters/max_events_per_user"

static int run(int (*fn)(void))
{
	int status;
	pid_t pid = fork();

	if (!pid)
		_exit(fn());
	waitpid(pid, &status, 0);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* Root (init user namespace) in a new IPC namespace. */
static int root_new_ipc(void)
{
	int r;

	if (unshare(CLONE_NEWIPC))
		return 200;
	r = kt_create("kt-pns", KEVENT_CREATE_PERMANENT);
	if (r != -EPERM)
		return 1;
	if (kt_unlink("kt-pns") != -EPERM)
		return 2;
	r = kt_create("kt-pns", 0);
	return r >= 0 ? 0 : 3;
}

/* uid 1000 in unshare -Ur -i: root of his own user namespace. */
static int userns_root(void)
{
	char map[64];
	int r, i;

	if (setresgid(1000, 1000, 1000) || setresuid(1000, 1000, 1000))
		return 201;
	/* Changing uid cleared it; /proc/self/uid_map must be ours to write. */
	prctl(PR_SET_DUMPABLE, 1);
	if (unshare(CLONE_NEWUSER | CLONE_NEWIPC))
		return 202;
	kt_write_file("/proc/self/setgroups", "deny");
	snprintf(map, sizeof(map), "0 1000 1");
	if (kt_write_file("/proc/self/uid_map", map) || kt_write_file("/proc/self/gid_map", map))
		return 203;
	for (i = 0; i < 3; i++) {
		r = kt_create(i ? "kt-pns2" : "kt-pns1", KEVENT_CREATE_PERMANENT);
		if (r != -EPERM)
			return 10 + i;
	}
	if (kt_unlink("kt-pns1") != -EPERM)
		return 20;
	return 0;
}

/* uid 1000, initial namespaces: create 3 events (the limit). */
static int user_fill3(void)
{
	int i;

	if (setresgid(1000, 1000, 1000) || setresuid(1000, 1000, 1000))
		return 201;
	for (i = 0; i < 3; i++)
		if (kt_create(NULL, 0) < 0)
			return 10 + i;
	return kt_create(NULL, 0) == -ENOSPC ? 0 : 20;
}

int main(void)
{
	char saved[32] = "";
	int fd, r;

	if (kt_dev() < 0)
		bail_out("cannot open %s: %s", KEVENT_DEVICE_PATH, strerror(errno));
	fd = open(PARAM, O_RDONLY);
	if (fd < 0 || read(fd, saved, sizeof(saved) - 1) <= 0)
		bail_out("cannot read " PARAM);
	close(fd);

	fd = kt_create("kt-pinit", KEVENT_CREATE_PERMANENT);
	ok(fd >= 0, "root in the initial namespaces creates a permanent event");
	close(fd);
	is_int(kt_unlink("kt-pinit"), 0, "... and unlinks it");

	is_int(run(root_new_ipc), 0,
	       "root in a new IPC namespace: PERMANENT and UNLINK give EPERM, plain CREATE works");

	kt_write_file(PARAM, "3");
	r = run(userns_root);
	is_int(r, 0,
	       "uid 1000 as root of unshare -Ur -i: PERMANENT and UNLINK give EPERM (%d)", r);
	is_int(run(user_fill3), 0,
	       "after it exited nothing stays charged to uid 1000 (3 of 3 events, then ENOSPC)");
	kt_write_file(PARAM, saved);
	return done();
}
