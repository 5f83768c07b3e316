// SPDX-License-Identifier: GPL-2.0
/*
 * kevent_nt_test: exercises include/linux/kevent_nt.h, the NT kernel API,
 * as a driver ported from Windows uses it. Its own checks run one at a time
 * through /dev/kevent-nt-test (KEVENT_NT_TEST_RUN); the checks that need an
 * application's handles, names or signals are ioctls that
 * tests/nt/kernel.c drives (kevent_nt_test.h).
 *
 * Locking: none of its own; every request works on its own stack.
 */
#include <linux/hrtimer.h>
#include <linux/kevent_nt.h>
#include <linux/ktime.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/timekeeping.h>
#include <linux/uaccess.h>

#include "kevent_compat.h"
#include "kevent_nt_test.h"

/* A check's verdict: 0, or the line of its first failed expectation. */
struct nt_check {
	int line;
	s64 got;
};

static void nt_expect(struct nt_check *c, int line, s64 val, s64 want)
{
	if (val != want && !c->line) {
		c->line = line;
		c->got = val;
	}
}

#define EXPECT_EQ(c, val, want)	nt_expect(c, __LINE__, (s64)(val), (s64)(want))

/* 100 ns units, as NT timeouts count. */
#define NT_MS(ms)	((s64)(ms) * 10000)

static void check_init_states(struct nt_check *c)
{
	KEVENT n, s;

	KeInitializeEvent(&n, NotificationEvent, TRUE);
	KeInitializeEvent(&s, SynchronizationEvent, FALSE);
	EXPECT_EQ(c, KeReadStateEvent(&n), 1);
	EXPECT_EQ(c, KeReadStateEvent(&s), 0);
	EXPECT_EQ(c, kevent_is_notification(&n), true);
	EXPECT_EQ(c, kevent_is_notification(&s), false);
}

static void check_state_changes(struct nt_check *c)
{
	KEVENT ev;

	KeInitializeEvent(&ev, NotificationEvent, FALSE);
	EXPECT_EQ(c, KeSetEvent(&ev, 0, FALSE), 0);
	EXPECT_EQ(c, KeSetEvent(&ev, 1, TRUE), 1);	/* Wait = TRUE: as FALSE */
	EXPECT_EQ(c, KeReadStateEvent(&ev), 1);
	EXPECT_EQ(c, KeResetEvent(&ev), 1);
	EXPECT_EQ(c, KeResetEvent(&ev), 0);
	KeSetEvent(&ev, 0, FALSE);
	KeClearEvent(&ev);
	EXPECT_EQ(c, KeReadStateEvent(&ev), 0);
	EXPECT_EQ(c, KePulseEvent(&ev, 0, FALSE), 0);
	EXPECT_EQ(c, KeReadStateEvent(&ev), 0);
	KeSetEvent(&ev, 0, FALSE);
	EXPECT_EQ(c, KePulseEvent(&ev, 0, FALSE), 1);
	EXPECT_EQ(c, KeReadStateEvent(&ev), 0);
}

static void check_wait_single(struct nt_check *c)
{
	LARGE_INTEGER zero = { .QuadPart = 0 };
	KEVENT s, n;

	KeInitializeEvent(&s, SynchronizationEvent, TRUE);
	KeInitializeEvent(&n, NotificationEvent, TRUE);
	EXPECT_EQ(c, KeWaitForSingleObject(&s, Executive, KernelMode, FALSE,
					   NULL), STATUS_WAIT_0);
	EXPECT_EQ(c, KeReadStateEvent(&s), 0);	/* consumed */
	EXPECT_EQ(c, KeWaitForSingleObject(&s, Executive, KernelMode, FALSE,
					   &zero), STATUS_TIMEOUT);
	EXPECT_EQ(c, KeWaitForSingleObject(&n, UserRequest, KernelMode, FALSE,
					   &zero), STATUS_SUCCESS);
	EXPECT_EQ(c, KeReadStateEvent(&n), 1);	/* not consumed */
}

