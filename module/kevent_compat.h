/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kevent_compat.h - what differs between the kernels kevent builds on
 *
 * kevent supports every kernel from 5.10 to the newest. Each kernel API that
 * changed in that range is given here under its newest name, so the rest of
 * the module (and the test modules) are written once, against the newest
 * kernel, and this is the only file that tests LINUX_VERSION_CODE. When the
 * oldest supported kernel moves past a change, its block goes.
 *
 * The helpers behave exactly as the newest kernel's do; where an old kernel
 * lacks something kevent's behaviour would depend on, docs/kernels.md says.
 */
#ifndef KEVENT_COMPAT_H
#define KEVENT_COMPAT_H

#include <linux/file.h>
#include <linux/hrtimer.h>
#include <linux/mm.h>
#include <linux/preempt.h>
#include <linux/version.h>

/* 5.11 renamed in_irq() to in_hardirq(). */
/* (Guarded as well: a distribution may have backported it.) */
#if LINUX_VERSION_CODE < KERNEL_VERSION(5, 11, 0) && !defined(in_hardirq)
#define in_hardirq() in_irq()
#endif

/*
 * 6.12 made struct fd opaque (one word holding the file and flags): its file
 * is read with fd_file(). Before, it was the .file member.
 */
#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 12, 0) && !defined(fd_file)
#define fd_file(f) ((f).file)
#endif

/*
 * kevent_fd_borrowed(f): fdget() borrowed the file rather than taking a
 * reference (FDPUT_FPUT clear: the caller's file table is not shared). The
 * flag moved into struct fd's one word in 6.12.
 */
#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 12, 0)
#define kevent_fd_borrowed(f) (!((f).flags & FDPUT_FPUT))
#else
#define kevent_fd_borrowed(f) (!((f).word & FDPUT_FPUT))
#endif

/*
 * 6.13 added hrtimer_setup(), which sets the callback together with the
 * clock and mode; hrtimer_init() and assigning .function later are gone
 * from newer kernels.
 */
#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 13, 0)
static inline void hrtimer_setup(struct hrtimer *timer,
				 enum hrtimer_restart (*function)(struct hrtimer *),
				 clockid_t clock_id, enum hrtimer_mode mode)
{
	hrtimer_init(timer, clock_id, mode);
	timer->function = function;
}
#endif

/*
 * 6.10 made a trace event's __assign_str() take the field alone (the
 * source is given once, in __string()); before, it took the source again.
 * kevent_trace.h uses this wrapper, expanded inside TP_fast_assign().
 */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 10, 0)
#define kevent_assign_str(field, src) __assign_str(field)
#else
#define kevent_assign_str(field, src) __assign_str(field, src)
#endif

/*
 * 6.5 dropped get_user_pages()'s vmas argument. A name of kevent's own, as
 * the kernel's kept its name but not its signature.
 */
static inline long kevent_get_user_pages(unsigned long start,
					 unsigned long nr_pages,
					 unsigned int gup_flags,
					 struct page **pages)
{
#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 5, 0)
	return get_user_pages(start, nr_pages, gup_flags, pages, NULL);
#else
	return get_user_pages(start, nr_pages, gup_flags, pages);
#endif
}

#endif /* KEVENT_COMPAT_H */
