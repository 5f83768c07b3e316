// SPDX-License-Identifier: GPL-2.0
/*
 * kev_open: access rights, flags, ENOENT, and that every operation checks
 * the right it needs (EBADF otherwise), like read/write on a file.
 */
#include "lt.h"

#include <sys/stat.h>

int main(void)
{
	const char *name = lt_name("open");
	int ev, w, m, a;

	lt_fails(kev_open(name, KEV_ACCESS_WAIT, 0), ENOENT, "missing name: ENOENT");
	lt_fails(kev_open(NULL, KEV_ACCESS_WAIT, 0), EINVAL, "NULL name: EINVAL");
	lt_fails(kev_open("", KEV_ACCESS_WAIT, 0), EINVAL, "empty name: EINVAL");

	ev = kev_create(name, KEV_MANUAL_RESET, 0, NULL);
	if (ev < 0)
		bail_out("kev_create: %s", strerror(errno));

	lt_fails(kev_open(name, 0, 0), EINVAL, "access 0: EINVAL");
	lt_fails(kev_open(name, 1U << 2, 0), EINVAL, "unknown access bit: EINVAL");
	lt_fails(kev_open(name, KEV_ACCESS_ALL | (1U << 7), 0), EINVAL,
		 "ALL plus an unknown access bit: EINVAL");
	lt_fails(kev_open(name, KEV_ACCESS_WAIT, KEV_MANUAL_RESET), EINVAL,
		 "kev_open flag other than KEV_INHERIT: EINVAL");
	lt_fails(kev_open(name, KEV_ACCESS_WAIT, 1U << 31), EINVAL,
		 "unknown kev_open flag: EINVAL");

	w = kev_open(name, KEV_ACCESS_WAIT, 0);
	m = kev_open(name, KEV_ACCESS_MODIFY, 0);
	a = kev_open(name, KEV_ACCESS_ALL, 0);
	ok(w >= 0 && m >= 0 && a >= 0, "open with WAIT, MODIFY and ALL");

	is_int(fcntl(w, F_GETFL) & O_ACCMODE, O_RDONLY, "WAIT handle is read-only");
	is_int(fcntl(m, F_GETFL) & O_ACCMODE, O_WRONLY, "MODIFY handle is write-only");
	is_int(fcntl(a, F_GETFL) & O_ACCMODE, O_RDWR, "ALL handle is read-write");
	is_int(fcntl(ev, F_GETFL) & O_ACCMODE, O_RDWR, "kev_create handle is read-write");

	/* WAIT only: query and wait work, changes fail. */
	lt_fails(kev_set(w), EBADF, "set on a WAIT handle: EBADF");
	lt_fails(kev_reset(w), EBADF, "reset on a WAIT handle: EBADF");
	lt_fails(kev_pulse(w), EBADF, "pulse on a WAIT handle: EBADF");
	lt_is(kev_state(w), 0, "state on a WAIT handle");
	lt_is(kev_is_manual(w), 1, "is_manual on a WAIT handle");

	/* MODIFY only: changes work, query and wait fail. */
	lt_is(kev_set(m), 0, "set on a MODIFY handle");
	lt_is(kev_reset(m), 1, "reset on a MODIFY handle");
	lt_is(kev_pulse(m), 0, "pulse on a MODIFY handle");
	lt_fails(kev_state(m), EBADF, "state on a MODIFY handle: EBADF");
	lt_fails(kev_is_manual(m), EBADF, "is_manual on a MODIFY handle: EBADF");
	lt_fails(kev_wait(m, 0), EBADF, "wait on a MODIFY handle: EBADF");
	{
		int evs[2] = { w, m };

		lt_fails(kev_wait_any(evs, 2, 0), EBADF,
			 "wait-any with a MODIFY handle second: EBADF");
	}

	/* ALL. */
	lt_is(kev_set(a), 0, "set on an ALL handle");
	lt_is(kev_wait(a, 0), 0, "wait on an ALL handle");
	lt_is(kev_wait(w, 0), 0, "wait on a WAIT handle sees it");

	/* The rights travel with the fd, as for files. */
	{
		int d = dup(m);

		lt_fails(kev_state(d), EBADF, "a dup of a MODIFY handle has no WAIT right");
		close(d);
	}

	kev_close(w);
	kev_close(m);
	kev_close(a);
	kev_close(ev);
	return done();
}
