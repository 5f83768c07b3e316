// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libkevent-win32: the Win32 event calls of <kevent/win32.h> on libkevent.
 * Each maps onto one or two kev_* calls; what differs from Windows is in
 * docs/porting-from-windows.md.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <kevent.h>
#include <kevent/win32.h>

static __thread DWORD last_error;

DWORD GetLastError(void)
{
	return last_error;
}

void SetLastError(DWORD err)
{
	last_error = err;
}

/* errno of a failed kev_* call as a Win32 error; @named: a name was given. */
static DWORD win32_error(int err, int named)
{
	switch (err) {
	case ENOENT:
		return ERROR_FILE_NOT_FOUND;
	case EACCES:
	case EPERM:
		return ERROR_ACCESS_DENIED;
	case EBADF:
	case ENOTTY:
	case ENODEV:
		return ERROR_INVALID_HANDLE;
	case ENOMEM:
	case ENOSPC:
	case EMFILE:
	case ENFILE:
		return ERROR_NOT_ENOUGH_MEMORY;
	case ENAMETOOLONG:
		return ERROR_INVALID_NAME;
	case EINVAL:
		return named ? ERROR_INVALID_NAME : ERROR_INVALID_PARAMETER;
	default:
		return ERROR_INVALID_PARAMETER;
	}
}

static void fail(DWORD err)
{
	last_error = err;
}

/*
 * kevent answers EBADF both for a bad fd and for an event fd opened without
 * the right the call needs (as write(2) on a read-only fd). Windows tells
 * them apart: ERROR_INVALID_HANDLE, ERROR_ACCESS_DENIED.
 */
static DWORD ebadf_error(const int *fds, unsigned int n)
{
	char path[32], link[64];
	unsigned int i;
	ssize_t len;

	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "/proc/self/fd/%d", fds[i]);
		len = readlink(path, link, sizeof(link) - 1);
		if (len < 0)
			return ERROR_INVALID_HANDLE;
		link[len] = '\0';
		if (!strstr(link, "[kevent]"))
			return ERROR_INVALID_HANDLE;
	}
	return ERROR_ACCESS_DENIED;
}

int kev_fd_from_handle(HANDLE h)
{
	return h ? (int)((uintptr_t)h - 1) : -1;
}

HANDLE kev_handle_from_fd(int fd)
{
	return fd >= 0 ? (HANDLE)((uintptr_t)fd + 1) : NULL;
}

/*
 * UTF-32 (Linux's wchar_t) to UTF-8, for kevent's names. Return: a malloc'd
 * string, or NULL with the Win32 error set (a surrogate or a code point past
 * U+10FFFF is ERROR_INVALID_NAME).
 */
static char *utf8_name(LPCWSTR w)
{
	size_t n = wcslen(w), i, o = 0;
	char *s = malloc(n * 4 + 1);

	if (!s) {
		fail(ERROR_NOT_ENOUGH_MEMORY);
		return NULL;
	}
	for (i = 0; i < n; i++) {
		uint32_t c = (uint32_t)w[i];

		if (c < 0x80) {
			s[o++] = (char)c;
		} else if (c < 0x800) {
			s[o++] = (char)(0xC0 | c >> 6);
			s[o++] = (char)(0x80 | (c & 0x3F));
		} else if (c < 0x10000) {
			if (c >= 0xD800 && c <= 0xDFFF)
				goto invalid;
			s[o++] = (char)(0xE0 | c >> 12);
			s[o++] = (char)(0x80 | (c >> 6 & 0x3F));
			s[o++] = (char)(0x80 | (c & 0x3F));
		} else if (c <= 0x10FFFF) {
			s[o++] = (char)(0xF0 | c >> 18);
			s[o++] = (char)(0x80 | (c >> 12 & 0x3F));
			s[o++] = (char)(0x80 | (c >> 6 & 0x3F));
			s[o++] = (char)(0x80 | (c & 0x3F));
		} else {
			goto invalid;
		}
	}
	s[o] = '\0';
	return s;
invalid:
	free(s);
	fail(ERROR_INVALID_NAME);
	return NULL;
}

/* Win32 access rights to kevent's; 0 if none of them is asked for. */
static unsigned int kev_access(DWORD access)
{
	unsigned int a = 0;

	if (access & SYNCHRONIZE)
		a |= KEV_ACCESS_WAIT;
	if (access & EVENT_MODIFY_STATE)
		a |= KEV_ACCESS_MODIFY;
	return a;
}

