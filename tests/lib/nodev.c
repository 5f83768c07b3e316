// SPDX-License-Identifier: GPL-2.0
/*
 * Without /dev/kevent (as when the module is not loaded) kev_create,
 * kev_open and kev_unlink fail with ENODEV, not ENOENT, which would read as
 * "no such event"; waits and state changes on existing fds need no device.
 * The device is hidden by a tmpfs over /dev in a private mount namespace.
 */
#define _GNU_SOURCE
#include "lt.h"

#include <sched.h>
#include <sys/mount.h>

int main(void)
{
	int ev = kev_create(NULL, KEV_MANUAL_RESET, 0, NULL);

	if (ev < 0)
		bail_out("kev_create: %s", strerror(errno));
	if (unshare(CLONE_NEWNS) < 0 ||
	    mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0 ||
	    mount("none", "/dev", "tmpfs", 0, NULL) < 0)
		skip_all("cannot hide /dev/kevent: %s", strerror(errno));

	lt_fails(kev_create(NULL, 0, 0, NULL), ENODEV, "kev_create without /dev/kevent: ENODEV");
	lt_fails(kev_create("x", 0, 0, NULL), ENODEV, "named kev_create: ENODEV");
	lt_fails(kev_open("x", KEV_ACCESS_WAIT, 0), ENODEV, "kev_open: ENODEV");
	lt_fails(kev_unlink("x"), ENODEV, "kev_unlink: ENODEV");
	lt_is(kev_set(ev), 0, "kev_set on an existing fd needs no device");
	lt_is(kev_wait(ev, 0), 0, "kev_wait needs no device");
	lt_is(kev_state(ev), 1, "kev_state needs no device");
	kev_close(ev);
	return done();
}