static void check_timeouts(struct nt_check *c)
{
	/* 1601-01-01 to 1970-01-01 in 100 ns units. */
	const s64 epoch = 116444736000000000LL;
	LARGE_INTEGER t;
	KEVENT ev;
	u64 t0;

	KeInitializeEvent(&ev, SynchronizationEvent, FALSE);
	t.QuadPart = -NT_MS(20);		/* relative */
	t0 = ktime_get_ns();
	EXPECT_EQ(c, KeWaitForSingleObject(&ev, Executive, KernelMode, FALSE,
					   &t), STATUS_TIMEOUT);
	EXPECT_EQ(c, ktime_get_ns() - t0 >= 20 * NSEC_PER_MSEC, true);

	t.QuadPart = 1;				/* absolute, in 1601 */
	t0 = ktime_get_ns();
	EXPECT_EQ(c, KeWaitForSingleObject(&ev, Executive, KernelMode, FALSE,
					   &t), STATUS_TIMEOUT);
	EXPECT_EQ(c, ktime_get_ns() - t0 < 10 * NSEC_PER_SEC, true);

	/* Absolute system time 20 ms from now (CLOCK_REALTIME). */
	t.QuadPart = epoch + div_s64(ktime_get_real_ns(), 100) + NT_MS(20);
	t0 = ktime_get_ns();
	EXPECT_EQ(c, KeWaitForSingleObject(&ev, Executive, KernelMode, FALSE,
					   &t), STATUS_TIMEOUT);
	EXPECT_EQ(c, ktime_get_ns() - t0 >= 19 * NSEC_PER_MSEC, true);

	/* The longest relative timeout saturates instead of overflowing. */
	t.QuadPart = S64_MIN;
	KeSetEvent(&ev, 0, FALSE);
	EXPECT_EQ(c, KeWaitForSingleObject(&ev, Executive, KernelMode, FALSE,
					   &t), STATUS_WAIT_0);
}

