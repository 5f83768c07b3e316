// SPDX-License-Identifier: GPL-2.0
/*
 * Per-IPC-namespace names: a process in another IPC namespace (unshare -i)
 * neither sees nor opens a name, can create the same name independently,
 * and sees only its own events in /proc/kevent.
 */
#define _GNU_SOURCE
#include <sched.h>
#include <sys/wait.h>

#include "kt.h"

static int proc_has(const char *name)
{
	char line[600], n[520];
	int found = 0;
	FILE *f = fopen("/proc/kevent", "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "%519s", n) == 1 && !strcmp(n, name))
			found = 1;
	fclose(f);
	return found;
}

/* Runs in a new IPC namespace; returns a bit mask of failed checks. */
static int child(void)
{
	int fails = 0, fd, existed = -1;

	if (unshare(CLONE_NEWIPC))
		return 0x80;
	if (kt_open("kt-ns", KEVENT_ACCESS_ALL) != -ENOENT)
		fails |= 1;
	if (proc_has("kt-ns") != 0)
		fails |= 2;
	fd = kt_create_ex("kt-ns", 0, 0, &existed);
	if (fd < 0 || existed != 0 || kt_state(fd) != 0)
		fails |= 4;
	if (proc_has("kt-ns") != 1)
		fails |= 8;
	kt_set(fd);
	/* Keep it alive until the parent has looked. */
	sleep(1);
	return fails;
}

int main(void)
{
	int ev, status;
	pid_t pid;

	if (kt_dev() < 0)
		bail_out("cannot open %s: %s", KEVENT_DEVICE_PATH, strerror(errno));
	ev = kt_create("kt-ns", KEVENT_CREATE_MANUAL_RESET);
	pid = fork();
	if (!pid)
		_exit(child());
	usleep(300000);
	is_int(kt_state(ev), 0, "the other namespace's same-named event is a different event");
	waitpid(pid, &status, 0);
	ok(WIFEXITED(status), "child exited");
	status = WEXITSTATUS(status);
	ok(!(status & 0x80), "unshare(CLONE_NEWIPC) works");
	ok(!(status & 1), "another IPC namespace cannot open the name (ENOENT)");
	ok(!(status & 2), "another IPC namespace does not see it in /proc/kevent");
	ok(!(status & 4), "it can create the same name, as a new event");
	ok(!(status & 8), "its /proc/kevent lists its own event");
	is_int(proc_has("kt-ns"), 1, "the parent still lists its own event");
	ok(kt_open("kt-ns", KEVENT_ACCESS_ALL) >= 0, "and opens it");
	close(ev);
	return done();
}
