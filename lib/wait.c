// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libkevent: waits on one or more events, with relative or absolute timeouts.
 *
 * Every wait is a KEVENT_IOC_WAIT issued on the first event fd, which the
 * kernel accepts on any event fd: waiting needs no /dev/kevent and no extra
 * file descriptor.
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <sys/ioctl.h>

#include "internal.h"

#define NSEC_PER_MSEC	1000000ULL
#define NSEC_PER_SEC	1000000000ULL

/* The largest deadline in seconds that fits in __u64 nanoseconds. */
#define DEADLINE_SEC_MAX ((KEVENT_TIMEOUT_INFINITE - NSEC_PER_SEC) / NSEC_PER_SEC)

static int do_wait(const int *evs, unsigned int n, __u64 timeout,
		   unsigned int flags, int signal_fd)
{
	struct kevent_wait_args args;

	if (!evs || n == 0 || n > KEVENT_WAIT_MAX) {
		errno = EINVAL;
		return -1;
	}

	memset(&args, 0, sizeof(args));
	args.timeout = timeout;
	args.fds = (uintptr_t)evs;
	args.count = n;
	args.flags = flags;
	if (flags & KEVENT_WAIT_SIGNAL)
		args.signal_fd = signal_fd;
	if (ioctl(evs[0], KEVENT_IOC_WAIT, &args) < 0) {
		/*
		 * ENOTTY: evs[0] is some other file, whose driver never saw
		 * the wait. The kernel reports a non-event anywhere else in
		 * the array as EINVAL; say the same for the first one.
		 */
		if (errno == ENOTTY)
			errno = EINVAL;
		return -1;
	}
	return (flags & KEVENT_WAIT_ALL) ? 0 : (int)args.index;
}

/* A relative timeout in ms, or -1 for ever, into the kernel's nanoseconds. */
static int rel_timeout(int timeout_ms, __u64 *ns)
{
	if (timeout_ms == KEV_INFINITE) {
		*ns = KEVENT_TIMEOUT_INFINITE;
		return 0;
	}
	if (timeout_ms < 0) {
		errno = EINVAL;
		return -1;
	}
	*ns = (__u64)timeout_ms * NSEC_PER_MSEC;
	return 0;
}

/*
 * An absolute deadline into nanoseconds and wait flags. A NULL deadline
 * waits for ever. A deadline beyond what 64-bit nanoseconds can hold (year
 * 2554) is as good as for ever, so it is clamped rather than refused.
 */
static int abs_timeout(clockid_t clock, const struct timespec *deadline,
		       __u64 *ns, unsigned int *flags)
{
	if (clock == CLOCK_MONOTONIC)
		*flags |= KEVENT_WAIT_ABSOLUTE;
	else if (clock == CLOCK_REALTIME)
		*flags |= KEVENT_WAIT_ABSOLUTE | KEVENT_WAIT_REALTIME;
	else
		goto invalid;

	if (!deadline) {
		*ns = KEVENT_TIMEOUT_INFINITE;
		return 0;
	}
	if (deadline->tv_sec < 0 || deadline->tv_nsec < 0 ||
	    deadline->tv_nsec >= (long)NSEC_PER_SEC)
		goto invalid;
	if ((__u64)deadline->tv_sec > DEADLINE_SEC_MAX)
		*ns = KEVENT_TIMEOUT_INFINITE;
	else
		*ns = (__u64)deadline->tv_sec * NSEC_PER_SEC + deadline->tv_nsec;
	return 0;

invalid:
	errno = EINVAL;
	return -1;
}

int kev_wait(int ev, int timeout_ms)
{
	__u64 ns;

	if (rel_timeout(timeout_ms, &ns) < 0)
		return -1;
	return do_wait(&ev, 1, ns, 0, -1) < 0 ? -1 : 0;
}

int kev_wait_any(const int *evs, unsigned int n, int timeout_ms)
{
	__u64 ns;

	if (rel_timeout(timeout_ms, &ns) < 0)
		return -1;
	return do_wait(evs, n, ns, 0, -1);
}

int kev_wait_all(const int *evs, unsigned int n, int timeout_ms)
{
	__u64 ns;

	if (rel_timeout(timeout_ms, &ns) < 0)
		return -1;
	return do_wait(evs, n, ns, KEVENT_WAIT_ALL, -1);
}

int kev_wait_any_until(const int *evs, unsigned int n, clockid_t clock,
		       const struct timespec *deadline)
{
	unsigned int flags = 0;
	__u64 ns;

	if (abs_timeout(clock, deadline, &ns, &flags) < 0)
		return -1;
	return do_wait(evs, n, ns, flags, -1);
}

int kev_wait_all_until(const int *evs, unsigned int n, clockid_t clock,
		       const struct timespec *deadline)
{
	unsigned int flags = KEVENT_WAIT_ALL;
	__u64 ns;

	if (abs_timeout(clock, deadline, &ns, &flags) < 0)
		return -1;
	return do_wait(evs, n, ns, flags, -1);
}

int kev_set_and_wait(int set_ev, int wait_ev, int timeout_ms)
{
	__u64 ns;

	if (rel_timeout(timeout_ms, &ns) < 0)
		return -1;
	return do_wait(&wait_ev, 1, ns, KEVENT_WAIT_SIGNAL, set_ev) < 0 ? -1 : 0;
}
