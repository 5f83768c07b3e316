/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kevent: NT-style kernel events - the API for other kernel modules.
 *
 * Every event is a struct kevent: the dispatcher state (type, signaled
 * state, waiters) that set, wait and the rest act on. A driver embeds one
 * in its own structure and initializes it with kevent_init()
 * (KeInitializeEvent): no allocation, no reference counting, its lifetime
 * is its owner's, as with struct completion. Named events and events shared
 * with applications through file descriptors are refcounted objects that
 * kevent allocates around a struct kevent: drivers create or open named
 * events (kevent_create_notification(), kevent_open(), ...), or take a
 * reference on an event an application handed them as a file descriptor
 * (kevent_get_from_fd(), the ObReferenceObjectByHandle analog). Both kinds
 * mix freely in one kevent_wait_multiple(). Set, pulse, clear, read and put
 * work from any context, hardirq and IRQs-off included; waits are for
 * process context (kernel threads, ioctl handlers).
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
#include <linux/list.h>
#include <linux/spinlock_types.h>
#include <linux/types.h>
#include <uapi/linux/kevent.h>

struct ipc_namespace;

/**
 * struct kevent - an event's dispatcher state, the part every event has
 * @lock:        protects the fields below (raw: set works from hardirq
 *               context, on PREEMPT_RT too)
 * @manual:      notification (manual-reset) event; immutable
 * @signaled:    current state
 * @visible:     @signaled as the last critical section left it, for
 *               lockless readers (never a state a set or pulse passes
 *               through)
 * @object:      part of a refcounted kevent object (named or shared through
 *               fds); false for an event a driver embeds; immutable
 * @all_hint:    wait-all entries queued on this event
 * @all_user:    the user-space ones among them
 * @nwaiters:    wait entries queued on @waiters
 * @waiters:     queued waits, oldest first (FIFO)
 * @all_waiters: the wait-all entries among them
 *
 * The fields are kevent's own: use the functions below. kevent_core.c
 * documents the locking.
 */
struct kevent {
	raw_spinlock_t lock;	/* see the kernel-doc above */
	bool manual;
	bool signaled;
	bool visible;
	bool object;
	unsigned int all_hint;
	unsigned int all_user;
	unsigned int nwaiters;
	struct list_head waiters;
	struct list_head all_waiters;
};

/* Kernel-only kevent_wait*() flags: wait interruptibly (signals end the wait). */
#define KEVENT_WAIT_INTERRUPTIBLE	BIT(31)
/* ... or killably (only a fatal signal ends it). */
#define KEVENT_WAIT_KILLABLE		BIT(30)

/* Default mode of events created by kevent_create_{notification,synchronization}(). */
#define KEVENT_KERNEL_MODE		0644

void kevent_init(struct kevent *ev, bool notification, bool signaled);

struct kevent *kevent_create(const char *name, u32 flags, umode_t mode,
			     struct ipc_namespace *ipc_ns, bool *existed);
struct kevent *kevent_create_notification(const char *name);
struct kevent *kevent_create_synchronization(const char *name);
struct kevent *kevent_open(const char *name, struct ipc_namespace *ipc_ns);
struct kevent *kevent_create_utf16(const u16 *name, unsigned int len,
				   u32 flags, umode_t mode,
				   struct ipc_namespace *ipc_ns, bool *existed);
struct kevent *kevent_open_utf16(const u16 *name, unsigned int len,
				 struct ipc_namespace *ipc_ns);
struct kevent *kevent_get_from_fd(int fd, u32 access);
struct kevent *kevent_get_from_fd_granted(int fd, u32 access, u32 *granted);
/*
 * Kernel handles (ZwCreateEvent's, for include/linux/kevent_nt.h): values
 * with this bit set, never an fd; kevent_handle_get() finds only open ones.
 */
#define KEVENT_KERNEL_HANDLE_BASE	(1UL << (BITS_PER_LONG - 1))
int kevent_handle_open(struct kevent *ev, unsigned long *handle);
struct kevent *kevent_handle_get(unsigned long handle);
int kevent_handle_close(unsigned long handle);

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