static void check_wait_multiple(struct nt_check *c)
{
	LARGE_INTEGER zero = { .QuadPart = 0 };
	PVOID objs[MAXIMUM_WAIT_OBJECTS + 1];
	PKWAIT_BLOCK blocks;
	KEVENT ev[4];
	int i;

	/* Big: a driver keeps them in its device extension, not on the stack. */
	blocks = kcalloc(MAXIMUM_WAIT_OBJECTS, sizeof(*blocks), GFP_KERNEL);
	EXPECT_EQ(c, !!blocks, true);
	if (!blocks)
		return;
	for (i = 0; i < 4; i++) {
		KeInitializeEvent(&ev[i], SynchronizationEvent, i == 1 || i == 2);
		objs[i] = &ev[i];
	}
	/* WaitAny: the lowest signaled index wins and only it is consumed. */
	EXPECT_EQ(c, KeWaitForMultipleObjects(3, objs, WaitAny, Executive,
					      KernelMode, FALSE, &zero, NULL),
		  STATUS_WAIT_0 + 1);
	EXPECT_EQ(c, KeReadStateEvent(&ev[1]), 0);
	EXPECT_EQ(c, KeReadStateEvent(&ev[2]), 1);

	/* WaitAll: not all signaled times out and consumes nothing. */
	EXPECT_EQ(c, KeWaitForMultipleObjects(3, objs, WaitAll, Executive,
					      KernelMode, FALSE, &zero, NULL),
		  STATUS_TIMEOUT);
	EXPECT_EQ(c, KeReadStateEvent(&ev[2]), 1);
	KeSetEvent(&ev[0], 0, FALSE);
	KeSetEvent(&ev[1], 0, FALSE);
	EXPECT_EQ(c, KeWaitForMultipleObjects(3, objs, WaitAll, Executive,
					      KernelMode, FALSE, &zero, NULL),
		  STATUS_WAIT_0);
	for (i = 0; i < 3; i++)
		EXPECT_EQ(c, KeReadStateEvent(&ev[i]), 0);

	/* More than THREAD_WAIT_OBJECTS needs a WaitBlockArray. */
	KeSetEvent(&ev[3], 0, FALSE);
	EXPECT_EQ(c, KeWaitForMultipleObjects(4, objs, WaitAny, Executive,
					      KernelMode, FALSE, &zero, NULL),
		  STATUS_INVALID_PARAMETER);
	EXPECT_EQ(c, KeWaitForMultipleObjects(4, objs, WaitAny, Executive,
					      KernelMode, FALSE, &zero, blocks),
		  STATUS_WAIT_0 + 3);

	/* Count 0, past MAXIMUM_WAIT_OBJECTS, one event twice in a WaitAll. */
	for (i = 4; i <= MAXIMUM_WAIT_OBJECTS; i++)
		objs[i] = &ev[0];
	EXPECT_EQ(c, KeWaitForMultipleObjects(0, objs, WaitAny, Executive,
					      KernelMode, FALSE, &zero, blocks),
		  STATUS_INVALID_PARAMETER);
	EXPECT_EQ(c, KeWaitForMultipleObjects(MAXIMUM_WAIT_OBJECTS + 1, objs,
					      WaitAny, Executive, KernelMode,
					      FALSE, &zero, blocks),
		  STATUS_INVALID_PARAMETER);
	EXPECT_EQ(c, KeWaitForMultipleObjects(MAXIMUM_WAIT_OBJECTS, objs,
					      WaitAny, Executive, KernelMode,
					      FALSE, &zero, blocks),
		  STATUS_TIMEOUT);
	objs[1] = &ev[0];
	EXPECT_EQ(c, KeWaitForMultipleObjects(2, objs, WaitAll, Executive,
					      KernelMode, FALSE, &zero, NULL),
		  STATUS_INVALID_PARAMETER);
	EXPECT_EQ(c, NT_SUCCESS(STATUS_TIMEOUT), true);
	EXPECT_EQ(c, NT_SUCCESS(STATUS_INVALID_PARAMETER), false);
	kfree(blocks);
}

static void check_unicode_string(struct nt_check *c)
{
	UNICODE_STRING us;

	RtlInitUnicodeString(&us, L"SynchEvent");
	EXPECT_EQ(c, us.Length, 20);
	EXPECT_EQ(c, us.MaximumLength, 22);
	EXPECT_EQ(c, us.Buffer[0], 'S');
	RtlInitUnicodeString(&us, NULL);
	EXPECT_EQ(c, us.Length, 0);
	EXPECT_EQ(c, us.MaximumLength, 0);
}

static void check_io_create(struct nt_check *c)
{
	UNICODE_STRING name;
	HANDLE h1 = NULL, h2 = NULL;
	PKEVENT e1, e2;

	RtlInitUnicodeString(&name, L"\\BaseNamedObjects\\nt-test-notification");
	e1 = IoCreateNotificationEvent(&name, &h1);
	EXPECT_EQ(c, !!e1, true);
	if (!e1)
		return;
	EXPECT_EQ(c, KeReadStateEvent(e1), 1);	/* created signaled */
	EXPECT_EQ(c, kevent_is_notification(e1), true);
	KeClearEvent(e1);
	/* The second call opens the same event, as it is. */
	e2 = IoCreateSynchronizationEvent(&name, &h2);
	EXPECT_EQ(c, e2 == e1, true);
	EXPECT_EQ(c, KeReadStateEvent(e1), 0);
	if (e2)
		EXPECT_EQ(c, ZwClose(h2), STATUS_SUCCESS);
	EXPECT_EQ(c, ZwClose(h1), STATUS_SUCCESS);
	EXPECT_EQ(c, ZwClose(NULL), STATUS_INVALID_HANDLE);

	RtlInitUnicodeString(&name, L"\\BaseNamedObjects\\nt-test-synchronization");
	e1 = IoCreateSynchronizationEvent(&name, &h1);
	EXPECT_EQ(c, !!e1, true);
	if (!e1)
		return;
	EXPECT_EQ(c, KeReadStateEvent(e1), 1);
	EXPECT_EQ(c, kevent_is_notification(e1), false);
	EXPECT_EQ(c, ZwClose(h1), STATUS_SUCCESS);
}