static HANDLE create_event(LPSECURITY_ATTRIBUTES sa, LPCSTR name, DWORD flags, DWORD access)
{
	unsigned int kf = 0, want;
	int fd, existed = 0;

	if (sa && sa->lpSecurityDescriptor) {
		fail(ERROR_INVALID_PARAMETER);
		return NULL;
	}
	if (name && !*name)
		name = NULL;	/* "" is unnamed, as on Windows */
	if (flags & CREATE_EVENT_MANUAL_RESET)
		kf |= KEV_MANUAL_RESET;
	if (flags & CREATE_EVENT_INITIAL_SET)
		kf |= KEV_INITIAL_SET;
	if (sa && sa->bInheritHandle)
		kf |= KEV_INHERIT;
	want = kev_access(access);
	if (!want) {
		fail(ERROR_INVALID_PARAMETER);
		return NULL;
	}
	if (!name || want == KEV_ACCESS_ALL) {
		fd = kev_create(name, kf, 0, &existed);
	} else {
		/*
		 * Less than all access: an existing event is opened with just
		 * that, so a caller allowed only to wait can still open it.
		 */
		for (;;) {
			fd = kev_create(name, kf | KEV_CREATE_NEW, 0, NULL);
			if (fd >= 0 || errno != EEXIST)
				break;
			fd = kev_open(name, want, kf & KEV_INHERIT);
			if (fd >= 0) {
				existed = 1;
				break;
			}
			if (errno != ENOENT)
				break;	/* gone meanwhile: create it again */
		}
	}
	if (fd < 0) {
		fail(win32_error(errno, name != NULL));
		return NULL;
	}
	last_error = existed ? ERROR_ALREADY_EXISTS : ERROR_SUCCESS;
	return kev_handle_from_fd(fd);
}

HANDLE CreateEventExA(LPSECURITY_ATTRIBUTES sa, LPCSTR name, DWORD flags, DWORD access)
{
	if (flags & ~(CREATE_EVENT_MANUAL_RESET | CREATE_EVENT_INITIAL_SET)) {
		fail(ERROR_INVALID_PARAMETER);
		return NULL;
	}
	return create_event(sa, name, flags, access);
}

HANDLE CreateEventA(LPSECURITY_ATTRIBUTES sa, BOOL manual, BOOL initial, LPCSTR name)
{
	return create_event(sa, name, (manual ? CREATE_EVENT_MANUAL_RESET : 0) |
			    (initial ? CREATE_EVENT_INITIAL_SET : 0), EVENT_ALL_ACCESS);
}

HANDLE CreateEventExW(LPSECURITY_ATTRIBUTES sa, LPCWSTR name, DWORD flags, DWORD access)
{
	char *u = NULL;
	HANDLE h;

	if (name && !(u = utf8_name(name)))
		return NULL;
	h = CreateEventExA(sa, u, flags, access);
	free(u);
	return h;
}

HANDLE CreateEventW(LPSECURITY_ATTRIBUTES sa, BOOL manual, BOOL initial, LPCWSTR name)
{
	char *u = NULL;
	HANDLE h;

	if (name && !(u = utf8_name(name)))
		return NULL;
	h = CreateEventA(sa, manual, initial, u);
	free(u);
	return h;
}

HANDLE OpenEventA(DWORD access, BOOL inherit, LPCSTR name)
{
	unsigned int want = kev_access(access);
	int fd;

	if (!name || !*name) {
		fail(ERROR_INVALID_PARAMETER);
		return NULL;
	}
	if (!want) {
		fail(ERROR_ACCESS_DENIED);
		return NULL;
	}
	fd = kev_open(name, want, inherit ? KEV_INHERIT : 0);
	if (fd < 0) {
		fail(win32_error(errno, 1));
		return NULL;
	}
	last_error = ERROR_SUCCESS;
	return kev_handle_from_fd(fd);
}

HANDLE OpenEventW(DWORD access, BOOL inherit, LPCWSTR name)
{
	char *u = NULL;
	HANDLE h;

	if (name && !(u = utf8_name(name)))
		return NULL;
	h = OpenEventA(access, inherit, u);
	free(u);
	return h;
}

/* kev_set/reset/pulse on a handle, as a BOOL. */
static BOOL change(HANDLE h, int (*op)(int))
{
	if (!h) {
		fail(ERROR_INVALID_HANDLE);
		return FALSE;
	}
	int fd = kev_fd_from_handle(h);

	if (op(fd) < 0) {
		fail(errno == EBADF ? ebadf_error(&fd, 1) : win32_error(errno, 0));
		return FALSE;
	}
	return TRUE;
}

BOOL SetEvent(HANDLE h)
{
	return change(h, kev_set);
}

BOOL ResetEvent(HANDLE h)
{
	return change(h, kev_reset);
}

BOOL PulseEvent(HANDLE h)
{
	return change(h, kev_pulse);
}

BOOL CloseHandle(HANDLE h)
{
	if (!h || close(kev_fd_from_handle(h))) {
		fail(ERROR_INVALID_HANDLE);
		return FALSE;
	}
	return TRUE;
}

