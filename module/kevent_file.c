// SPDX-License-Identifier: GPL-2.0
/*
 * kevent handles: an event file descriptor is an anonymous inode whose
 * private_data is a referenced event, the struct kevent of a struct
 * kevent_object (embedded events never get a file).
 *
 * The access a handle was granted is the file's mode: KEVENT_ACCESS_WAIT
 * is FMODE_READ and KEVENT_ACCESS_MODIFY is FMODE_WRITE, so dup(), fork()
 * and SCM_RIGHTS carry it along, /proc/PID/fdinfo shows it, and a missing
 * right fails with EBADF exactly as write() on a read-only file does.
 *
 * No locks of its own; see kevent_core.c.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/anon_inodes.h>
#include <linux/bitmap.h>
#include <linux/cred.h>
#include <linux/fcntl.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/poll.h>
#include <linux/sched.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/sched/signal.h>
#include <linux/uaccess.h>
#include <linux/user_namespace.h>

#include "kevent_internal.h"

u32 kevent_file_access(const struct file *file)
{
	u32 access = 0;

	if (file->f_mode & FMODE_READ)
		access |= KEVENT_ACCESS_WAIT;
	if (file->f_mode & FMODE_WRITE)
		access |= KEVENT_ACCESS_MODIFY;
	return access;
}

/**
 * kevent_publish_fd() - give the caller a new handle and report it
 * @ev:      the event; the handle takes over the caller's reference, which
 *           is dropped on failure
 * @access:  KEVENT_ACCESS_* rights of the handle
 * @cloexec: set close-on-exec
 * @uarg:    user copy of the ioctl argument
 * @args:    kernel copy of it, copied back once @fdp is filled in
 * @size:    size of @args
 * @fdp:     the fd field inside @args
 *
 * The fd is installed only after the result reached user space, so a bad
 * pointer leaves no fd behind.
 *
 * Return: 0 or a negative errno.
 */
int kevent_publish_fd(struct kevent *ev, u32 access, bool cloexec,
		      void __user *uarg, void *args, size_t size, s32 *fdp)
{
	int oflags = (access & KEVENT_ACCESS_WAIT) ?
		     ((access & KEVENT_ACCESS_MODIFY) ? O_RDWR : O_RDONLY) :
		     O_WRONLY;
	struct file *file;
	int fd;

	/* Embedded events have no refcount a file could hold. */
	if (WARN_ON_ONCE(!ev->object))
		return -EINVAL;
	fd = get_unused_fd_flags(cloexec ? O_CLOEXEC : 0);
	if (fd < 0) {
		kevent_put(ev);
		return fd;
	}
	file = anon_inode_getfile("[kevent]", &kevent_event_fops, ev, oflags);
	if (IS_ERR(file)) {
		put_unused_fd(fd);
		kevent_put(ev);
		return PTR_ERR(file);
	}
	atomic_inc(&to_kevent_object(ev)->handles);

	*fdp = fd;
	if (copy_to_user(uarg, args, size)) {
		put_unused_fd(fd);
		fput(file);	/* drops the reference through release() */
		return -EFAULT;
	}
	fd_install(fd, file);
	return 0;
}

/* The event of the kevent file @f, borrowed from it, or an ERR_PTR. */
static struct kevent *kevent_fd_event(struct fd f, u32 access,
				      int errno_access, u32 *granted)
{
	u32 rights;

	if (!fd_file(f))
		return ERR_PTR(-EBADF);
	if (fd_file(f)->f_op != &kevent_event_fops)
		return ERR_PTR(-EINVAL);
	rights = kevent_file_access(fd_file(f));
	if ((rights & access) != access)
		return ERR_PTR(errno_access);
	if (granted)
		*granted = rights;
	return fd_file(f)->private_data;
}

/**
 * kevent_fdget() - look up an event fd and reference its event
 * @fd:     the file descriptor
 * @access: the rights the operation needs
 * @errno_access: the error when a right is missing
 * @granted: out (may be NULL): the rights the fd carries, on success
 *
 * Return: a referenced event, or ERR_PTR(-EBADF) for a closed fd,
 * ERR_PTR(-EINVAL) for a file that is not a kevent, or
 * ERR_PTR(@errno_access) for a missing right.
 */
struct kevent *kevent_fdget(int fd, u32 access, int errno_access,
			    u32 *granted)
{
	struct fd f = fdget(fd);
	struct kevent *ev = kevent_fd_event(f, access, errno_access, granted);

	if (!IS_ERR(ev))
		kevent_get(ev);
	fdput(f);
	return ev;
}