static void check_names(struct nt_check *c)
{
	static const u16 lone_surrogate[] = { 'a', 0xd800, 'b' };
	UNICODE_STRING name, bad = {
		.Length = sizeof(lone_surrogate),
		.MaximumLength = sizeof(lone_surrogate),
		.Buffer = (PWSTR)lone_surrogate,
	};
	OBJECT_HANDLE_INFORMATION info = { 0, 0 };
	OBJECT_ATTRIBUTES oa;
	HANDLE h = NULL, h2 = NULL;
	PKEVENT ev;
	struct kevent *plain;
	PVOID obj = NULL, obj2 = NULL;

	/* A name nobody created. */
	RtlInitUnicodeString(&name, L"\\BaseNamedObjects\\nt-test-missing");
	InitializeObjectAttributes(&oa, &name, OBJ_KERNEL_HANDLE, NULL, NULL);
	EXPECT_EQ(c, ZwOpenEvent(&h, EVENT_ALL_ACCESS, &oa),
		  STATUS_OBJECT_NAME_NOT_FOUND);

	/* Invalid UTF-16 is an invalid name, never a replacement character. */
	InitializeObjectAttributes(&oa, &bad, OBJ_KERNEL_HANDLE, NULL, NULL);
	EXPECT_EQ(c, ZwOpenEvent(&h, EVENT_ALL_ACCESS, &oa),
		  STATUS_OBJECT_NAME_INVALID);
	EXPECT_EQ(c, !!IoCreateNotificationEvent(&bad, &h), false);

	/* UTF-16 to UTF-8: the plain API finds the NT name's event. */
	RtlInitUnicodeString(&name, L"\\BaseNamedObjects\\nt-test-caf\x00e9");
	InitializeObjectAttributes(&oa, &name, OBJ_KERNEL_HANDLE, NULL, NULL);
	EXPECT_EQ(c, ZwCreateEvent(&h, EVENT_ALL_ACCESS, &oa,
				   SynchronizationEvent, FALSE), STATUS_SUCCESS);
	EXPECT_EQ(c, ObReferenceObjectByHandle(h, SYNCHRONIZE, NULL, KernelMode,
					       &obj, NULL), STATUS_SUCCESS);
	plain = kevent_open("nt-test-caf\xc3\xa9", NULL);
	EXPECT_EQ(c, IS_ERR(plain), false);
	if (!IS_ERR(plain)) {
		EXPECT_EQ(c, plain == obj, true);
		kevent_put(plain);
	}
	ObDereferenceObject(obj);
	/* ...and the plain API takes the NT root too. */
	plain = kevent_open("\\BaseNamedObjects\\nt-test-caf\xc3\xa9", NULL);
	EXPECT_EQ(c, IS_ERR(plain), false);
	if (!IS_ERR(plain))
		kevent_put(plain);

	/* ZwCreateEvent on an existing name: collision, or open with OPENIF. */
	EXPECT_EQ(c, ZwCreateEvent(&h2, EVENT_ALL_ACCESS, &oa,
				   SynchronizationEvent, FALSE),
		  STATUS_OBJECT_NAME_COLLISION);
	InitializeObjectAttributes(&oa, &name, OBJ_OPENIF, NULL, NULL);
	EXPECT_EQ(c, ZwCreateEvent(&h2, EVENT_ALL_ACCESS, &oa,
				   NotificationEvent, TRUE),
		  STATUS_OBJECT_NAME_EXISTS);
	/* A new handle to the same event. */
	EXPECT_EQ(c, h2 != h && h2, true);
	EXPECT_EQ(c, ObReferenceObjectByHandle(h2, SYNCHRONIZE, NULL, KernelMode,
					       &obj2, NULL), STATUS_SUCCESS);
	EXPECT_EQ(c, obj2 == obj, true);
	ObDereferenceObject(obj2);
	EXPECT_EQ(c, ZwClose(h2), STATUS_SUCCESS);
	EXPECT_EQ(c, ZwClose(h2), STATUS_INVALID_HANDLE);	/* closed */

	/* A kernel handle: KernelMode references it, UserMode may not. */
	EXPECT_EQ(c, ObReferenceObjectByHandle(h, EVENT_MODIFY_STATE,
					       *ExEventObjectType, KernelMode,
					       &obj, &info), STATUS_SUCCESS);
	EXPECT_EQ(c, info.GrantedAccess & EVENT_MODIFY_STATE, EVENT_MODIFY_STATE);
	ev = obj;
	EXPECT_EQ(c, KeSetEvent(ev, 0, FALSE), 0);
	ObDereferenceObject(obj);
	EXPECT_EQ(c, ObReferenceObjectByHandle(h, EVENT_MODIFY_STATE,
					       *ExEventObjectType, UserMode,
					       &obj, NULL), STATUS_INVALID_HANDLE);
	EXPECT_EQ(c, ZwClose(h), STATUS_SUCCESS);

	/* Forged kernel handles are looked up, never followed. */
	EXPECT_EQ(c, ObReferenceObjectByHandle(h, 0, NULL, KernelMode, &obj,
					       NULL), STATUS_INVALID_HANDLE);
	EXPECT_EQ(c, ObReferenceObjectByHandle((HANDLE)(KEVENT_KERNEL_HANDLE_BASE |
							0x1234560), 0, NULL,
					       KernelMode, &obj, NULL),
		  STATUS_INVALID_HANDLE);
	EXPECT_EQ(c, ObReferenceObjectByHandle((HANDLE)-1L, 0, NULL, KernelMode,
					       &obj, NULL), STATUS_INVALID_HANDLE);
	EXPECT_EQ(c, ZwClose((HANDLE)(KEVENT_KERNEL_HANDLE_BASE | 8)),
		  STATUS_INVALID_HANDLE);
	EXPECT_EQ(c, ZwClose((HANDLE)0x80000001UL), STATUS_INVALID_HANDLE);

	/* Unnamed ZwCreateEvent; OBJ_PERMANENT is not for drivers. */
	EXPECT_EQ(c, ZwCreateEvent(&h, EVENT_ALL_ACCESS, NULL,
				   NotificationEvent, TRUE), STATUS_SUCCESS);
	EXPECT_EQ(c, ObReferenceObjectByHandle(h, SYNCHRONIZE, NULL, KernelMode,
					       &obj, NULL), STATUS_SUCCESS);
	EXPECT_EQ(c, KeReadStateEvent(obj), 1);
	ObDereferenceObject(obj);
	ZwClose(h);
	InitializeObjectAttributes(&oa, &name, OBJ_PERMANENT, NULL, NULL);
	EXPECT_EQ(c, ZwCreateEvent(&h, EVENT_ALL_ACCESS, &oa,
				   NotificationEvent, TRUE),
		  STATUS_INVALID_PARAMETER);
}

