// SPDX-License-Identifier: GPL-2.0
/*
 * synch_event: the DriverWorks tip "How to Share an Event between Kernel
 * Mode and User Mode", ported to kevent with <linux/kevent_nt.h>.
 *
 *  1. The application creates a named event: CreateEventW(NULL, FALSE,
 *     FALSE, L"SynchEvent") (examples/driverworks/synchapp.c).
 *  2. It calls the driver (SYNCH_EVENT_IOCTL_OPEN, DeviceIoControl on
 *     Windows), and the driver opens the event by its kernel name,
 *     L"\\BaseNamedObjects\\SynchEvent", as DriverWorks' KEvent does.
 *  3. The application waits with WaitForSingleObject().
 *  4. The driver sets the event (SYNCH_EVENT_IOCTL_SET), here from a timer
 *     in hard interrupt context, and the application's wait returns.
 *
 * Each open file of /dev/kevent-synch-event holds its own reference.
 *
 * Locking: a file's state is changed only by its ioctls, serialized by
 * synch->lock (a mutex: they sleep); the timer only reads synch->event,
 * which stays valid until the timer is cancelled at release.
 */
#include <linux/fs.h>
#include <linux/hrtimer.h>
#include <linux/kevent_nt.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "kevent_compat.h"
#include "synch_event.h"

struct synch_file {
	struct mutex lock;	/* see the locking comment above */
	struct hrtimer timer;
	HANDLE handle;
	PKEVENT event;
};

/* The "interrupt": KeSetEvent() is allowed at any IRQL. */
static enum hrtimer_restart synch_timer_fn(struct hrtimer *t)
{
	struct synch_file *synch = container_of(t, struct synch_file, timer);

	KeSetEvent(synch->event, 0, FALSE);
	return HRTIMER_NORESTART;
}

static int synch_open_event(struct synch_file *synch)
{
	UNICODE_STRING name;

	if (synch->event)
		return 0;
	RtlInitUnicodeString(&name, L"\\BaseNamedObjects\\SynchEvent");
	/* Opens the application's event; would create it if it were missing. */
	synch->event = IoCreateSynchronizationEvent(&name, &synch->handle);
	return synch->event ? 0 : -ENOENT;
}

static long synch_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct synch_file *synch = file->private_data;
	u32 delay_ms;
	long ret = 0;

	mutex_lock(&synch->lock);
	switch (cmd) {
	case SYNCH_EVENT_IOCTL_OPEN:
		ret = synch_open_event(synch);
		break;
	case SYNCH_EVENT_IOCTL_SET:
		if (get_user(delay_ms, (u32 __user *)arg)) {
			ret = -EFAULT;
		} else if (!synch->event) {
			ret = -ENOENT;
		} else if (!delay_ms) {
			KeSetEvent(synch->event, 0, FALSE);
		} else {
			hrtimer_start(&synch->timer, ms_to_ktime(delay_ms),
				      HRTIMER_MODE_REL_HARD);
		}
		break;
	default:
		ret = -ENOTTY;
	}
	mutex_unlock(&synch->lock);
	return ret;
}

static int synch_open(struct inode *inode, struct file *file)
{
	struct synch_file *synch = kzalloc(sizeof(*synch), GFP_KERNEL);

	if (!synch)
		return -ENOMEM;
	mutex_init(&synch->lock);
	hrtimer_setup(&synch->timer, synch_timer_fn, CLOCK_MONOTONIC,
		      HRTIMER_MODE_REL_HARD);
	file->private_data = synch;
	return 0;
}

static int synch_release(struct inode *inode, struct file *file)
{
	struct synch_file *synch = file->private_data;

	hrtimer_cancel(&synch->timer);
	if (synch->event)
		ZwClose(synch->handle);
	kfree(synch);
	return 0;
}

static const struct file_operations synch_fops = {
	.owner		= THIS_MODULE,
	.open		= synch_open,
	.release	= synch_release,
	.unlocked_ioctl	= synch_ioctl,
	.llseek		= noop_llseek,
};

static struct miscdevice synch_dev = {
	.minor	= MISC_DYNAMIC_MINOR,
	.name	= "kevent-synch-event",
	.fops	= &synch_fops,
	.mode	= 0600,
};

module_misc_device(synch_dev);

MODULE_DESCRIPTION("kevent example: the DriverWorks shared-event tip");
MODULE_LICENSE("GPL");
