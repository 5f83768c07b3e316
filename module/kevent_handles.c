// SPDX-License-Identifier: GPL-2.0
/*
 * Kernel handles: what ZwCreateEvent(), ZwOpenEvent() and IoCreate*Event()
 * give a driver ported from Windows (include/linux/kevent_nt.h). A handle
 * holds a reference on its event until it is closed. Handles live in a
 * table, and only values found in it are ever turned back into events: a
 * driver may pass a handle that came from user space (ObReferenceObjectByHandle
 * with KernelMode on an ioctl argument), and a forged value must give
 * STATUS_INVALID_HANDLE, never a pointer.
 *
 * Values: KEVENT_KERNEL_HANDLE_BASE | (index << 2), like NT's kernel handles
 * (the top bit set, multiples of 4), so they never collide with an fd
 * (0..INT_MAX), which is what a user-mode handle is.
 *
 * Locking: the xarray's own lock; a lookup takes its reference under RCU,
 * and the event's refcount is only dropped after the entry is erased.
 */
#include <linux/kevent.h>
#include <linux/module.h>
#include <linux/rcupdate.h>
#include <linux/xarray.h>

#include "kevent_internal.h"

static DEFINE_XARRAY_ALLOC(kevent_handles);

/* Indexes that fit below the base bit after the shift by 2, on 32 bits too. */
#define KEVENT_HANDLE_BITS	29
#define KEVENT_HANDLE_LIMIT	XA_LIMIT(1, (1U << KEVENT_HANDLE_BITS) - 1)

/* The table index of @handle; false for a value no handle can have. */
static bool kevent_handle_index(unsigned long handle, u32 *index)
{
	unsigned long rest = handle & ~KEVENT_KERNEL_HANDLE_BASE;

	if (!(handle & KEVENT_KERNEL_HANDLE_BASE) || rest & 3 ||
	    rest >> 2 >= (1UL << KEVENT_HANDLE_BITS))
		return false;
	*index = rest >> 2;
	return true;
}

/**
 * kevent_handle_open() - give a driver a kernel handle to an event
 * @ev:     a referenced event; the handle takes over the reference (and
 *          drops it if this fails)
 * @handle: out: the handle's value
 *
 * Context: Process context; may sleep.
 * Return: 0, -EINVAL for an embedded event, or -ENOMEM.
 */
int kevent_handle_open(struct kevent *ev, unsigned long *handle)
{
	u32 index;
	int ret;

	if (!ev->object)
		return -EINVAL;
	ret = xa_alloc(&kevent_handles, &index, ev, KEVENT_HANDLE_LIMIT,
		       GFP_KERNEL);
	if (ret) {
		kevent_put(ev);
		return ret == -EBUSY ? -ENOMEM : ret;
	}
	*handle = KEVENT_KERNEL_HANDLE_BASE | ((unsigned long)index << 2);
	return 0;
}
EXPORT_SYMBOL_GPL(kevent_handle_open);

/**
 * kevent_handle_get() - the event behind a kernel handle
 * @handle: any value; only an open kernel handle is found
 *
 * Context: Any context.
 * Return: the event, referenced (kevent_put() it), or NULL if @handle is
 * not an open kernel handle.
 */
struct kevent *kevent_handle_get(unsigned long handle)
{
	struct kevent *ev;
	u32 index;

	if (!kevent_handle_index(handle, &index))
		return NULL;
	rcu_read_lock();
	ev = xa_load(&kevent_handles, index);
	/* The handle holds a reference until after it is erased. */
	if (ev && !refcount_inc_not_zero(&to_kevent_object(ev)->ref))
		ev = NULL;
	rcu_read_unlock();
	return ev;
}
EXPORT_SYMBOL_GPL(kevent_handle_get);

/**
 * kevent_handle_close() - close a kernel handle (ZwClose)
 * @handle: any value
 *
 * Context: Process context (the last reference may free a name).
 * Return: 0, or -EBADF if @handle is not an open kernel handle.
 */
int kevent_handle_close(unsigned long handle)
{
	struct kevent *ev;
	u32 index;

	if (!kevent_handle_index(handle, &index))
		return -EBADF;
	ev = xa_erase(&kevent_handles, index);
	if (!ev)
		return -EBADF;
	kevent_put(ev);
	return 0;
}
EXPORT_SYMBOL_GPL(kevent_handle_close);

/* At unload no driver is left: close what they did not. */
void kevent_handles_exit(void)
{
	unsigned long index;
	struct kevent *ev;

	xa_for_each(&kevent_handles, index, ev) {
		xa_erase(&kevent_handles, index);
		kevent_put(ev);
	}
	xa_destroy(&kevent_handles);
}
