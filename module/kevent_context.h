/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kevent_context.h - may the caller take a wait queue's lock here?
 *
 * A wait queue's lock is a spinlock_t: on PREEMPT_RT a sleeping lock, which
 * hard interrupt context and sections with interrupts or preemption
 * disabled must not take (lockdep's PROVE_RAW_LOCK_NESTING holds every
 * kernel to that). Without a preempt count a raw spinlock held with
 * interrupts on cannot be told apart, so such a caller must not set an
 * event (it never needs to). kevent's pollers and the demo driver's readers
 * are woken through an irq_work from such contexts instead, which runs
 * right after the interrupt (in a per-CPU thread on RT).
 */
#ifndef KEVENT_CONTEXT_H
#define KEVENT_CONTEXT_H

#include <linux/irqflags.h>
#include <linux/preempt.h>
#include "kevent_compat.h"

/* Return: true if a wake-up from here must go through an irq_work. */
static inline bool kevent_wake_needs_irq_work(void)
{
	return in_hardirq() || irqs_disabled() ||
	       (IS_ENABLED(CONFIG_PREEMPT_COUNT) && !preemptible());
}

#endif /* KEVENT_CONTEXT_H */
