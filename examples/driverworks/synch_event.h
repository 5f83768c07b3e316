/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * The private IOCTLs of examples/driverworks/synch_event.c, the
 * DriverWorks tip "How to Share an Event between Kernel Mode and User
 * Mode" ported to kevent (/dev/kevent-synch-event).
 *
 *   SYNCH_EVENT_IOCTL_OPEN  the driver opens \BaseNamedObjects\SynchEvent,
 *                           which the application created
 *   SYNCH_EVENT_IOCTL_SET   the driver sets it after @delay_ms, from a
 *                           timer in hard interrupt context (0: at once)
 */
#ifndef SYNCH_EVENT_H
#define SYNCH_EVENT_H

#include <linux/ioctl.h>
#include <linux/types.h>

#define SYNCH_EVENT_DEVICE	"/dev/kevent-synch-event"

#define SYNCH_EVENT_IOCTL_OPEN	_IO(0xEA, 0)
#define SYNCH_EVENT_IOCTL_SET	_IOW(0xEA, 1, __u32)

#endif /* SYNCH_EVENT_H */
