/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * kevent: NT-style named kernel events (KEVENT) for Linux.
 *
 * User-space ABI. /dev/kevent creates, opens and unlinks events; each event
 * is a file descriptor (an anonymous inode) on which SET, RESET, PULSE,
 * QUERY and WAIT operate, and which polls readable while signaled.
 *
 * Every structure has the same layout for 32- and 64-bit callers: fixed-size
 * fields only, 64-bit fields naturally aligned, pointers passed as __u64.
 * Reserved fields and unknown flag bits must be zero (EINVAL otherwise), so
 * the ABI can grow. docs/uapi.md documents each ioctl and its errors.
 */
#ifndef _UAPI_LINUX_KEVENT_H
#define _UAPI_LINUX_KEVENT_H

#include <linux/types.h>
#include <linux/ioctl.h>

#define KEVENT_DEVICE_PATH	"/dev/kevent"

/* Limits. */
#define KEVENT_NAME_MAX		255	/* bytes, without the terminating NUL */
#define KEVENT_WAIT_MAX		64	/* MAXIMUM_WAIT_OBJECTS */

/* Access rights carried by an event fd (kevent_open_args.access). */
#define KEVENT_ACCESS_WAIT	(1U << 0)	/* SYNCHRONIZE: wait, poll, query */
#define KEVENT_ACCESS_MODIFY	(1U << 1)	/* EVENT_MODIFY_STATE: set, reset, pulse */
#define KEVENT_ACCESS_ALL	(KEVENT_ACCESS_WAIT | KEVENT_ACCESS_MODIFY)

/* kevent_create_args.flags */
#define KEVENT_CREATE_MANUAL_RESET	(1U << 0)	/* notification event */
#define KEVENT_CREATE_INITIAL_SET	(1U << 1)	/* start signaled */
#define KEVENT_CREATE_NEW		(1U << 2)	/* EEXIST if the name exists */
#define KEVENT_CREATE_PERMANENT		(1U << 3)	/* CAP_SYS_ADMIN: live until UNLINK */
#define KEVENT_CREATE_INHERIT		(1U << 4)	/* no close-on-exec */
#define KEVENT_CREATE_FLAGS		0x1fU

/* kevent_open_args.flags */
#define KEVENT_OPEN_INHERIT		(1U << 0)	/* no close-on-exec */
#define KEVENT_OPEN_FLAGS		0x1U

/* kevent_create_args.result */
#define KEVENT_RESULT_EXISTED		(1U << 0)	/* an existing event was opened */

/**
 * struct kevent_create_args - KEVENT_IOC_CREATE argument
 * @name:     user pointer to the name (not NUL-terminated), or 0 for an
 *            anonymous event
 * @name_len: length of @name in bytes; 0 if and only if @name is 0
 * @flags:    KEVENT_CREATE_* flags
 * @mode:     permission bits (0777 mask) of a new named event; 0 means 0600
 * @fd:       out: the new event fd (read and write access)
 * @result:   out: KEVENT_RESULT_* bits
 * @reserved: must be zero
 */
struct kevent_create_args {
	__u64 name;
	__u32 name_len;
	__u32 flags;
	__u32 mode;
	__s32 fd;
	__u32 result;
	__u32 reserved[3];
};

/**
 * struct kevent_open_args - KEVENT_IOC_OPEN argument
 * @name:     user pointer to the name (not NUL-terminated)
 * @name_len: length of @name in bytes
 * @access:   KEVENT_ACCESS_* rights wanted (at least one)
 * @flags:    KEVENT_OPEN_* flags
 * @fd:       out: the event fd
 * @reserved: must be zero
 */
struct kevent_open_args {
	__u64 name;
	__u32 name_len;
	__u32 access;
	__u32 flags;
	__s32 fd;
	__u32 reserved[2];
};

/**
 * struct kevent_unlink_args - KEVENT_IOC_UNLINK argument
 * @name:     user pointer to the name (not NUL-terminated)
 * @name_len: length of @name in bytes
 * @flags:    must be zero
 * @reserved: must be zero
 */
struct kevent_unlink_args {
	__u64 name;
	__u32 name_len;
	__u32 flags;
	__u32 reserved[2];
};