/* Hardirq sets of embedded and named events, waited on together. */
struct nt_timer {
	struct hrtimer timer;
	PKEVENT first, second;
	bool hardirq;
};

static enum hrtimer_restart nt_timer_fn(struct hrtimer *t)
{
	struct nt_timer *nt = container_of(t, struct nt_timer, timer);

	nt->hardirq = in_hardirq() && irqs_disabled();
	if (nt->second)
		KeSetEvent(nt->second, 0, FALSE);
	KeSetEvent(nt->first, 0, FALSE);
	return HRTIMER_NORESTART;
}

static void nt_timer_start(struct nt_timer *nt, PKEVENT first,
			   PKEVENT second)
{
	hrtimer_setup(&nt->timer, nt_timer_fn, CLOCK_MONOTONIC,
		      HRTIMER_MODE_REL_HARD);
	nt->first = first;
	nt->second = second;
	nt->hardirq = false;
	hrtimer_start(&nt->timer, ms_to_ktime(20), HRTIMER_MODE_REL_HARD);
}

static void check_hardirq_embedded(struct nt_check *c)
{
	LARGE_INTEGER timeout = { .QuadPart = -NT_MS(10000) };
	struct nt_timer *nt;
	KEVENT ev;

	/* Timers live off the stack (debugobjects wants them annotated there). */
	nt = kzalloc(sizeof(*nt), GFP_KERNEL);
	EXPECT_EQ(c, !!nt, true);
	if (!nt)
		return;
	KeInitializeEvent(&ev, SynchronizationEvent, FALSE);
	nt_timer_start(nt, &ev, NULL);
	EXPECT_EQ(c, KeWaitForSingleObject(&ev, Executive, KernelMode, FALSE,
					   &timeout), STATUS_WAIT_0);
	hrtimer_cancel(&nt->timer);
	EXPECT_EQ(c, nt->hardirq, true);
	EXPECT_EQ(c, KeReadStateEvent(&ev), 0);
	kfree(nt);
}