/* One wait: for ever, a poll, or until the deadline. */
static int wait_once(const int *fds, DWORD n, BOOL all, DWORD ms,
		     const struct timespec *deadline)
{
	if (ms == INFINITE)
		return all ? kev_wait_all(fds, n, KEV_INFINITE) : kev_wait_any(fds, n, KEV_INFINITE);
	if (!ms)
		return all ? kev_wait_all(fds, n, 0) : kev_wait_any(fds, n, 0);
	return all ? kev_wait_all_until(fds, n, CLOCK_MONOTONIC, deadline) :
		     kev_wait_any_until(fds, n, CLOCK_MONOTONIC, deadline);
}

static void deadline_after(DWORD ms, struct timespec *deadline)
{
	clock_gettime(CLOCK_MONOTONIC, deadline);
	deadline->tv_sec += ms / 1000;
	deadline->tv_nsec += (long)(ms % 1000) * 1000000L;
	if (deadline->tv_nsec >= 1000000000L) {
		deadline->tv_sec++;
		deadline->tv_nsec -= 1000000000L;
	}
}

/*
 * A wait's end, r from wait_once(), as Win32 says it. A signal handler
 * that interrupted the wait ends an alertable one (WAIT_IO_COMPLETION, the
 * nearest thing to an APC); the callers go on waiting otherwise.
 */
static DWORD wait_result(int r, BOOL all, const int *fds, DWORD n)
{
	if (r >= 0)
		return WAIT_OBJECT_0 + (all ? 0 : (DWORD)r);
	if (errno == ETIMEDOUT)
		return WAIT_TIMEOUT;
	if (errno == EINTR)
		return WAIT_IO_COMPLETION;
	fail(errno == EBADF ? ebadf_error(fds, n) : win32_error(errno, 0));
	return WAIT_FAILED;
}

DWORD WaitForMultipleObjectsEx(DWORD n, const HANDLE *hs, BOOL all, DWORD ms, BOOL alertable)
{
	int fds[MAXIMUM_WAIT_OBJECTS];
	struct timespec deadline;
	DWORD i;
	int r;

	if (!n || n > MAXIMUM_WAIT_OBJECTS || !hs) {
		fail(ERROR_INVALID_PARAMETER);
		return WAIT_FAILED;
	}
	for (i = 0; i < n; i++) {
		if (!hs[i]) {
			fail(ERROR_INVALID_HANDLE);
			return WAIT_FAILED;
		}
		fds[i] = kev_fd_from_handle(hs[i]);
	}
	if (ms != INFINITE)
		deadline_after(ms, &deadline);
	do
		r = wait_once(fds, n, all, ms, &deadline);
	while (r < 0 && errno == EINTR && !alertable);
	return wait_result(r, all, fds, n);
}

/*
 * The set and the first wait are one call (kev_set_and_wait); a wait that
 * goes on after a signal handler, or past the INT_MAX ms kev_set_and_wait
 * takes, is a plain wait until the same deadline, so the event is set once.
 */
DWORD SignalObjectAndWait(HANDLE hsignal, HANDLE h, DWORD ms, BOOL alertable)
{
	int fds[2] = { kev_fd_from_handle(hsignal), kev_fd_from_handle(h) };
	struct timespec deadline;
	int r;

	if (!hsignal || !h) {
		fail(ERROR_INVALID_HANDLE);
		return WAIT_FAILED;
	}
	if (ms != INFINITE)
		deadline_after(ms, &deadline);
	r = kev_set_and_wait(fds[0], fds[1], ms == INFINITE ? KEV_INFINITE :
					     ms > INT_MAX ? INT_MAX : (int)ms);
	if (r < 0 && errno == ETIMEDOUT && ms != INFINITE && ms > INT_MAX)
		r = wait_once(&fds[1], 1, FALSE, ms, &deadline);
	while (r < 0 && errno == EINTR && !alertable)
		r = wait_once(&fds[1], 1, FALSE, ms, &deadline);
	/* EINVAL here is a handle that is no event: a wrong handle to Windows. */
	if (r < 0 && errno == EINVAL) {
		fail(ERROR_INVALID_HANDLE);
		return WAIT_FAILED;
	}
	return wait_result(r, FALSE, fds, 2);
}

DWORD WaitForMultipleObjects(DWORD n, const HANDLE *hs, BOOL all, DWORD ms)
{
	return WaitForMultipleObjectsEx(n, hs, all, ms, FALSE);
}

DWORD WaitForSingleObjectEx(HANDLE h, DWORD ms, BOOL alertable)
{
	return WaitForMultipleObjectsEx(1, &h, FALSE, ms, alertable);
}

DWORD WaitForSingleObject(HANDLE h, DWORD ms)
{
	return WaitForMultipleObjectsEx(1, &h, FALSE, ms, FALSE);
}
