// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libkevent: operations on one event fd - set, reset, pulse, query, close.
 */
#include <errno.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "internal.h"

/* SET, RESET and PULSE store the previous state (0 or 1) at their argument. */
static int change_state(int ev, unsigned long cmd)
{
	__u32 prev = 0;

	if (ioctl(ev, cmd, &prev) < 0)
		return -1;
	return prev ? 1 : 0;
}

int kev_set(int ev)
{
	return change_state(ev, KEVENT_IOC_SET);
}

int kev_reset(int ev)
{
	return change_state(ev, KEVENT_IOC_RESET);
}

int kev_pulse(int ev)
{
	return change_state(ev, KEVENT_IOC_PULSE);
}

static int query(int ev, struct kevent_query_args *q)
{
	memset(q, 0, sizeof(*q));
	return ioctl(ev, KEVENT_IOC_QUERY, q) < 0 ? -1 : 0;
}

int kev_state(int ev)
{
	struct kevent_query_args q;

	if (query(ev, &q) < 0)
		return -1;
	return q.state ? 1 : 0;
}

int kev_is_manual(int ev)
{
	struct kevent_query_args q;

	if (query(ev, &q) < 0)
		return -1;
	return q.type == KEVENT_TYPE_NOTIFICATION;
}

int kev_close(int ev)
{
	return close(ev);
}