/*
 * kevent_fdget() for the rest of this system call. When fdget() borrows the
 * file instead of referencing it (the file table is not shared: nobody but
 * the caller can close the fd, and it does not), the event the file holds
 * is borrowed as well and *@ref is false; otherwise it is referenced. A
 * wait over many events then takes no reference per event in the common
 * case of a process whose table is its own, as any fdget() user does.
 */
static __always_inline struct kevent *kevent_fdget_call(int fd, u32 access,
							bool *ref)
{
	struct fd f = fdget(fd);
	struct kevent *ev = kevent_fd_event(f, access, -EBADF, NULL);

	*ref = !IS_ERR(ev) && !kevent_fd_borrowed(f);
	if (*ref)
		kevent_get(ev);
	fdput(f);
	return ev;
}

/*
 * The synchronization events a satisfied wait consumed: with @give_back,
 * set them again. Returns whether there were any.
 *
 * A wait that consumed events for a caller it cannot tell (the index is
 * no longer writable) gives them back at once, so that no wakeup is lost.
 * At once: the index is written without faulting (see kevent_ioctl_wait()),
 * so the caller cannot stall between the consumption and the give-back
 * and turn it into a delayed SET of an event it may only wait on.
 */
static bool kevent_wait_consumed(struct kevent **evs, u32 count, u32 flags,
				 u32 index, bool give_back)
{
	bool consumed = false;
	u32 i;

	for (i = 0; i < count; i++) {
		if (!(flags & KEVENT_WAIT_ALL) && i != index)
			continue;
		if (evs[i]->manual)
			continue;
		consumed = true;
		if (give_back)
			kevent_set(evs[i]);
	}
	return consumed;
}

/*
 * The wait's result became unwritable after it was probed, most often
 * because the process forked and its page is now copy-on-write. Make it
 * writable again without waiting for anything a user can stall (a waiter
 * with only WAIT access must not choose when a consumed event is given
 * back): the mmap lock only if free; private mappings only, since a fork
 * never makes a shared one copy-on-write and a shared file page's
 * page_mkwrite (FUSE) may wait for its daemon; and FOLL_NOWAIT, which waits
 * neither for I/O nor for a userfaultfd handler. Every page the u32 covers
 * (a misaligned one may straddle two) is made writable.
 *
 * The lock is not free while the fork itself copies the address space:
 * a wait that ends in that window still gives its events back (see
 * kevent_ioctl_wait()). Pinning the page for the whole wait would close it,
 * at the price of a long-term pin per waiter; not done.
 * Return: true if the result is now writable.
 */
static bool kevent_make_writable_nowait(u32 __user *uaddr)
{
	unsigned long first = (unsigned long)uaddr & PAGE_MASK;
	unsigned long last = ((unsigned long)uaddr + sizeof(*uaddr) - 1) & PAGE_MASK;
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;
	bool ok = true;
	unsigned long a;

	if (!mmap_read_trylock(mm))
		return false;
	for (a = first; ok && a <= last; a += PAGE_SIZE) {
		vma = find_vma(mm, a);
		ok = vma && vma->vm_start <= a && !(vma->vm_flags & VM_SHARED) &&
		     kevent_get_user_pages(a, 1, FOLL_WRITE | FOLL_NOWAIT, NULL) == 1;
	}
	mmap_read_unlock(mm);
	return ok;
}

/* Write the wait's result without faulting: 0, or -EFAULT. */
static int kevent_put_index_nofault(u32 __user *uaddr, u32 index)
{
	int ret;

	pagefault_disable();
	ret = put_user(index, uaddr);
	pagefault_enable();
	return ret;
}

/*
 * An interrupted wait is restarted when no handler ran (SIGSTOP/SIGCONT,
 * ptrace, the freezer) or the handler has SA_RESTART, as futex waits are.
 * A relative timeout must not start over: the argument is rewritten to the
 * absolute CLOCK_MONOTONIC deadline first, so the restarted (or re-issued)
 * call ends when the original one would have. A signal-and-wait has done
 * its set and must not do it again: KEVENT_WAIT_SIGNAL is cleared the same
 * way, and signal_fd zeroed (without the flag it is the reserved word). If
 * the argument cannot be written, the caller gets EINTR and recomputes the
 * wait itself.
 */
