// SPDX-License-Identifier: GPL-2.0
/*
 * win32/kernel_nt: the NT kernel API (include/linux/kevent_nt.h) as a
 * ported driver uses it, through tests/modules/kevent_nt_test.ko: the
 * module's own checks (types, state changes, waits, timeouts, names,
 * handles, an embedded KEVENT set from hardirq), then what needs an
 * application: ObReferenceObjectByHandle() on this process's handles and
 * its error codes, the DriverWorks pattern (CreateEventW(L"SynchEvent")
 * here, \BaseNamedObjects\SynchEvent there), alertable and non-alertable
 * waits against signals, and one KeWaitForMultipleObjects() over a named,
 * an fd-referenced and an embedded event set from hardirq context.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include <kevent/win32.h>

#include "../modules/kevent_nt_test.h"
#include "tap.h"

/* NTSTATUS values, as kevent_nt.h (a kernel header) defines them. */
#define NT_SUCCESS_			0x00000000
#define NT_ALERTED			0x00000101
#define NT_TIMEOUT			0x00000102
#define NT_OBJECT_NAME_EXISTS		0x40000000
#define NT_INVALID_HANDLE		(int32_t)0xC0000008
#define NT_ACCESS_DENIED		(int32_t)0xC0000022
#define NT_OBJECT_TYPE_MISMATCH		(int32_t)0xC0000024
#define NT_OBJECT_NAME_INVALID		(int32_t)0xC0000033
#define NT_OBJECT_NAME_NOT_FOUND	(int32_t)0xC0000034
#define NT_OBJECT_NAME_COLLISION	(int32_t)0xC0000035
#define NT_INSUFFICIENT_RESOURCES	(int32_t)0xC000009A
#define NT_SYNCHRONIZE			0x00100000
#define NT_EVENT_MODIFY_STATE		0x0002
#define NT_KERNEL_MODE			0
#define NT_USER_MODE			1

static int dev;

static uint64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000ULL + ts.tv_nsec / 1000000;
}

static uint32_t granted;

static int32_t ref(int fd, uint32_t access, uint32_t mode, int wrong_type)
{
	struct kevent_nt_test_ref r = {
		.fd = fd, .access = access, .mode = mode, .wrong_type = wrong_type,
	};

	if (ioctl(dev, KEVENT_NT_TEST_REF, &r))
		bail_out("KEVENT_NT_TEST_REF: %s", strerror(errno));
	granted = r.granted;
	return r.status;
}

/* The kernel's UTF-16 name op on @name (ASCII, or @units when non-NULL). */
static int32_t name_op(uint32_t op, const char *name, const uint16_t *units,
		       unsigned int n, int set)
{
	struct kevent_nt_test_name r = { .op = op, .set = set };
	unsigned int i;

	if (!units)
		n = strlen(name);
	for (i = 0; i < n; i++)
		r.name[i] = units ? units[i] : (uint16_t)name[i];
	r.len = n * 2;
	if (ioctl(dev, KEVENT_NT_TEST_NAME, &r))
		bail_out("KEVENT_NT_TEST_NAME: %s", strerror(errno));
	return r.status;
}

static int32_t nt_wait(int fd, int alertable, uint32_t mode, int64_t timeout)
{
	struct kevent_nt_test_wait r = {
		.fd = fd, .alertable = alertable, .mode = mode,
		.infinite = timeout == INT64_MIN, .timeout = timeout,
	};

	if (ioctl(dev, KEVENT_NT_TEST_WAIT, &r))
		bail_out("KEVENT_NT_TEST_WAIT: %s", strerror(errno));
	return r.status;
}

static void on_alarm(int sig)
{
	(void)sig;
}

static HANDLE later;

static void *set_later(void *arg)
{
	(void)arg;
	usleep(100000);
	SetEvent(later);
	return NULL;
}

static void run_module_checks(void)
{
	struct kevent_nt_test_run r;
	unsigned int id;

	for (id = 0; ; id++) {
		memset(&r, 0, sizeof(r));
		r.id = id;
		if (ioctl(dev, KEVENT_NT_TEST_RUN, &r)) {
			if (errno != ENOENT)
				bail_out("KEVENT_NT_TEST_RUN %u: %s", id, strerror(errno));
			break;
		}
		if (r.line)
			diag("kevent_nt_test.c:%d: got %lld", r.line, (long long)r.got);
		ok(r.line == 0, "kernel: %s", r.name);
	}
	is_int(id, 10, "the module ran its 10 checks");
}

