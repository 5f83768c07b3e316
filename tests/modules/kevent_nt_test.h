/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * The interface between tests/modules/kevent_nt_test.ko and its guest test
 * (tests/nt/kernel.c): /dev/kevent-nt-test, root only.
 *
 *   RUN      run the module's own check number @id (ENOENT past the last):
 *            @name is its name, @line 0 if it passed, else the line of
 *            the first failed expectation, @got the value it saw there
 *   REF      ObReferenceObjectByHandle((HANDLE)fd, @access, type, @mode):
 *            @status and @granted (GrantedAccess); on success KeSetEvent()
 *            and ObDereferenceObject()
 *   NAME     @op on the UTF-16 name @name (@len bytes): @status, and with
 *            @set KeSetEvent() on the event before closing it
 *   WAIT     KeWaitForSingleObject() on the event of @fd, @alertable,
 *            @mode, timeout @timeout (100 ns units, NT style) unless
 *            @infinite: @status
 *   MIXED    KeWaitForMultipleObjects() on { a named event "@name" it
 *            IoCreateSynchronizationEvent()s and clears, the event of @fd,
 *            an embedded KEVENT } with @wait_all; an HRTIMER_MODE_REL_HARD
 *            timer sets the embedded one (and, for WaitAll, the named one)
 *            from hardirq after 20 ms: @status, @hardirq (1 if the timer
 *            ran in hardirq context), @named_state and @embedded_state after
 *            the wait
 */
#ifndef KEVENT_NT_TEST_H
#define KEVENT_NT_TEST_H

#include <linux/ioctl.h>
#include <linux/types.h>

#define KEVENT_NT_TEST_DEVICE	"/dev/kevent-nt-test"

struct kevent_nt_test_run {
	__u32 id;
	__s32 line;
	__s64 got;
	char name[64];
};

struct kevent_nt_test_ref {
	__s32 fd;
	__u32 access;
	__u32 mode;
	__s32 status;
	__u32 wrong_type;
	__u32 granted;
};

#define KEVENT_NT_TEST_IO_CREATE_SYNC	0
#define KEVENT_NT_TEST_IO_CREATE_NOTIF	1
#define KEVENT_NT_TEST_ZW_OPEN		2
#define KEVENT_NT_TEST_ZW_CREATE	3	/* without OBJ_OPENIF */
#define KEVENT_NT_TEST_ZW_CREATE_OPENIF	4

struct kevent_nt_test_name {
	__u16 name[300];
	__u32 len;
	__u32 op;
	__u32 set;
	__s32 status;
};

struct kevent_nt_test_wait {
	__s32 fd;
	__u32 alertable;
	__u32 mode;
	__u32 infinite;
	__s64 timeout;
	__s32 status;
	__u32 reserved;
};

struct kevent_nt_test_mixed {
	__s32 fd;
	__u32 wait_all;
	__s32 status;
	__u32 hardirq;
	__u32 named_state;
	__u32 embedded_state;
	char name[64];
};

#define KEVENT_NT_TEST_MAGIC	0xE9
#define KEVENT_NT_TEST_RUN	_IOWR(KEVENT_NT_TEST_MAGIC, 0, struct kevent_nt_test_run)
#define KEVENT_NT_TEST_REF	_IOWR(KEVENT_NT_TEST_MAGIC, 1, struct kevent_nt_test_ref)
#define KEVENT_NT_TEST_NAME	_IOWR(KEVENT_NT_TEST_MAGIC, 2, struct kevent_nt_test_name)
#define KEVENT_NT_TEST_WAIT	_IOWR(KEVENT_NT_TEST_MAGIC, 3, struct kevent_nt_test_wait)
#define KEVENT_NT_TEST_MIXED	_IOWR(KEVENT_NT_TEST_MAGIC, 4, struct kevent_nt_test_mixed)

#endif /* KEVENT_NT_TEST_H */