static long kevent_wait_restart(struct kevent_wait_args __user *uarg,
				const struct kevent_wait_args *args,
				u64 deadline)
{
	bool relative = args->timeout != KEVENT_TIMEOUT_INFINITE &&
			!(args->flags & KEVENT_WAIT_ABSOLUTE);
	u32 flags = args->flags & ~KEVENT_WAIT_SIGNAL;

	if (!relative && flags == args->flags)
		return -ERESTARTSYS;
	if (relative)
		flags |= KEVENT_WAIT_ABSOLUTE;
	/*
	 * Flags first: if only they reach user space, the old relative
	 * timeout read as a deadline has passed, and a re-issued wait ends at
	 * once instead of sleeping for the uptime.
	 */
	if (put_user(flags, &uarg->flags) ||
	    (relative && put_user(deadline, &uarg->timeout)) ||
	    (args->flags & KEVENT_WAIT_SIGNAL && put_user(0, &uarg->reserved)))
		return -EINTR;
	return -ERESTARTSYS;
}

/* Drop what kevent_wait_get_events() took on the first @count events. */
static void kevent_wait_put_events(struct kevent **evs, u32 count,
				   const unsigned long *refs)
{
	u32 i;

	for_each_set_bit(i, refs, count)
		kevent_put(evs[i]);
}

/*
 * Copy the wait's fds and look up their events, for the call
 * (kevent_fdget_call()): @refs says which were referenced. A function of
 * its own (noinline) so that the fd array's stack is not live during the
 * wait.
 */
static noinline int kevent_wait_get_events(const struct kevent_wait_args *args,
					   struct kevent **evs,
					   unsigned long *refs)
{
	const s32 __user *ufds = u64_to_user_ptr(args->fds);
	/* Checked by the caller; bounded here for the compiler. */
	u32 count = min_t(u32, args->count, KEVENT_WAIT_MAX);
	s32 fds[KEVENT_WAIT_MAX], *fd = fds;
	bool ref;
	u32 i;

	/*
	 * At most 256 bytes, read an fd at a time inside one user access
	 * window: no hardened-usercopy check of the stack buffer, and no
	 * string copy, which emulators (QEMU's TCG) run a byte at a time.
	 * Through a pointer, not fds[i]: UBSAN's bounds check of a subscript
	 * would call out of the window with user access enabled (objtool).
	 */
	if (!user_access_begin(ufds, count * sizeof(*ufds)))
		return -EFAULT;
	for (i = 0; i < count; i++)
		unsafe_get_user(*fd++, &ufds[i], efault);
	user_access_end();

	bitmap_zero(refs, KEVENT_WAIT_MAX);
	for (i = 0; i < count; i++) {
		evs[i] = kevent_fdget_call(fds[i], KEVENT_ACCESS_WAIT, &ref);
		if (IS_ERR(evs[i])) {
			int ret = PTR_ERR(evs[i]);

			kevent_wait_put_events(evs, i, refs);
			return ret;
		}
		if (ref)
			__set_bit(i, refs);
	}
	return 0;

efault:
	user_access_end();
	return -EFAULT;
}

/**
 * kevent_ioctl_wait() - KEVENT_IOC_WAIT, on /dev/kevent or on an event fd
 * @uarg: user pointer to struct kevent_wait_args
 *
 * With KEVENT_WAIT_SIGNAL, the event of @signal_fd is set after every
 * check that can fail without a wait (so an invalid call sets nothing, see
 * kevent_wait_events()) and before the wait: a hand-off between two
 * threads costs one system call on each side instead of two. The wait
 * itself is the usual one.
 *
 * Return: 0, or -EFAULT, -EINVAL, -EBADF, -ETIMEDOUT, -EINTR (a handler
 * without SA_RESTART ran), -ERESTARTSYS (restarted), -ENOSPC (the user's
 * max_waits_per_user or max_wait_all_per_user, or an event's
 * max_wait_all_per_event, reached), -ENOMEM. After 0, -ETIMEDOUT, -EINTR
 * and -ERESTARTSYS the set has been done, and the argument no longer asks
 * for it after the last two (a restart does not repeat it); after any
 * other error it has not, unless the index became unwritable during the
 * wait (-EFAULT).
 */
