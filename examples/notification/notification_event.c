// SPDX-License-Identifier: GPL-2.0
/*
 * notification_event: a driver that tells applications about a condition
 * with a named notification event, as Windows drivers do with
 * IoCreateNotificationEvent() (<linux/kevent_nt.h>).
 *
 * At load it creates \BaseNamedObjects\KeventNotificationExample (a new
 * notification event starts signaled: it clears it), and the condition
 * comes true delay_ms later, from a timer in hard interrupt context: the
 * event is set and stays set, releasing every application waiting on it
 * (examples/notification/notified.c) and every one that waits later. The
 * event is everyone's to wait on and root's to set (IoCreate*Event's
 * default security, kevent mode 0644). At unload ZwClose() drops the
 * driver's handle; the name lives on while applications hold handles.
 *
 * Locking: none; the timer is cancelled before the handle is closed.
 */
#include <linux/hrtimer.h>
#include <linux/kevent_nt.h>
#include <linux/module.h>

#include "kevent_compat.h"

static unsigned int delay_ms = 500;
module_param(delay_ms, uint, 0444);
MODULE_PARM_DESC(delay_ms, "when the condition comes true, after load (ms)");

static HANDLE handle;
static PKEVENT condition;
static struct hrtimer timer;

static enum hrtimer_restart condition_timer_fn(struct hrtimer *t)
{
	KeSetEvent(condition, 0, FALSE);
	return HRTIMER_NORESTART;
}

static int __init notification_event_init(void)
{
	UNICODE_STRING name;

	RtlInitUnicodeString(&name,
			     L"\\BaseNamedObjects\\KeventNotificationExample");
	condition = IoCreateNotificationEvent(&name, &handle);
	if (!condition)
		return -ENOMEM;
	KeClearEvent(condition);
	hrtimer_setup(&timer, condition_timer_fn, CLOCK_MONOTONIC,
		      HRTIMER_MODE_REL_HARD);
	hrtimer_start(&timer, ms_to_ktime(delay_ms), HRTIMER_MODE_REL_HARD);
	return 0;
}

static void __exit notification_event_exit(void)
{
	hrtimer_cancel(&timer);
	ZwClose(handle);
}

module_init(notification_event_init);
module_exit(notification_event_exit);

MODULE_DESCRIPTION("kevent example: an IoCreateNotificationEvent user");
MODULE_LICENSE("GPL");
