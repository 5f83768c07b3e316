// SPDX-License-Identifier: GPL-2.0
/*
 * kevent's API for other kernel modules: creating and opening named events,
 * referencing an event from an application's fd, and waiting.
 *
 * The state changes (kevent_set() and friends) and kevent_get()/kevent_put()
 * live in kevent_core.c. No locks of its own.
 */
#include <linux/err.h>
#include <linux/ipc_namespace.h>
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/sched/task.h>
#include <linux/string.h>

#include "kevent_internal.h"

/* The initial IPC namespace: init_ipc_ns is not exported, init_task is. */
static struct ipc_namespace *kevent_init_ipc_ns(void)
{
	return init_task.nsproxy->ipc_ns;
}

/**
 * kevent_create() - create a named or anonymous event, or open a named one
 * @name:    name, or NULL; a leading "\BaseNamedObjects\" (the NT kernel's
 *           path of the names applications create), then "Global\" or
 *           "Local\", is stripped
 * @flags:   KEVENT_CREATE_MANUAL_RESET, KEVENT_CREATE_INITIAL_SET,
 *           KEVENT_CREATE_NEW, KEVENT_CREATE_PERMANENT
 * @mode:    permission bits for user space opening a new event (0: 0600)
 * @ipc_ns:  IPC namespace of the name, or NULL for the initial namespace
 * @existed: out (may be NULL): an existing event was opened; its type and
 *           state are kept as they were
 *
 * Context: Process context; may sleep.
 * Return: a referenced event, to be released with kevent_put(), or an
 * ERR_PTR: -EINVAL (bad name or flags), -ENAMETOOLONG, -EEXIST (with
 * KEVENT_CREATE_NEW), -ENOSPC (namespace limit), -ENOMEM.
 */
struct kevent *kevent_create(const char *name, u32 flags, umode_t mode,
			     struct ipc_namespace *ipc_ns, bool *existed)
{
	u32 len = name ? kevent_kernel_name(&name) : 0;
	struct kevent_ns *ns;
	struct kevent *ev;
	bool dummy;
	int ret;

	might_sleep();
	if (flags & ~(KEVENT_CREATE_FLAGS & ~KEVENT_CREATE_INHERIT) ||
	    mode & ~0777)
		return ERR_PTR(-EINVAL);
	if (name) {
		ret = kevent_name_normalize(&name, &len);
		if (ret)
			return ERR_PTR(ret);
	} else if (flags & KEVENT_CREATE_PERMANENT) {
		return ERR_PTR(-EINVAL);
	}

	ns = kevent_ns_get(ipc_ns ?: kevent_init_ipc_ns());
	if (IS_ERR(ns))
		return ERR_CAST(ns);
	ev = kevent_create_in(ns, name, len, flags, mode, 0,
			      existed ?: &dummy);
	kevent_ns_put(ns);
	return ev;
}
EXPORT_SYMBOL_GPL(kevent_create);

/**
 * kevent_create_notification() - IoCreateNotificationEvent
 * @name: the event's name in the initial IPC namespace
 *
 * Opens the named event, or creates it as a notification event that
 * starts signaled, with mode KEVENT_KERNEL_MODE (everyone may wait, only
 * the owner, root, may set: like the default security of NT's kernel-made
 * named objects). The caller is not told which happened.
 *
 * Context: Process context; may sleep.
 * Return: a referenced event or an ERR_PTR, as kevent_create().
 */
struct kevent *kevent_create_notification(const char *name)
{
	return kevent_create(name, KEVENT_CREATE_MANUAL_RESET |
			     KEVENT_CREATE_INITIAL_SET, KEVENT_KERNEL_MODE,
			     NULL, NULL);
}
EXPORT_SYMBOL_GPL(kevent_create_notification);

/**
 * kevent_create_synchronization() - IoCreateSynchronizationEvent
 * @name: the event's name in the initial IPC namespace
 *
 * As kevent_create_notification(), for a synchronization event.
 *
 * Context: Process context; may sleep.
 * Return: a referenced event or an ERR_PTR, as kevent_create().
 */
struct kevent *kevent_create_synchronization(const char *name)
{
	return kevent_create(name, KEVENT_CREATE_INITIAL_SET,
			     KEVENT_KERNEL_MODE, NULL, NULL);
}
EXPORT_SYMBOL_GPL(kevent_create_synchronization);

/**
 * kevent_open() - open an existing named event
 * @name:   the name, prefixes stripped as by kevent_create()
 * @ipc_ns: IPC namespace of the name, or NULL for the initial namespace
 *
 * Kernel callers are trusted: the event's mode is not checked.
 *
 * Context: Process context; may sleep.
 * Return: a referenced event or ERR_PTR(-ENOENT), -EINVAL, -ENAMETOOLONG.
 */
struct kevent *kevent_open(const char *name, struct ipc_namespace *ipc_ns)
{
	struct kevent_ns *ns;
	struct kevent *ev;
	u32 len;
	int ret;

	might_sleep();
	if (!name)
		return ERR_PTR(-EINVAL);
	len = kevent_kernel_name(&name);
	ret = kevent_name_normalize(&name, &len);
	if (ret)
		return ERR_PTR(ret);
	ns = kevent_ns_get(ipc_ns ?: kevent_init_ipc_ns());
	if (IS_ERR(ns))
		return ERR_CAST(ns);
	ev = kevent_open_in(ns, name, len, 0);
	kevent_ns_put(ns);
	return ev;
}
EXPORT_SYMBOL_GPL(kevent_open);