/*
 * The waiter frees its embedded event as soon as its wait returns, while
 * the hardirq setter may still be inside KeSetEvent() on another CPU: the
 * setter must not touch the event after releasing the waiter (KASAN on the
 * debug kernel reports it if it does).
 */
static void check_embedded_freed_after_set(struct nt_check *c)
{
	LARGE_INTEGER timeout = { .QuadPart = -NT_MS(10000) };
	struct nt_timer *nt;
	PKEVENT ev;
	int i, bad = 0;

	nt = kzalloc(sizeof(*nt), GFP_KERNEL);
	EXPECT_EQ(c, !!nt, true);
	if (!nt)
		return;
	for (i = 0; i < 200 && !bad; i++) {
		ev = kmalloc(sizeof(*ev), GFP_KERNEL);
		if (!ev)
			break;
		KeInitializeEvent(ev, i & 1 ? NotificationEvent :
				  SynchronizationEvent, FALSE);
		nt_timer_start(nt, ev, NULL);
		hrtimer_start(&nt->timer, ns_to_ktime(50 * NSEC_PER_USEC), HRTIMER_MODE_REL_HARD);
		if (KeWaitForSingleObject(ev, Executive, KernelMode, FALSE,
					  &timeout) != STATUS_WAIT_0)
			bad = i + 1;
		kfree(ev);
		hrtimer_cancel(&nt->timer);
	}
	EXPECT_EQ(c, bad, 0);
	EXPECT_EQ(c, i, 200);
	kfree(nt);
}

static const struct {
	const char *name;
	void (*fn)(struct nt_check *c);
} nt_checks[] = {
	{ "KeInitializeEvent types and states", check_init_states },
	{ "KeSetEvent/KeResetEvent/KeClearEvent/KePulseEvent", check_state_changes },
	{ "KeWaitForSingleObject", check_wait_single },
	{ "NT timeouts: relative, absolute, saturated", check_timeouts },
	{ "KeWaitForMultipleObjects", check_wait_multiple },
	{ "RtlInitUnicodeString", check_unicode_string },
	{ "IoCreateNotificationEvent/IoCreateSynchronizationEvent", check_io_create },
	{ "NT names, ZwCreateEvent/ZwOpenEvent, kernel handles", check_names },
	{ "embedded KEVENT set from hardirq", check_hardirq_embedded },
	{ "embedded KEVENT freed by its waiter right after the set",
	  check_embedded_freed_after_set },
};

