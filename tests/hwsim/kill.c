// SPDX-License-Identifier: GPL-2.0
/*
 * hwsim/kill: kill -9 of an application with requests pending (a blocked
 * WAIT_EVENT, a registered event fd, a named event, a queued message and
 * a delayed notify) cancels all of them and drops every event reference:
 * the driver's request count returns to what it was, and the named event
 * the driver held disappears (its name is free again). Repeated 20 times.
 */
#include "hw.h"

static pid_t app(const char *name, int ready)
{
	pid_t pid = fork();

	if (pid == 0) {
		int hw = hw_open();
		int ev = kev_create(NULL, 0, 0, NULL);
		int nev = kev_create(name, 0, 0600, NULL);
		int r = 0;

		r |= hw_register(hw, ev, 0, 30000 * MS);
		r |= hw_named(hw, name, 1, 30000 * MS);
		r |= hw_queue(hw, 2, 30000 * MS, 1);
		r |= hw_notify(hw, 0, 30000 * MS);
		(void)nev;
		if (write(ready, r ? "e" : "k", 1) != 1)
			_exit(1);
		hw_wait(hw, 0, 30000 * MS, 2, NULL);	/* blocks until killed */
		_exit(2);
	}
	return pid;
}

int main(void)
{
	const char *name = hw_name("kill");
	int p[2], i, bad_setup = 0, bad_count = 0, bad_name = 0;
	long long base, during = 0;
	char c;

	plan(5);
	base = hw_info().requests;
	if (pipe(p))
		bail_out("pipe");
	for (i = 0; i < 20; i++) {
		pid_t pid = app(name, p[1]);
		int st, fd;

		if (read(p[0], &c, 1) != 1 || c != 'k')
			bad_setup++;
		sleep_ms(20);	/* let it block in WAIT_EVENT */
		if (i == 0)
			during = hw_info().requests;
		kill(pid, SIGKILL);
		waitpid(pid, &st, 0);
		if (!WIFSIGNALED(st))
			bad_setup++;
		if (hw_requests_settle(base) != base)
			bad_count++;
		fd = kev_open(name, KEV_ACCESS_WAIT, 0);
		if (fd >= 0 || errno != ENOENT) {
			bad_name++;
			if (fd >= 0)
				close(fd);
		}
	}
	is_int(bad_setup, 0, "each application armed its requests and died of SIGKILL");
	is_int(during, base + 5, "five requests were pending while it lived");
	is_int(bad_count, 0, "after each kill, no request is left");
	is_int(bad_name, 0, "after each kill, the named event is gone (no reference kept)");
	is_int(hw_requests_settle(base), base, "request count back to %lld", base);
	return done();
}