/**
 * kevent_get_from_fd() - reference the event behind an application's fd
 * @fd:     a file descriptor of the calling process
 * @access: KEVENT_ACCESS_* rights the fd must carry
 *
 * The ObReferenceObjectByHandle() analog: call it in the context of the
 * process that owns @fd (an ioctl handler, say). The reference stays valid
 * after the process closes the fd or exits.
 *
 * Context: Process context (the fd's owner).
 * Return: a referenced event, or ERR_PTR(-EBADF) if @fd is not open,
 * ERR_PTR(-EINVAL) if it is not a kevent, ERR_PTR(-EACCES) if it lacks
 * @access.
 */
struct kevent *kevent_get_from_fd(int fd, u32 access)
{
	return kevent_get_from_fd_granted(fd, access, NULL);
}
EXPORT_SYMBOL_GPL(kevent_get_from_fd);

/**
 * kevent_get_from_fd_granted() - kevent_get_from_fd(), and the fd's rights
 * @fd:      a file descriptor of the calling process
 * @access:  KEVENT_ACCESS_* rights the fd must carry (0: none checked)
 * @granted: out (may be NULL): the KEVENT_ACCESS_* rights the fd carries
 *
 * Context: Process context (the fd's owner).
 * Return: as kevent_get_from_fd().
 */
struct kevent *kevent_get_from_fd_granted(int fd, u32 access, u32 *granted)
{
	if (access & ~KEVENT_ACCESS_ALL)
		return ERR_PTR(-EINVAL);
	return kevent_fdget(fd, access, -EACCES, granted);
}
EXPORT_SYMBOL_GPL(kevent_get_from_fd_granted);

/**
 * kevent_wait_multiple() - wait for any or all of several events
 * @evs:        events referenced by the caller, 1 to KEVENT_WAIT_MAX;
 *              the same event twice only without KEVENT_WAIT_ALL
 * @count:      number of events
 * @timeout_ns: relative nanoseconds (0 polls), an absolute deadline with
 *              KEVENT_WAIT_ABSOLUTE, or KEVENT_TIMEOUT_INFINITE
 * @flags:      KEVENT_WAIT_ALL, KEVENT_WAIT_ABSOLUTE, KEVENT_WAIT_REALTIME,
 *              and KEVENT_WAIT_INTERRUPTIBLE or KEVENT_WAIT_KILLABLE
 *
 * Wait-any returns the lowest signaled index and consumes that event if
 * it is a synchronization event. Wait-all succeeds only when every event
 * is signaled at once and consumes every synchronization event together.
 * Nothing is consumed on timeout or interruption. Any mix of embedded
 * events (kevent_init()) and referenced ones may be waited on. With
 * KEVENT_WAIT_INTERRUPTIBLE any signal ends the wait, with
 * KEVENT_WAIT_KILLABLE only a fatal one; without either the wait sleeps
 * uninterruptibly: give a kernel thread another way out (a timeout, or a
 * "stop" event in @evs).
 *
 * Context: Process context; may sleep. Takes the events' locks and, for
 * wait-all, the wait-all lock.
 * Return: the index (wait-any) or 0 (wait-all), or -ETIMEDOUT, -EINTR
 * (interruptible or killable only), -EINVAL (bad count, flags,
 * duplicates), -ENOMEM.
 */
int kevent_wait_multiple(struct kevent **evs, unsigned int count,
			 u64 timeout_ns, u32 flags)
{
	unsigned int i, j, state;
	u32 index = 0;
	int ret;

	might_sleep();
	/* KEVENT_WAIT_SIGNAL is the uAPI's alone. */
	if (!count || count > KEVENT_WAIT_MAX ||
	    flags & ~(KEVENT_WAIT_ALL | KEVENT_WAIT_ABSOLUTE |
		      KEVENT_WAIT_REALTIME | KEVENT_WAIT_INTERRUPTIBLE |
		      KEVENT_WAIT_KILLABLE))
		return -EINVAL;
	if ((flags & KEVENT_WAIT_INTERRUPTIBLE) && (flags & KEVENT_WAIT_KILLABLE))
		return -EINVAL;
	if ((flags & KEVENT_WAIT_REALTIME) && !(flags & KEVENT_WAIT_ABSOLUTE))
		return -EINVAL;
	if (flags & KEVENT_WAIT_ALL)
		for (j = 1; j < count; j++)
			for (i = 0; i < j; i++)
				if (evs[i] == evs[j])
					return -EINVAL;

	/* TASK_IDLE: a long driver wait is not a hung task, nor load. */
	if (flags & KEVENT_WAIT_INTERRUPTIBLE)
		state = TASK_INTERRUPTIBLE;
	else if (flags & KEVENT_WAIT_KILLABLE)
		state = TASK_KILLABLE;
	else
		state = TASK_IDLE;
	ret = kevent_wait_events(evs, count, flags & KEVENT_WAIT_FLAGS,
				 timeout_ns, state, NULL, &index);
	return ret ?: index;
}
EXPORT_SYMBOL_GPL(kevent_wait_multiple);

/**
 * kevent_wait() - wait for one event (KeWaitForSingleObject)
 * @ev:         the event, referenced by the caller
 * @timeout_ns: as for kevent_wait_multiple()
 * @flags:      KEVENT_WAIT_ABSOLUTE, KEVENT_WAIT_REALTIME,
 *              KEVENT_WAIT_INTERRUPTIBLE or KEVENT_WAIT_KILLABLE
 *
 * Consumes @ev if it is a synchronization event.
 *
 * Context: Process context; may sleep.
 * Return: 0, -ETIMEDOUT, -EINTR (interruptible or killable only) or
 * -EINVAL.
 */
int kevent_wait(struct kevent *ev, u64 timeout_ns, u32 flags)
{
	if (flags & KEVENT_WAIT_ALL)
		return -EINVAL;
	return kevent_wait_multiple(&ev, 1, timeout_ns, flags);
}
EXPORT_SYMBOL_GPL(kevent_wait);
