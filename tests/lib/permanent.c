// SPDX-License-Identifier: GPL-2.0
/*
 * KEV_PERMANENT and kev_unlink: a permanent event survives its last handle
 * until unlinked; kev_unlink makes it temporary again, so it and its name
 * then live as long as handles do. Runs as root (CAP_SYS_ADMIN).
 */
#include "lt.h"

int main(void)
{
	const char *name = lt_name("perm");
	int ev, ev2, existed;

	if (geteuid() != 0)
		skip_all("KEV_PERMANENT needs CAP_SYS_ADMIN");

	lt_fails(kev_unlink(NULL), EINVAL, "unlink NULL: EINVAL");
	lt_fails(kev_unlink(""), EINVAL, "unlink \"\": EINVAL");
	lt_fails(kev_unlink(name), ENOENT, "unlink a missing name: ENOENT");

	ev = kev_create(name, KEV_PERMANENT | KEV_MANUAL_RESET, 0, &existed);
	ok(ev >= 0 && existed == 0, "permanent event created");
	lt_is(kev_set(ev), 0, "set it");
	kev_close(ev);

	ev = kev_open(name, KEV_ACCESS_ALL, 0);
	ok(ev >= 0, "it survives its last handle");
	lt_is(kev_state(ev), 1, "... with its state");

	/* Unlink makes it temporary again (ZwMakeTemporaryObject). */
	lt_is(kev_unlink(name), 0, "kev_unlink");
	ev2 = kev_open(name, KEV_ACCESS_WAIT, 0);
	ok(ev2 >= 0, "the name lives on while a handle is open");
	lt_is(kev_state(ev2), 1, "... naming the same event");
	kev_close(ev2);
	lt_fails(kev_unlink(name), EINVAL, "unlink again (now temporary): EINVAL");
	lt_is(kev_reset(ev), 1, "the open handle still works");
	kev_close(ev);
	lt_fails(kev_open(name, KEV_ACCESS_WAIT, 0), ENOENT,
		 "the name is gone with the last handle");
	lt_fails(kev_unlink(name), ENOENT, "unlink then: ENOENT");

	ev = kev_create(name, 0, 0, &existed);
	ok(ev >= 0 && existed == 0, "the name can be created afresh");
	lt_is(kev_state(ev), 0, "... as a new event");
	lt_fails(kev_unlink(name), EINVAL, "unlink a temporary event: EINVAL");
	kev_close(ev);

	/* Unlinking a permanent event with no handle open destroys it at once. */
	ev = kev_create(name, KEV_PERMANENT, 0, NULL);
	kev_close(ev);
	lt_is(kev_unlink(name), 0, "unlink a permanent event with no handle");
	lt_fails(kev_open(name, KEV_ACCESS_WAIT, 0), ENOENT, "... is gone at once");

	/* Opening a temporary event with KEV_PERMANENT makes it permanent. */
	ev = kev_create(name, 0, 0, NULL);
	ev2 = kev_create(name, KEV_PERMANENT, 0, &existed);
	ok(ev2 >= 0 && existed == 1, "KEV_PERMANENT on an existing temporary event");
	kev_close(ev2);
	kev_close(ev);
	ev = kev_open(name, KEV_ACCESS_WAIT, 0);
	ok(ev >= 0, "... made it permanent");
	kev_close(ev);
	lt_is(kev_unlink(name), 0, "unlink it");
	return done();
}
