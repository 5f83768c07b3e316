/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libkevent: NT-style named kernel events (KEVENT) for Linux applications.
 *
 * A small Win32-flavoured API over the kevent module's ioctls
 * (<linux/kevent.h>). Every event is a plain file descriptor: close it with
 * kev_close() or close(), pass it across fork/exec/SCM_RIGHTS, and poll or
 * epoll it (it is readable while signaled).
 *
 * Conventions: every function returns -1 and sets errno on failure.
 * man 3 libkevent documents each function and its errors.
 *
 * This header (with kevent_version.h) is self-contained on purpose: the KEV_* constants are the
 * library's own and are mapped to the kernel's KEVENT_* values inside the
 * library, so a consumer needs no kernel uAPI header on its include path.
 */
#ifndef KEVENT_H
#define KEVENT_H

#include <sys/types.h>
#include <time.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * KEV_VERSION_MAJOR, _MINOR, _PATCH and KEV_VERSION_STRING: generated from
 * the project's VERSION file, installed next to this header.
 */
#include "kevent_version.h"

/* timeout_ms: wait forever. */
#define KEV_INFINITE		(-1)

/* Limits (the kernel's KEVENT_NAME_MAX and KEVENT_WAIT_MAX). */
#define KEV_NAME_MAX		255	/* bytes, without the terminating NUL */
#define KEV_WAIT_MAX		64	/* events in one kev_wait_any/all call */

/* kev_create() flags. */
#define KEV_MANUAL_RESET	(1U << 0)	/* notification event; default is synchronization */
#define KEV_INITIAL_SET		(1U << 1)	/* start signaled */
#define KEV_CREATE_NEW		(1U << 2)	/* fail with EEXIST if the name exists */
#define KEV_PERMANENT		(1U << 3)	/* privileged: survives its last handle until kev_unlink */
#define KEV_INHERIT		(1U << 4)	/* do not set close-on-exec (kev_create and kev_open) */

/* kev_open() access rights. */
#define KEV_ACCESS_WAIT		(1U << 0)	/* wait, poll, query (fd is readable) */
#define KEV_ACCESS_MODIFY	(1U << 1)	/* set, reset, pulse (fd is writable) */
#define KEV_ACCESS_ALL		(KEV_ACCESS_WAIT | KEV_ACCESS_MODIFY)

/*
 * Create an event, or open the existing event of that name (unless
 * KEV_CREATE_NEW). name NULL creates an anonymous event. mode 0 means 0600.
 * *existed (if existed is not NULL) is set to 1 when an existing named event
 * was opened, else 0. Returns the new event fd, with all access rights.
 */
int kev_create(const char *name, unsigned int flags, mode_t mode, int *existed);

/* Open an existing named event with the KEV_ACCESS_* rights asked for. */
int kev_open(const char *name, unsigned int access, unsigned int flags);

/* Change the state; each returns the previous state, 0 or 1. */
int kev_set(int ev);
int kev_reset(int ev);
int kev_pulse(int ev);

/* The current state (0 or 1), and whether ev is a manual-reset event. */
int kev_state(int ev);
int kev_is_manual(int ev);

/*
 * Waits. timeout_ms is relative (0 polls) or KEV_INFINITE. kev_wait returns
 * 0, kev_wait_any the lowest index of a signaled event, kev_wait_all 0. A
 * timeout fails with ETIMEDOUT, a signal handler without SA_RESTART with
 * EINTR (other signals restart the wait). n is 1..KEV_WAIT_MAX.
 */
int kev_wait(int ev, int timeout_ms);
int kev_wait_any(const int *evs, unsigned int n, int timeout_ms);
int kev_wait_all(const int *evs, unsigned int n, int timeout_ms);

/*
 * Set set_ev, then wait on wait_ev, in one call (Win32 SignalObjectAndWait):
 * the cheapest hand-off between two threads or processes. The set is done
 * only once the wait is known to be valid: an error other than ETIMEDOUT
 * and EINTR means nothing was set, unless the wait was restarted after a
 * signal (man 3 libkevent). Since 1.1.0 (kernel and library).
 */
int kev_set_and_wait(int set_ev, int wait_ev, int timeout_ms);

/* The same with an absolute deadline on CLOCK_MONOTONIC or CLOCK_REALTIME. */
int kev_wait_any_until(const int *evs, unsigned int n, clockid_t clock,
		       const struct timespec *deadline);
int kev_wait_all_until(const int *evs, unsigned int n, clockid_t clock,
		       const struct timespec *deadline);

/* Make a permanent event temporary again: it dies with its last handle. */
int kev_unlink(const char *name);

/* Close an event fd (same as close(2)). */
int kev_close(int ev);

#ifdef __cplusplus
}
#endif

#endif /* KEVENT_H */
