/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * kevent_hwsim: the hardware-event demo driver (/dev/kevent-hwsim).
 *
 * Microsoft's "Hardware Event" sample for kevent: a timer stands in for the
 * hardware interrupt, and the driver tells the application about each
 * "hardware event" in one of four ways:
 *
 *   REGISTER_EVENT  event-based: the driver references the application's
 *                   event fd and sets the event when the timer fires
 *   WAIT_EVENT      pending request: the ioctl blocks until the timer fires
 *                   and returns a message; QUEUE_REQUEST is its asynchronous
 *                   (overlapped) form: the message is then read() from the
 *                   device fd, which poll()s readable while one is queued
 *   SIGNAL_NAMED    named: the driver opens the application's named event
 *                   (in the caller's IPC namespace) and sets it
 *   NOTIFY          notifier: kevent_notify_index() on the module's
 *                   kevent_notifier (module parameter notify_names=a,b,c)
 *
 * Closing the device fd cancels every request of that file and drops every
 * event reference the driver took for it.
 *
 * Every structure has the same layout for 32- and 64-bit callers (fixed-size
 * fields, naturally aligned, sizes a multiple of 8). Reserved fields must be
 * zero on input (EINVAL otherwise) and are zero on output.
 *
 * The device is root-only (mode 0600): SIGNAL_NAMED and NOTIFY act on event
 * names with a kernel driver's rights, without the caller's permission
 * checks.
 */
#ifndef _UAPI_LINUX_KEVENT_HWSIM_H
#define _UAPI_LINUX_KEVENT_HWSIM_H

#include <linux/ioctl.h>
#include <linux/types.h>

#define KEVENT_HWSIM_DEVICE_PATH	"/dev/kevent-hwsim"

/* The longest delay a request may ask for: one hour. */
#define KEVENT_HWSIM_MAX_DELAY_NS	(3600ULL * 1000000000ULL)
/* Requests (armed or with an unread message) per open file. */
#define KEVENT_HWSIM_MAX_REQUESTS	1024
/* SIGNAL_NAMED name buffer: "Global\" + KEVENT_NAME_MAX bytes + NUL, rounded up. */
#define KEVENT_HWSIM_NAME_SIZE		264

/*
 * Where the simulated interrupt runs (the @context of a request):
 *   HARDIRQ  an hrtimer in HRTIMER_MODE_REL_HARD: hardirq context, like a
 *            device's interrupt handler (the default)
 *   SOFTIRQ  an hrtimer in HRTIMER_MODE_REL_SOFT: softirq context, like a
 *            timer DPC
 *   IRQSOFF  a delayed work item that acts inside local_irq_save(): task
 *            context with interrupts disabled
 */
#define KEVENT_HWSIM_CTX_HARDIRQ	0
#define KEVENT_HWSIM_CTX_SOFTIRQ	1
#define KEVENT_HWSIM_CTX_IRQSOFF	2

/* kevent_hwsim_msg.source: which request produced the message. */
#define KEVENT_HWSIM_SOURCE_WAIT	1	/* WAIT_EVENT */
#define KEVENT_HWSIM_SOURCE_QUEUE	2	/* QUEUE_REQUEST */

/* kevent_hwsim_msg.flags: the context the timer actually ran in. */
#define KEVENT_HWSIM_MSG_HARDIRQ	(1U << 0)	/* in hardirq context */
#define KEVENT_HWSIM_MSG_SOFTIRQ	(1U << 1)	/* in softirq context */
#define KEVENT_HWSIM_MSG_IRQS_OFF	(1U << 2)	/* interrupts were disabled */

/**
 * struct kevent_hwsim_msg - a completed request's message
 * @seq:          sequence number, per open file, from 1 in firing order
 * @timestamp_ns: CLOCK_MONOTONIC time at which the timer fired
 * @armed_ns:     CLOCK_MONOTONIC time at which the request was armed
 * @cookie:       the request's cookie, returned unchanged
 * @source:       KEVENT_HWSIM_SOURCE_*
 * @flags:        KEVENT_HWSIM_MSG_*
 * @reserved:     zero
 */
struct kevent_hwsim_msg {
	__u64 seq;
	__u64 timestamp_ns;
	__u64 armed_ns;
	__u64 cookie;
	__u32 source;
	__u32 flags;
	__u64 reserved[2];
};

/**
 * struct kevent_hwsim_register - KEVENT_HWSIM_IOC_REGISTER_EVENT argument
 * @fd:       a kevent fd of the caller with KEVENT_ACCESS_MODIFY
 * @context:  KEVENT_HWSIM_CTX_*
 * @delay_ns: relative delay, at most KEVENT_HWSIM_MAX_DELAY_NS
 * @reserved: zero
 */
struct kevent_hwsim_register {
	__s32 fd;
	__u32 context;
	__u64 delay_ns;
	__u64 reserved[2];
};

/**
 * struct kevent_hwsim_wait - KEVENT_HWSIM_IOC_WAIT_EVENT argument
 * @delay_ns:  relative delay, at most KEVENT_HWSIM_MAX_DELAY_NS
 * @context:   KEVENT_HWSIM_CTX_*
 * @reserved0: zero
 * @cookie:    copied into @msg.cookie
 * @reserved:  zero
 * @msg:       out: the message (input ignored)
 */
struct kevent_hwsim_wait {
	__u64 delay_ns;
	__u32 context;
	__u32 reserved0;
	__u64 cookie;
	__u64 reserved[2];
	struct kevent_hwsim_msg msg;
};

/**
 * struct kevent_hwsim_queue - KEVENT_HWSIM_IOC_QUEUE_REQUEST argument
 * @delay_ns:  relative delay, at most KEVENT_HWSIM_MAX_DELAY_NS
 * @context:   KEVENT_HWSIM_CTX_*
 * @reserved0: zero
 * @cookie:    copied into the message
 * @reserved:  zero
 */
struct kevent_hwsim_queue {
	__u64 delay_ns;
	__u32 context;
	__u32 reserved0;
	__u64 cookie;
	__u64 reserved[2];
};

/**
 * struct kevent_hwsim_named - KEVENT_HWSIM_IOC_SIGNAL_NAMED argument
 * @delay_ns:  relative delay, at most KEVENT_HWSIM_MAX_DELAY_NS
 * @context:   KEVENT_HWSIM_CTX_*
 * @reserved0: zero
 * @name:      the event's name, NUL-terminated, in the caller's IPC namespace
 * @reserved:  zero
 */
struct kevent_hwsim_named {
	__u64 delay_ns;
	__u32 context;
	__u32 reserved0;
	char name[KEVENT_HWSIM_NAME_SIZE];
	__u64 reserved[2];
};

/**
 * struct kevent_hwsim_notify - KEVENT_HWSIM_IOC_NOTIFY argument
 * @index:     index into notify_names, 0 to count - 1
 * @reserved0: zero
 * @delay_ns:  0: notify now and return kevent_notify_index()'s result;
 *             else notify from a work item after the delay (the ioctl
 *             returns 0 at once, after checking @index)
 * @reserved:  zero
 */
struct kevent_hwsim_notify {
	__u32 index;
	__u32 reserved0;
	__u64 delay_ns;
	__u64 reserved[2];
};

/**
 * struct kevent_hwsim_info - KEVENT_HWSIM_IOC_INFO result (module-wide)
 * @notify_count:    names in notify_names (0: no notifier)
 * @reserved0:       zero
 * @notify_lookups:  kevent_notifier_lookups() of the notifier
 * @requests:        requests alive now, all files together
 * @sets_hardirq:    events set from hardirq context
 * @sets_softirq:    events set from softirq context
 * @sets_irqsoff:    events set from task context with interrupts disabled
 * @notifies:        kevent_notify_index() calls that returned 0
 * @notify_errors:   kevent_notify_index() calls that failed
 * @last_set_ns:     CLOCK_MONOTONIC time of the last kevent_set() a request's
 *                   timer made (REGISTER_EVENT, SIGNAL_NAMED), just before
 *                   the call: with the time a waiter woke, the latency of
 *                   the wake-up (make vm-bench)
 * @reserved:        zero
 */
struct kevent_hwsim_info {
	__u32 notify_count;
	__u32 reserved0;
	__u64 notify_lookups;
	__u64 requests;
	__u64 sets_hardirq;
	__u64 sets_softirq;
	__u64 sets_irqsoff;
	__u64 notifies;
	__u64 notify_errors;
	__u64 last_set_ns;
	__u64 reserved[3];
};

#define KEVENT_HWSIM_IOC_MAGIC	0xE8

/* Errors: EBADF (closed fd), EINVAL (not a kevent fd, bad field), EACCES (no MODIFY). */
#define KEVENT_HWSIM_IOC_REGISTER_EVENT \
	_IOW(KEVENT_HWSIM_IOC_MAGIC, 0x00, struct kevent_hwsim_register)
/* Blocks until the timer fires; EINTR on a signal (the timer is cancelled). */
#define KEVENT_HWSIM_IOC_WAIT_EVENT \
	_IOWR(KEVENT_HWSIM_IOC_MAGIC, 0x01, struct kevent_hwsim_wait)
/* Returns at once; read() then returns a struct kevent_hwsim_msg. */
#define KEVENT_HWSIM_IOC_QUEUE_REQUEST \
	_IOW(KEVENT_HWSIM_IOC_MAGIC, 0x02, struct kevent_hwsim_queue)
/* ENOENT if no event has that name. */
#define KEVENT_HWSIM_IOC_SIGNAL_NAMED \
	_IOW(KEVENT_HWSIM_IOC_MAGIC, 0x03, struct kevent_hwsim_named)
/* ENODEV without a notifier, EINVAL for an index out of range, ENOENT (no such event). */
#define KEVENT_HWSIM_IOC_NOTIFY \
	_IOW(KEVENT_HWSIM_IOC_MAGIC, 0x04, struct kevent_hwsim_notify)
#define KEVENT_HWSIM_IOC_INFO \
	_IOR(KEVENT_HWSIM_IOC_MAGIC, 0x05, struct kevent_hwsim_info)

#endif /* _UAPI_LINUX_KEVENT_HWSIM_H */
