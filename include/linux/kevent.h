/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kevent: NT-style kernel events - the API for other kernel modules.
 *
 * An event is a refcounted struct kevent. Drivers create or open named
 * events (kevent_create_notification(), kevent_open(), ...), or take a
 * reference on an event an application handed them as a file descriptor
 * (kevent_get_from_fd(), the ObReferenceObjectByHandle analog). Set, pulse,
 * clear, read and put work from any context, hardirq and IRQs-off included;
 * waits are for process context (kernel threads, ioctl handlers).
 *
 * Kernel callers are trusted: name lookups made through this API skip the
 * owner/mode permission checks that user space is subject to, and are not
 * charged to a user's event limit.
 *
 * See docs/kernel-api.md for a complete consumer module.
 */
#ifndef _LINUX_KEVENT_H
#define _LINUX_KEVENT_H

#include <linux/bits.h>
#include <linux/types.h>
#include <uapi/linux/kevent.h>

struct kevent;
struct ipc_namespace;

/* Kernel-only kevent_wait*() flag: wait interruptibly (signals end the wait). */
#define KEVENT_WAIT_INTERRUPTIBLE	BIT(31)

/* Default mode of events created by kevent_create_{notification,synchronization}(). */
#define KEVENT_KERNEL_MODE		0644

struct kevent *kevent_create(const char *name, u32 flags, umode_t mode,
			     struct ipc_namespace *ipc_ns, bool *existed);
struct kevent *kevent_create_notification(const char *name);
struct kevent *kevent_create_synchronization(const char *name);
struct kevent *kevent_open(const char *name, struct ipc_namespace *ipc_ns);
struct kevent *kevent_get_from_fd(int fd, u32 access);
struct kevent *kevent_get(struct kevent *ev);
void kevent_put(struct kevent *ev);

int kevent_set(struct kevent *ev);
int kevent_reset(struct kevent *ev);
void kevent_clear(struct kevent *ev);
int kevent_pulse(struct kevent *ev);
int kevent_read_state(struct kevent *ev);
bool kevent_is_notification(struct kevent *ev);

int kevent_wait(struct kevent *ev, u64 timeout_ns, u32 flags);
int kevent_wait_multiple(struct kevent **evs, unsigned int count,
			 u64 timeout_ns, u32 flags);

/*
 * NotifyUserWithEvent: a driver-side table of named events that the
 * application creates; see kevent_notifier_create().
 */
#define KEVENT_NOTIFIER_MAX		16	/* names per notifier */
#define KEVENT_NOTIFIER_CREATE		BIT(0)	/* create missing events */

/**
 * struct kevent_notifier_config - what kevent_notifier_create() sets up
 * @names:        event names, index 0 first; @names[0..@max_index] must be set
 * @max_index:    highest valid index, below KEVENT_NOTIFIER_MAX
 * @flags:        KEVENT_NOTIFIER_CREATE, or 0 to open the application's events
 * @create_flags: with KEVENT_NOTIFIER_CREATE: KEVENT_CREATE_MANUAL_RESET,
 *                KEVENT_CREATE_INITIAL_SET for the events it creates
 * @mode:         with KEVENT_NOTIFIER_CREATE: their permission bits
 * @ipc_ns:       IPC namespace of the names; NULL for the initial namespace
 */
struct kevent_notifier_config {
	const char *names[KEVENT_NOTIFIER_MAX];
	unsigned int max_index;
	u32 flags;
	u32 create_flags;
	umode_t mode;
	struct ipc_namespace *ipc_ns;
};

struct kevent_notifier;

struct kevent_notifier *
kevent_notifier_create(const struct kevent_notifier_config *config);
void kevent_notifier_destroy(struct kevent_notifier *n);
int kevent_notify(struct kevent_notifier *n);
int kevent_notify_index(struct kevent_notifier *n, unsigned int index);
unsigned long kevent_notifier_lookups(struct kevent_notifier *n);

#endif /* _LINUX_KEVENT_H */