static long nt_run(void __user *uarg)
{
	struct kevent_nt_test_run r;
	struct nt_check c = { 0, 0 };

	if (copy_from_user(&r, uarg, sizeof(r)))
		return -EFAULT;
	if (r.id >= ARRAY_SIZE(nt_checks))
		return -ENOENT;
	nt_checks[r.id].fn(&c);
	r.line = c.line;
	r.got = c.got;
	strscpy(r.name, nt_checks[r.id].name, sizeof(r.name));
	return copy_to_user(uarg, &r, sizeof(r)) ? -EFAULT : 0;
}

static long nt_ref(void __user *uarg)
{
	OBJECT_HANDLE_INFORMATION info = { 0, 0 };
	struct kevent_nt_test_ref r;
	PVOID obj = NULL;

	if (copy_from_user(&r, uarg, sizeof(r)))
		return -EFAULT;
	r.status = ObReferenceObjectByHandle((HANDLE)(uintptr_t)r.fd, r.access,
					     r.wrong_type ? (POBJECT_TYPE)1UL :
					     *ExEventObjectType,
					     r.mode, &obj, &info);
	r.granted = info.GrantedAccess;
	if (NT_SUCCESS(r.status)) {
		KeSetEvent(obj, 0, FALSE);
		ObDereferenceObject(obj);
	}
	return copy_to_user(uarg, &r, sizeof(r)) ? -EFAULT : 0;
}

static long nt_name(void __user *uarg)
{
	struct kevent_nt_test_name *r;
	OBJECT_ATTRIBUTES oa;
	UNICODE_STRING name;
	HANDLE h = NULL;
	PKEVENT ev = NULL;
	long ret = 0;

	r = memdup_user(uarg, sizeof(*r));
	if (IS_ERR(r))
		return PTR_ERR(r);
	if (r->len > sizeof(r->name)) {
		kfree(r);
		return -EINVAL;
	}
	name.Buffer = r->name;
	name.Length = r->len;
	name.MaximumLength = sizeof(r->name);
	InitializeObjectAttributes(&oa, &name, OBJ_KERNEL_HANDLE, NULL, NULL);
	switch (r->op) {
	case KEVENT_NT_TEST_IO_CREATE_SYNC:
		ev = IoCreateSynchronizationEvent(&name, &h);
		r->status = ev ? STATUS_SUCCESS : STATUS_INSUFFICIENT_RESOURCES;
		break;
	case KEVENT_NT_TEST_IO_CREATE_NOTIF:
		ev = IoCreateNotificationEvent(&name, &h);
		r->status = ev ? STATUS_SUCCESS : STATUS_INSUFFICIENT_RESOURCES;
		break;
	case KEVENT_NT_TEST_ZW_OPEN:
		r->status = ZwOpenEvent(&h, EVENT_ALL_ACCESS, &oa);
		break;
	case KEVENT_NT_TEST_ZW_CREATE_OPENIF:
		oa.Attributes |= OBJ_OPENIF;
		fallthrough;
	case KEVENT_NT_TEST_ZW_CREATE:
		r->status = ZwCreateEvent(&h, EVENT_ALL_ACCESS, &oa,
					  SynchronizationEvent, FALSE);
		break;
	default:
		ret = -EINVAL;
	}
	if (NT_SUCCESS(r->status) && h) {
		PVOID obj;

		/* A kernel handle is no pointer: reference what it names. */
		if (r->set && NT_SUCCESS(ObReferenceObjectByHandle(h, EVENT_MODIFY_STATE,
								   *ExEventObjectType,
								   KernelMode, &obj,
								   NULL))) {
			KeSetEvent(obj, 0, FALSE);
			ObDereferenceObject(obj);
		}
		ZwClose(h);
	}
	if (!ret && copy_to_user(uarg, r, sizeof(*r)))
		ret = -EFAULT;
	kfree(r);
	return ret;
}