int main(void)
{
	const char *dir = getenv("KEVENT_TEST_MODDIR");
	static const uint16_t lone_low[] = { 'x', 0xdc00 };
	struct kevent_nt_test_mixed mx;
	struct sigaction act = { 0 };
	HANDLE h, ro, ev;
	pthread_t t;
	uint64_t t0;
	char cmd[512];
	int nul;

	plan(41);
	if (access("/sys/module/kevent_nt_test", F_OK) == 0)
		system("rmmod kevent_nt_test");
	snprintf(cmd, sizeof(cmd), "insmod %s/kevent_nt_test.ko",
		 dir ? dir : "/opt/kevent/test-modules");
	is_int(system(cmd), 0, "insmod kevent_nt_test.ko");
	dev = open(KEVENT_NT_TEST_DEVICE, O_RDWR | O_CLOEXEC);
	if (dev < 0)
		bail_out("open %s: %s", KEVENT_NT_TEST_DEVICE, strerror(errno));

	run_module_checks();

	/* ObReferenceObjectByHandle on this process's handles. */
	h = CreateEventW(NULL, TRUE, FALSE, NULL);
	is_int(ref(kev_fd_from_handle(h), NT_EVENT_MODIFY_STATE, NT_USER_MODE, 0),
	       NT_SUCCESS_, "ObReferenceObjectByHandle(UserMode) of an event handle");
	is_int(WaitForSingleObject(h, 0), WAIT_OBJECT_0, "...and the driver's KeSetEvent reached it");
	ro = OpenEventW(SYNCHRONIZE, FALSE, NULL);
	ok(ro == NULL, "OpenEventW without a name fails");
	CreateEventW(NULL, FALSE, FALSE, L"nt-ref");
	ro = OpenEventW(SYNCHRONIZE, FALSE, L"nt-ref");
	is_int(ref(kev_fd_from_handle(ro), NT_EVENT_MODIFY_STATE, NT_USER_MODE, 0),
	       NT_ACCESS_DENIED, "UserMode: EVENT_MODIFY_STATE on a SYNCHRONIZE handle: STATUS_ACCESS_DENIED");
	is_int(ref(kev_fd_from_handle(ro), NT_SYNCHRONIZE, NT_USER_MODE, 0),
	       NT_SUCCESS_, "UserMode: SYNCHRONIZE on it: STATUS_SUCCESS");
	is_int(ref(kev_fd_from_handle(ro), NT_EVENT_MODIFY_STATE, NT_KERNEL_MODE, 0),
	       NT_SUCCESS_, "KernelMode checks no access");
	ok((granted & NT_SYNCHRONIZE) && !(granted & NT_EVENT_MODIFY_STATE),
	   "...and GrantedAccess says what the handle carries: SYNCHRONIZE only (%#x)", granted);
	is_int(ref((int)0x80000010, NT_SYNCHRONIZE, NT_KERNEL_MODE, 0), NT_INVALID_HANDLE,
	       "KernelMode: a forged kernel-handle value from user space: STATUS_INVALID_HANDLE");
	is_int(ref(1000, NT_SYNCHRONIZE, NT_USER_MODE, 0), NT_INVALID_HANDLE,
	       "a closed fd: STATUS_INVALID_HANDLE");
	nul = open("/dev/null", O_RDONLY);
	is_int(ref(nul, NT_SYNCHRONIZE, NT_USER_MODE, 0), NT_OBJECT_TYPE_MISMATCH,
	       "a file that is not an event: STATUS_OBJECT_TYPE_MISMATCH");
	close(nul);
	is_int(ref(kev_fd_from_handle(h), NT_SYNCHRONIZE, NT_USER_MODE, 1),
	       NT_OBJECT_TYPE_MISMATCH, "another ObjectType than *ExEventObjectType: STATUS_OBJECT_TYPE_MISMATCH");
	CloseHandle(h);

	/* The DriverWorks tip: the application creates, the driver opens by name. */
	ev = CreateEventW(NULL, FALSE, FALSE, L"SynchEvent");
	ok(ev != NULL, "CreateEventW(L\"SynchEvent\")");
	is_int(name_op(KEVENT_NT_TEST_IO_CREATE_SYNC, "\\BaseNamedObjects\\SynchEvent", NULL, 0, 1),
	       NT_SUCCESS_, "the driver opens \\BaseNamedObjects\\SynchEvent and sets it");
	is_int(WaitForSingleObject(ev, 1000), WAIT_OBJECT_0, "WaitForSingleObject returns: the driver's set reached the application");
	is_int(WaitForSingleObject(ev, 0), WAIT_TIMEOUT, "a synchronization event: consumed by that wait");
	is_int(name_op(KEVENT_NT_TEST_ZW_CREATE, "\\BaseNamedObjects\\SynchEvent", NULL, 0, 0),
	       NT_OBJECT_NAME_COLLISION, "ZwCreateEvent on the name: STATUS_OBJECT_NAME_COLLISION");
	is_int(name_op(KEVENT_NT_TEST_ZW_CREATE_OPENIF, "SynchEvent", NULL, 0, 1),
	       NT_OBJECT_NAME_EXISTS, "with OBJ_OPENIF: STATUS_OBJECT_NAME_EXISTS, the same event");
	is_int(WaitForSingleObject(ev, 0), WAIT_OBJECT_0, "...which it set");
	is_int(name_op(KEVENT_NT_TEST_ZW_OPEN, "\\BaseNamedObjects\\nt-nobody", NULL, 0, 0),
	       NT_OBJECT_NAME_NOT_FOUND, "ZwOpenEvent of a missing name: STATUS_OBJECT_NAME_NOT_FOUND");
	is_int(name_op(KEVENT_NT_TEST_ZW_OPEN, NULL, lone_low, 2, 0),
	       NT_OBJECT_NAME_INVALID, "a lone UTF-16 surrogate: STATUS_OBJECT_NAME_INVALID");

	/* A kevent limit is STATUS_INSUFFICIENT_RESOURCES. */
	system("cat /sys/module/kevent/parameters/max_events_per_ns >/tmp/nt.max; "
	       "echo 0 >/sys/module/kevent/parameters/max_events_per_ns");
	is_int(name_op(KEVENT_NT_TEST_ZW_CREATE, "nt-over-limit", NULL, 0, 0),
	       NT_INSUFFICIENT_RESOURCES, "ZwCreateEvent past the namespace's event limit: STATUS_INSUFFICIENT_RESOURCES");
	system("cat /tmp/nt.max >/sys/module/kevent/parameters/max_events_per_ns");

	/* Alertable waits end on a signal; non-alertable ones do not. */
	act.sa_handler = on_alarm;
	sigaction(SIGALRM, &act, NULL);
	h = CreateEventW(NULL, FALSE, FALSE, NULL);
	ualarm(100000, 0);
	is_int(nt_wait(kev_fd_from_handle(h), 1, NT_USER_MODE, INT64_MIN), NT_ALERTED,
	       "an alertable infinite wait and a signal: STATUS_ALERTED");
	t0 = now_ms();
	ualarm(100000, 0);
	is_int(nt_wait(kev_fd_from_handle(h), 0, NT_USER_MODE, -3000000), NT_TIMEOUT,
	       "a non-alertable UserMode wait outlives a signal: STATUS_TIMEOUT");
	ok(now_ms() - t0 >= 290, "...after its 300 ms (%llu ms)",
	   (unsigned long long)(now_ms() - t0));
	later = h;
	pthread_create(&t, NULL, set_later, NULL);
	is_int(nt_wait(kev_fd_from_handle(h), 0, NT_KERNEL_MODE, INT64_MIN), NT_SUCCESS_,
	       "an infinite wait on an application's event: STATUS_WAIT_0 when it sets it");
	pthread_join(t, NULL);
	CloseHandle(h);

	/* Named + fd + embedded in one wait; the timer sets from hardirq. */
	h = CreateEventW(NULL, FALSE, FALSE, NULL);
	memset(&mx, 0, sizeof(mx));
	mx.fd = kev_fd_from_handle(h);
	snprintf(mx.name, sizeof(mx.name), "\\BaseNamedObjects\\nt-mixed-%d", getpid());
	if (ioctl(dev, KEVENT_NT_TEST_MIXED, &mx))
		bail_out("KEVENT_NT_TEST_MIXED: %s", strerror(errno));
	ok(mx.status == 2 && mx.hardirq && !mx.embedded_state,
	   "WaitAny over named, fd and embedded: STATUS_WAIT_0 + 2 from a hardirq set, consumed (status %#x hardirq %u)",
	   mx.status, mx.hardirq);
	SetEvent(h);
	mx.wait_all = 1;
	if (ioctl(dev, KEVENT_NT_TEST_MIXED, &mx))
		bail_out("KEVENT_NT_TEST_MIXED: %s", strerror(errno));
	ok(mx.status == 0 && mx.hardirq && !mx.named_state && !mx.embedded_state,
	   "WaitAll over the three: STATUS_WAIT_0 once hardirq set the last, all consumed (status %#x)",
	   mx.status);
	is_int(WaitForSingleObject(h, 0), WAIT_TIMEOUT, "...the application's event too");
	CloseHandle(h);
	CloseHandle(ev);

	close(dev);
	is_int(system("rmmod kevent_nt_test"), 0, "rmmod kevent_nt_test");
	return done();
}
