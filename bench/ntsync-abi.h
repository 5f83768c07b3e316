/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The part of ntsync's ABI (Wine's NT synchronization driver, /dev/ntsync,
 * mainline since 6.14: Documentation/userspace-api/ntsync.rst) that the
 * bench compares kevent with: events, set, wait-any and wait-all. The
 * build host's kernel headers may be older than ntsync.
 */
#ifndef KEVENT_BENCH_NTSYNC_ABI_H
#define KEVENT_BENCH_NTSYNC_ABI_H

#include <linux/ioctl.h>
#include <linux/types.h>

struct ntsync_event_args {
	__u32 manual;
	__u32 signaled;
};

/* timeout: absolute CLOCK_MONOTONIC ns, ~0 for none; objs: fds. */
struct ntsync_wait_args {
	__u64 timeout;
	__u64 objs;
	__u32 count;
	__u32 index;
	__u32 flags;
	__u32 owner;
	__u32 alert;
	__u32 pad;
};

#define NTSYNC_IOC_WAIT_ANY	_IOWR('N', 0x82, struct ntsync_wait_args)
#define NTSYNC_IOC_WAIT_ALL	_IOWR('N', 0x83, struct ntsync_wait_args)
#define NTSYNC_IOC_CREATE_EVENT	_IOW('N', 0x87, struct ntsync_event_args)
#define NTSYNC_IOC_EVENT_SET	_IOR('N', 0x88, __u32)

#endif /* KEVENT_BENCH_NTSYNC_ABI_H */
