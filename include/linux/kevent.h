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

#endif /* _LINUX_KEVENT_H */