/* kevent_wait_args.flags */
#define KEVENT_WAIT_ALL		(1U << 0)	/* wait for all, else any */
#define KEVENT_WAIT_ABSOLUTE	(1U << 1)	/* @timeout is an absolute deadline */
#define KEVENT_WAIT_REALTIME	(1U << 2)	/* deadline on CLOCK_REALTIME (with ABSOLUTE) */
#define KEVENT_WAIT_SIGNAL	(1U << 3)	/* set @signal_fd first, in the same call */
#define KEVENT_WAIT_FLAGS	0xfU

/* kevent_wait_args.timeout: wait forever (relative or absolute). */
#define KEVENT_TIMEOUT_INFINITE	(~(__u64)0)

/**
 * struct kevent_wait_args - KEVENT_IOC_WAIT argument
 * @timeout:  relative nanoseconds (0 polls), or with KEVENT_WAIT_ABSOLUTE a
 *            deadline in nanoseconds on CLOCK_MONOTONIC (or CLOCK_REALTIME
 *            with KEVENT_WAIT_REALTIME); KEVENT_TIMEOUT_INFINITE waits forever
 * @fds:      user pointer to an array of @count __s32 event fds
 * @count:    1 to KEVENT_WAIT_MAX
 * @flags:    KEVENT_WAIT_* flags
 * @index:    out: wait-any: the index of the event that satisfied the wait;
 *            wait-all: 0
 * @signal_fd: with KEVENT_WAIT_SIGNAL, an event fd with MODIFY access that
 *            is set once the wait is known to be valid, before it starts
 *            (NtSignalAndWaitForSingleObject, Win32 SignalObjectAndWait)
 * @reserved: the same word without KEVENT_WAIT_SIGNAL: must be zero
 */
struct kevent_wait_args {
	__u64 timeout;
	__u64 fds;
	__u32 count;
	__u32 flags;
	__u32 index;
	union {
		__s32 signal_fd;
		__u32 reserved;
	};
};

/* kevent_query_args.type */
#define KEVENT_TYPE_SYNCHRONIZATION	0	/* auto-reset */
#define KEVENT_TYPE_NOTIFICATION	1	/* manual-reset */

/* kevent_query_args.flags */
#define KEVENT_QUERY_NAMED		(1U << 0)
#define KEVENT_QUERY_PERMANENT		(1U << 1)

/**
 * struct kevent_query_args - KEVENT_IOC_QUERY result
 * @type:   KEVENT_TYPE_*
 * @state:  1 if signaled, else 0
 * @access: KEVENT_ACCESS_* rights of the fd queried
 * @flags:  KEVENT_QUERY_* bits
 * @uid:    creator's uid (in the caller's user namespace)
 * @gid:    creator's gid (in the caller's user namespace)
 * @mode:   permission bits
 * @reserved: zero
 * @name:   NUL-terminated name, empty for an anonymous event
 */
struct kevent_query_args {
	__u32 type;
	__u32 state;
	__u32 access;
	__u32 flags;
	__u32 uid;
	__u32 gid;
	__u32 mode;
	__u32 reserved;
	char name[KEVENT_NAME_MAX + 1];
};

#define KEVENT_IOC_MAGIC	0xE7

/* On /dev/kevent. */
#define KEVENT_IOC_CREATE	_IOWR(KEVENT_IOC_MAGIC, 0x00, struct kevent_create_args)
#define KEVENT_IOC_OPEN		_IOWR(KEVENT_IOC_MAGIC, 0x01, struct kevent_open_args)
#define KEVENT_IOC_UNLINK	_IOW(KEVENT_IOC_MAGIC, 0x02, struct kevent_unlink_args)

/* On /dev/kevent or on any event fd. */
#define KEVENT_IOC_WAIT		_IOWR(KEVENT_IOC_MAGIC, 0x03, struct kevent_wait_args)

/* On an event fd: the previous state (0 or 1) is stored at the __u32 argument. */
#define KEVENT_IOC_SET		_IOR(KEVENT_IOC_MAGIC, 0x10, __u32)
#define KEVENT_IOC_RESET	_IOR(KEVENT_IOC_MAGIC, 0x11, __u32)
#define KEVENT_IOC_PULSE	_IOR(KEVENT_IOC_MAGIC, 0x12, __u32)
#define KEVENT_IOC_QUERY	_IOR(KEVENT_IOC_MAGIC, 0x13, struct kevent_query_args)

#endif /* _UAPI_LINUX_KEVENT_H */
