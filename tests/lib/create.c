// SPDX-License-Identifier: GPL-2.0
/*
 * kev_create: anonymous and named events, flags, mode, the existed flag,
 * name rules and the lifetime of a temporary named event.
 */
#include "lt.h"

static void test_anonymous(void)
{
	int ev, existed = 7;

	ev = kev_create(NULL, 0, 0, &existed);
	ok(ev >= 0, "anonymous event created");
	is_int(existed, 0, "anonymous: *existed is 0");
	lt_is(kev_is_manual(ev), 0, "default type is auto-reset");
	lt_is(kev_state(ev), 0, "default state is nonsignaled");
	kev_close(ev);

	ev = kev_create(NULL, KEV_MANUAL_RESET | KEV_INITIAL_SET, 0, NULL);
	ok(ev >= 0, "anonymous manual-reset, initially set (existed NULL)");
	lt_is(kev_is_manual(ev), 1, "KEV_MANUAL_RESET gives a manual-reset event");
	lt_is(kev_state(ev), 1, "KEV_INITIAL_SET starts signaled");
	kev_close(ev);

	ev = kev_create(NULL, KEV_CREATE_NEW, 0, NULL);
	ok(ev >= 0, "anonymous with KEV_CREATE_NEW is fine");
	kev_close(ev);
	ok((fcntl(ev, F_GETFD) == -1 && errno == EBADF), "kev_close closed the fd");
	lt_fails(kev_close(ev), EBADF, "kev_close twice: EBADF");
}

static void test_bad_args(void)
{
	const char *name = lt_name("bad");
	char longname[KEV_NAME_MAX + 2];
	char prefixed[KEV_NAME_MAX + 16];

	lt_fails(kev_create(name, 1U << 5, 0, NULL), EINVAL, "unknown flag bit 5: EINVAL");
	lt_fails(kev_create(name, 1U << 31, 0, NULL), EINVAL, "unknown flag bit 31: EINVAL");
	lt_fails(kev_create(NULL, 0x40, 0, NULL), EINVAL, "unknown flag, anonymous: EINVAL");
	lt_fails(kev_create(name, 0, 01000, NULL), EINVAL, "mode with the sticky bit: EINVAL");
	lt_fails(kev_create(name, 0, 0100600, NULL), EINVAL, "mode with file-type bits: EINVAL");
	lt_fails(kev_create(NULL, KEV_PERMANENT, 0, NULL), EINVAL,
		 "KEV_PERMANENT without a name: EINVAL");
	lt_fails(kev_create("", 0, 0, NULL), EINVAL, "empty name: EINVAL");
	lt_fails(kev_create("a\\b", 0, 0, NULL), EINVAL, "backslash in a name: EINVAL");
	lt_fails(kev_create("Global\\", 0, 0, NULL), EINVAL,
		 "a bare Global\\ prefix: EINVAL");

	memset(longname, 'x', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	lt_fails(kev_create(longname, 0, 0, NULL), ENAMETOOLONG,
		 "%d-byte name: ENAMETOOLONG", KEV_NAME_MAX + 1);
	longname[KEV_NAME_MAX] = '\0';
	{
		int ev = kev_create(longname, 0, 0, NULL);

		ok(ev >= 0, "%d-byte name is accepted", KEV_NAME_MAX);
		if (ev >= 0)
			kev_close(ev);
	}
	snprintf(prefixed, sizeof(prefixed), "Global\\%s", longname);
	{
		int ev = kev_create(prefixed, 0, 0, NULL);

		ok(ev >= 0, "Global\\ + %d bytes is accepted (the prefix does not count)",
		   KEV_NAME_MAX);
		if (ev >= 0)
			kev_close(ev);
	}
}

static void test_named(void)
{
	const char *name = lt_name("named");
	char global[128], local[128], upper[128];
	int ev, ev2, ev3, existed = 7;

	ev = kev_create(name, KEV_MANUAL_RESET, 0644, &existed);
	ok(ev >= 0, "named event created");
	is_int(existed, 0, "new event: *existed is 0");

	existed = 7;
	ev2 = kev_create(name, KEV_INITIAL_SET, 0600, &existed);
	ok(ev2 >= 0, "create of an existing name opens it");
	is_int(existed, 1, "existing event: *existed is 1");
	lt_is(kev_is_manual(ev2), 1, "existing event keeps its type");
	lt_is(kev_state(ev2), 0, "existing event keeps its state (KEV_INITIAL_SET ignored)");
	lt_is(kev_set(ev2), 0, "set through the second handle");
	lt_is(kev_state(ev), 1, "... is seen through the first: same event");

	existed = 7;
	lt_fails(kev_create(name, KEV_CREATE_NEW, 0, &existed), EEXIST,
		 "KEV_CREATE_NEW on an existing name: EEXIST");
	is_int(existed, 7, "*existed untouched on failure");

	snprintf(global, sizeof(global), "Global\\%s", name);
	snprintf(local, sizeof(local), "Local\\%s", name);
	ev3 = kev_create(global, 0, 0, &existed);
	ok(ev3 >= 0 && existed == 1, "Global\\ prefix names the same event");
	kev_close(ev3);
	ev3 = kev_open(local, KEV_ACCESS_WAIT, 0);
	ok(ev3 >= 0, "Local\\ prefix names the same event");
	kev_close(ev3);

	snprintf(upper, sizeof(upper), "LT-NAMED-%ld", (long)getpid());
	ev3 = kev_create(upper, 0, 0, &existed);
	ok(ev3 >= 0 && existed == 0, "names are case-sensitive");
	kev_close(ev3);

	kev_close(ev2);
	kev_close(ev);
	lt_fails(kev_open(name, KEV_ACCESS_WAIT, 0), ENOENT,
		 "temporary event is gone with its last handle");
	ev = kev_create(name, 0, 0, &existed);
	ok(ev >= 0 && existed == 0, "... and the name can be created afresh");
	lt_is(kev_is_manual(ev), 0, "... with the new type");
	kev_close(ev);
}

int main(void)
{
	test_anonymous();
	test_bad_args();
	test_named();
	return done();
}