long kevent_ioctl_wait(void __user *uarg)
{
	struct kevent_wait_args __user *uargs = uarg;
	DECLARE_BITMAP(refs, KEVENT_WAIT_MAX);
	struct kevent *evs[KEVENT_WAIT_MAX];
	struct kevent *signal = NULL;
	struct kevent_wait_args args;
	struct kevent_user *user;
	bool signal_ref = false;
	u64 timeout = 0;
	u32 flags = 0;
	u32 j, index = 0;
	long ret;

	if (copy_from_user(&args, uarg, sizeof(args)))
		return -EFAULT;
	if (args.flags & ~KEVENT_WAIT_FLAGS || args.index ||
	    (args.reserved && !(args.flags & KEVENT_WAIT_SIGNAL)))
		return -EINVAL;
	if (!args.count || args.count > KEVENT_WAIT_MAX)
		return -EINVAL;
	if ((args.flags & KEVENT_WAIT_REALTIME) &&
	    !(args.flags & KEVENT_WAIT_ABSOLUTE))
		return -EINVAL;
	if (args.flags & KEVENT_WAIT_SIGNAL) {
		signal = kevent_fdget_call(args.signal_fd, KEVENT_ACCESS_MODIFY,
					   &signal_ref);
		if (IS_ERR(signal))
			return PTR_ERR(signal);
	}
	ret = kevent_wait_get_events(&args, evs, refs);
	if (ret)
		goto out_signal;

	user = kevent_user_charge_wait(args.flags & KEVENT_WAIT_ALL);
	if (IS_ERR(user)) {
		ret = PTR_ERR(user);
		goto out_put;
	}

	/* Wait-all: the same event twice is an error (NT: INVALID_PARAMETER_MIX). */
	ret = 0;
	if (args.flags & KEVENT_WAIT_ALL) {
		for (j = 1; j < args.count && !ret; j++)
			for (index = 0; index < j; index++)
				if (evs[index] == evs[j])
					ret = -EINVAL;
		index = 0;
	}
	if (ret)
		goto out;

	/* A relative timeout becomes a deadline now, for a restart. */
	flags = args.flags & ~KEVENT_WAIT_SIGNAL;
	timeout = args.timeout;
	if (timeout && timeout != KEVENT_TIMEOUT_INFINITE &&
	    !(flags & KEVENT_WAIT_ABSOLUTE)) {
		timeout = kevent_deadline(timeout);
		flags |= KEVENT_WAIT_ABSOLUTE;
	}
	/*
	 * The result is probed (with faults handled) before anything is
	 * consumed, and written after it without waiting on anything user
	 * space controls: without faulting, then, if a fork made the page
	 * copy-on-write meanwhile, after kevent_make_writable_nowait(). If the
	 * write still fails (another thread made the page read-only or
	 * unmapped it, or it was paged out), the consumed events are given
	 * back at once and the wait starts over: the probe faults the page
	 * back in, or fails with EFAULT having consumed nothing. A set that
	 * arrives while an event is given back finds it signaled and counts
	 * for nothing, so the give-back is kept for those rare cases; a fork
	 * while threads wait is common.
	 */
	for (;;) {
		if (put_user(0, &uargs->index)) {
			ret = -EFAULT;
			break;
		}
		ret = kevent_wait_events(evs, args.count,
					 flags | KEVENT_WAIT_USER, timeout,
					 TASK_INTERRUPTIBLE, signal, &index);
		/* Set, unless the wait could not start; never set again. */
		if (signal && ret != -ENOMEM && ret != -ENOSPC) {
			if (signal_ref)
				kevent_put(signal);
			signal = NULL;
		}
		if (ret == -EINTR)
			ret = kevent_wait_restart(uargs, &args, timeout);
		if (ret || !kevent_put_index_nofault(&uargs->index, index))
			break;
		if (kevent_make_writable_nowait(&uargs->index) &&
		    !kevent_put_index_nofault(&uargs->index, index))
			break;
		/*
		 * Released by notification events only: nothing was consumed,
		 * and a wait started over could miss a set already undone
		 * (PULSE, SET then RESET). Faulting is harmless then.
		 */
		if (!kevent_wait_consumed(evs, args.count, args.flags, index, false)) {
			ret = put_user(index, &uargs->index) ? -EFAULT : 0;
			break;
		}
		kevent_wait_consumed(evs, args.count, args.flags, index, true);
		if (signal_pending(current)) {
			ret = kevent_wait_restart(uargs, &args, timeout);
			break;
		}
		cond_resched();
	}
out:
	kevent_user_uncharge_wait(user, args.flags & KEVENT_WAIT_ALL);
out_put:
	kevent_wait_put_events(evs, args.count, refs);
out_signal:
	if (signal && signal_ref)
		kevent_put(signal);
	return ret;
}

