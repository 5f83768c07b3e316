// SPDX-License-Identifier: GPL-2.0
/*
 * A libkevent consumer built by tests/host/install/run.sh against an installed
 * copy with nothing but `pkg-config --cflags --libs kevent`. It runs on the
 * host, where the module is usually not loaded: it checks what works without
 * the kernel (argument checks, ENODEV) and, if /dev/kevent is there, a real
 * create/set/wait round trip.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <kevent.h>
#include <linux/kevent.h>	/* the installed uAPI header, via pkg-config */

static int failures;

static void check(int cond, const char *what)
{
	printf("%s - %s\n", cond ? "ok" : "not ok", what);
	if (!cond)
		failures++;
}

int main(void)
{
	int ev, err;

	check(KEV_NAME_MAX == KEVENT_NAME_MAX, "uAPI header found and agrees");
	check(kev_wait(0, -2) == -1 && errno == EINVAL,
	      "kev_wait rejects a negative timeout other than KEV_INFINITE");
	check(kev_wait_any(NULL, 0, 0) == -1 && errno == EINVAL,
	      "kev_wait_any rejects n = 0");
	check(kev_create("x", 1U << 31, 0, NULL) == -1 && errno == EINVAL,
	      "kev_create rejects unknown flags");

	ev = kev_create(NULL, KEV_MANUAL_RESET, 0, NULL);
	err = errno;
	if (ev < 0 && access(KEVENT_DEVICE_PATH, F_OK) != 0) {
		check(err == ENODEV, "kev_create without the module: ENODEV");
	} else {
		check(ev >= 0, "kev_create anonymous");
		check(kev_set(ev) == 0, "kev_set returns the previous state");
		check(kev_wait(ev, 0) == 0, "kev_wait on a signaled event");
		check(kev_close(ev) == 0, "kev_close");
	}
	printf("%s, version %s\n", failures ? "FAILED" : "PASSED",
	       KEV_VERSION_STRING);
	return failures ? 1 : 0;
}