static long nt_wait(void __user *uarg)
{
	struct kevent_nt_test_wait r;
	LARGE_INTEGER timeout;
	PVOID obj = NULL;

	if (copy_from_user(&r, uarg, sizeof(r)))
		return -EFAULT;
	r.status = ObReferenceObjectByHandle((HANDLE)(uintptr_t)r.fd,
					     SYNCHRONIZE, *ExEventObjectType,
					     UserMode, &obj, NULL);
	if (NT_SUCCESS(r.status)) {
		timeout.QuadPart = r.timeout;
		r.status = KeWaitForSingleObject(obj, UserRequest, r.mode,
						 r.alertable,
						 r.infinite ? NULL : &timeout);
		ObDereferenceObject(obj);
	}
	return copy_to_user(uarg, &r, sizeof(r)) ? -EFAULT : 0;
}

static long nt_mixed(void __user *uarg)
{
	LARGE_INTEGER timeout = { .QuadPart = -NT_MS(10000) };
	struct kevent_nt_test_mixed r;
	KWAIT_BLOCK blocks[3];
	UNICODE_STRING name;
	struct nt_timer *nt;
	u16 wname[80];
	PVOID objs[3];
	PKEVENT named;
	HANDLE h;
	KEVENT ev;
	int i;

	if (copy_from_user(&r, uarg, sizeof(r)))
		return -EFAULT;
	r.name[sizeof(r.name) - 1] = '\0';
	for (i = 0; r.name[i] && i < ARRAY_SIZE(wname); i++)
		wname[i] = (u8)r.name[i];
	name.Buffer = wname;
	name.Length = i * sizeof(WCHAR);
	name.MaximumLength = sizeof(wname);

	named = IoCreateSynchronizationEvent(&name, &h);
	if (!named)
		return -ENOMEM;
	KeClearEvent(named);
	r.status = ObReferenceObjectByHandle((HANDLE)(uintptr_t)r.fd,
					     SYNCHRONIZE | EVENT_MODIFY_STATE,
					     *ExEventObjectType, UserMode,
					     &objs[1], NULL);
	if (!NT_SUCCESS(r.status))
		goto out;
	nt = kzalloc(sizeof(*nt), GFP_KERNEL);
	if (!nt) {
		ObDereferenceObject(objs[1]);
		ZwClose(h);
		return -ENOMEM;
	}
	KeInitializeEvent(&ev, SynchronizationEvent, FALSE);
	objs[0] = named;
	objs[2] = &ev;
	nt_timer_start(nt, &ev, r.wait_all ? named : NULL);
	r.status = KeWaitForMultipleObjects(3, objs,
					    r.wait_all ? WaitAll : WaitAny,
					    Executive, KernelMode, FALSE,
					    &timeout, blocks);
	hrtimer_cancel(&nt->timer);
	r.hardirq = nt->hardirq;
	r.named_state = KeReadStateEvent(named);
	r.embedded_state = KeReadStateEvent(&ev);
	kfree(nt);
	ObDereferenceObject(objs[1]);
out:
	ZwClose(h);
	return copy_to_user(uarg, &r, sizeof(r)) ? -EFAULT : 0;
}

static long nt_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	void __user *uarg = (void __user *)arg;

	switch (cmd) {
	case KEVENT_NT_TEST_RUN:
		return nt_run(uarg);
	case KEVENT_NT_TEST_REF:
		return nt_ref(uarg);
	case KEVENT_NT_TEST_NAME:
		return nt_name(uarg);
	case KEVENT_NT_TEST_WAIT:
		return nt_wait(uarg);
	case KEVENT_NT_TEST_MIXED:
		return nt_mixed(uarg);
	default:
		return -ENOTTY;
	}
}

static const struct file_operations nt_fops = {
	.owner		= THIS_MODULE,
	.unlocked_ioctl	= nt_ioctl,
	.llseek		= noop_llseek,
};

static struct miscdevice nt_dev = {
	.minor	= MISC_DYNAMIC_MINOR,
	.name	= "kevent-nt-test",
	.fops	= &nt_fops,
	.mode	= 0600,
};

module_misc_device(nt_dev);

MODULE_DESCRIPTION("kevent: tests of the NT kernel API (kevent_nt.h)");
MODULE_LICENSE("GPL");