static long kevent_ioctl_query(struct file *file, struct kevent *ev,
			       void __user *uarg)
{
	struct kevent_object *obj = to_kevent_object(ev);
	struct user_namespace *user_ns = current_user_ns();
	struct kevent_query_args *q;
	long ret = 0;

	q = kzalloc(sizeof(*q), GFP_KERNEL);
	if (!q)
		return -ENOMEM;
	q->type = ev->manual ? KEVENT_TYPE_NOTIFICATION :
			       KEVENT_TYPE_SYNCHRONIZATION;
	q->state = kevent_read_state(ev);
	q->access = kevent_file_access(file);
	q->uid = from_kuid_munged(user_ns, obj->uid);
	q->gid = from_kgid_munged(user_ns, obj->gid);
	q->mode = obj->mode;
	if (obj->name_len) {
		q->flags |= KEVENT_QUERY_NAMED;
		memcpy(q->name, obj->name, obj->name_len);
	}
	if (READ_ONCE(obj->permanent))
		q->flags |= KEVENT_QUERY_PERMANENT;
	if (copy_to_user(uarg, q, sizeof(*q)))
		ret = -EFAULT;
	kfree(q);
	return ret;
}

static long kevent_event_ioctl(struct file *file, unsigned int cmd,
			       unsigned long arg)
{
	struct kevent *ev = file->private_data;
	void __user *uarg = (void __user *)arg;
	int prev;

	switch (cmd) {
	case KEVENT_IOC_SET:
	case KEVENT_IOC_RESET:
	case KEVENT_IOC_PULSE:
		if (!(file->f_mode & FMODE_WRITE))
			return -EBADF;
		/* A SET that changes nothing needs no probe: only the result. */
		if (cmd == KEVENT_IOC_SET && kevent_set_signaled(ev))
			return put_user(1, (u32 __user *)uarg);
		/* Probe the result pointer first: a bad one changes nothing. */
		if (put_user(0, (u32 __user *)uarg))
			return -EFAULT;
		/* The lockless check was made above: straight to the lock. */
		if (cmd == KEVENT_IOC_SET)
			prev = kevent_set_locked(ev, NULL);
		else if (cmd == KEVENT_IOC_RESET)
			prev = kevent_reset(ev);
		else
			prev = kevent_pulse(ev);
		return put_user(prev, (u32 __user *)uarg);
	case KEVENT_IOC_QUERY:
		if (!(file->f_mode & FMODE_READ))
			return -EBADF;
		return kevent_ioctl_query(file, ev, uarg);
	case KEVENT_IOC_WAIT:
		return kevent_ioctl_wait(uarg);
	default:
		return -ENOTTY;
	}
}

static __poll_t kevent_event_poll(struct file *file, poll_table *wait)
{
	struct kevent *ev = file->private_data;

	if (!(file->f_mode & FMODE_READ))
		return EPOLLERR;
	poll_wait(file, &to_kevent_object(ev)->poll_wq, wait);
	/*
	 * kevent_read_state()'s full barrier orders the read after
	 * poll_wait()'s queueing, against the setter's state change and
	 * wq_has_sleeper() (which has the other one). A pulse or a consumed
	 * set is never seen signaled: the state read is the one a critical
	 * section left (kevent_publish()).
	 */
	return kevent_read_state(ev) ? EPOLLIN | EPOLLRDNORM : 0;
}

static int kevent_event_release(struct inode *inode, struct file *file)
{
	struct kevent *ev = file->private_data;

	atomic_dec(&to_kevent_object(ev)->handles);
	kevent_put(ev);
	return 0;
}

static void kevent_event_show_fdinfo(struct seq_file *m, struct file *file)
{
	struct kevent *ev = file->private_data;
	struct kevent_object *obj = to_kevent_object(ev);
	unsigned int waiters;
	bool signaled;

	kevent_snapshot(ev, &signaled, &waiters);

	/* Waiters are shown so that tests can tell when a thread is queued. */
	seq_printf(m, "kevent-type:\t%s\nkevent-state:\t%d\nkevent-waiters:\t%u\n",
		   ev->manual ? "notification" : "synchronization",
		   signaled, waiters);
	if (obj->name_len) {
		seq_puts(m, "kevent-name:\t");
		seq_escape(m, obj->name, " \t\n\\");
		seq_putc(m, '\n');
	}
}

const struct file_operations kevent_event_fops = {
	.owner		= THIS_MODULE,
	.unlocked_ioctl	= kevent_event_ioctl,
	.compat_ioctl	= compat_ptr_ioctl,
	.poll		= kevent_event_poll,
	.release	= kevent_event_release,
	.show_fdinfo	= kevent_event_show_fdinfo,
	.llseek		= noop_llseek,
};
